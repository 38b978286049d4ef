"""Benchmark: load and validate a generated base of 10,000 references (target: under 2 s).

Usage: python benchmarks/chargement.py [--references N] [--repetitions K]
Prints the figures; generates the corpus in a temporary folder (nothing in the repo).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from biblio.validate import perfile
from biblio.validate.runner import load_base

WORDS_TEXT = (
    "santé territoire accès soins prévention coordination élus collectivité inégalités "
    "sociales territoriales dynamique contrat local atelier ville conseil mental exercice "
    "coordonné professionnels communauté maison pluriprofessionnelle démarche partenariat "
    "diagnostic habitants quartiers prioritaires politique publique région agence œuvre"
)
WORDS = WORDS_TEXT.split()
NAMES = ("Motard", "Tessier", "Langlois", "Chauvin", "Jabot", "Laurent", "Sebai", "Yatim")
GIVEN = ("Clémentine", "Stéphane", "Géraldine", "Franck", "Françoise", "Anne", "Élise")
TERMS = ("asv", "cls", "clsm", "cpts", "msp")


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _reference(rng: random.Random, index: int) -> str:
    commentary = "\n".join(f"  {_words(rng, 12)}" for _ in range(10))
    return (
        f"type: article-revue\n"
        f'titre: "{_words(rng, 8).capitalize()} : {_words(rng, 4)}"\n'
        f"auteurs:\n  - nom: {rng.choice(NAMES)}\n    prenom: {rng.choice(GIVEN)}\n"
        f"  - nom: {rng.choice(NAMES)}\n    prenom: {rng.choice(GIVEN)}\n"
        f"publication: Santé publique\nvolume: {rng.randint(1, 40)}\n"
        f"numero_revue: {rng.randint(1, 6)}\n"
        f"date: {rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}\n"
        f"pages: {index % 700 + 1}-{index % 700 + 9}\n"
        f"url: https://exemple.fr/documents/{index}\n"
        f"territoire: national\nsection: s{index % 10}\nnumero: {index + 1}\n"
        f"termes: [{rng.choice(TERMS)}, {rng.choice(TERMS)}]\n"
        f"date_ajout: 2022-10-01\nsource_commentaire: base\n"
        f"commentaire: |\n{commentary}\n  Voir aussi [@ref{(index + 1) % 1000:05d}].\n"
    )


def generate(root: Path, count: int) -> None:
    rng = random.Random(1)
    (root / "mkdocs.yml").write_text("site_name: banc d'essai\n", encoding="utf-8")
    for folder in ("references", "glossaire", "sections"):
        (root / folder).mkdir()
    for index in range(10):
        (root / "sections" / f"s{index}.yaml").write_text(
            f'numero: "{index + 1}"\ntitre: Section {index}\nordre: {index + 1}\n', encoding="utf-8"
        )
    for term in TERMS:
        (root / "glossaire" / f"{term}.yaml").write_text(
            f"terme: {term.upper()}\nsigle: {term.upper()}\ndefinition: {_words(rng, 60)}\n",
            encoding="utf-8",
        )
    for index in range(count):
        path = root / "references" / f"ref{index:05d}.yaml"
        path.write_text(_reference(rng, index), encoding="utf-8")


def _timed(root: Path, use_cache: bool) -> float:
    started = time.perf_counter()
    report = load_base(root, use_cache=use_cache)
    elapsed = time.perf_counter() - started
    assert report.errors == 0, report.diagnostics[:3]
    return elapsed


def _command(root: Path, cache: str) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-m", "biblio", "valider", "--racine", str(root)]
    environment = {**os.environ, "BIBLIO_CACHE_DIR": cache}
    subprocess.run(command, check=True, capture_output=True, env=environment)
    return time.perf_counter() - started


def _first_command(root: Path) -> float:
    """The whole command on a base never checked before (its cache written)."""
    with tempfile.TemporaryDirectory() as cache:
        return _command(root, cache)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--references", type=int, default=10_000)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    count = args.references
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryDirectory() as cache:
        os.environ["BIBLIO_CACHE_DIR"] = cache
        root = Path(folder)
        started = time.perf_counter()
        generate(root, count)
        # Written files go to disk in the background: let that finish before measuring.
        os.sync()
        print(f"corpus généré : {count} références en {time.perf_counter() - started:.1f} s")
        shared = perfile.shares_work(count)
        print(f"vérification à froid sur {2 if shared else 1} processus ({os.cpu_count()} cœurs)")
        cold = [_timed(root, use_cache=False) for _ in range(max(1, args.repetitions // 2))]
        print(
            f"à froid, sans cache (lecture YAML + validation) : médiane "
            f"{statistics.median(cold):.2f} s ({statistics.median(cold) / count * 1000:.2f} "
            f"ms par référence)"
        )
        print(f"premier passage, cache à écrire : {_timed(root, use_cache=True):.2f} s")
        warm = [_timed(root, use_cache=True) for _ in range(args.repetitions)]
        print(
            f"fichiers inchangés, cache valide : médiane {statistics.median(warm):.2f} s, "
            f"min {min(warm):.2f} s, max {max(warm):.2f} s ({args.repetitions} essais)"
        )
        (root / "references" / "ref00042.yaml").write_text(
            _reference(random.Random(2), 42), encoding="utf-8"
        )
        print(f"après modification d'une fiche : {_timed(root, use_cache=True):.2f} s")
        firsts = [_first_command(root) for _ in range(3)]
        print(
            f"commande « biblio valider » complète, premier passage (démarrage de Python et "
            f"écriture du cache compris) : médiane {statistics.median(firsts):.2f} s"
        )
        commands = [_command(root, cache) for _ in range(3)]
        print(
            f"commande « biblio valider » complète (démarrage de Python compris, cache valide) :"
            f" médiane {statistics.median(commands):.2f} s"
        )
        print("objectif : moins de 2 s pour 10 000 références")


if __name__ == "__main__":
    main()
