"""What every subcommand needs: the base's root, a clean corpus, French usage errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from biblio.load.files import find_record_files
from biblio.model import Corpus
from biblio.validate.runner import Report, load_base


class UsageError(Exception):
    """A problem with the command line or the tree, reported in French, exit code 2."""


def find_root(start: Path) -> Path:
    """The nearest folder holding ``mkdocs.yml``, from ``start`` upwards."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise UsageError(
        f"aucun mkdocs.yml trouvé dans {start} ni au-dessus : lancez la commande dans le dépôt "
        "ou indiquez-le avec --racine DOSSIER"
    )


def root_of(args: argparse.Namespace) -> Path:
    if args.racine is None:
        return find_root(Path.cwd())
    root = Path(args.racine)
    if not root.is_dir():
        raise UsageError(f"--racine : le dossier {root} n'existe pas")
    return root


def load_clean(root: Path) -> Corpus:
    """The corpus, or a usage error listing the base's errors (commands need a clean base)."""
    return load_clean_report(root).corpus


def load_clean_report(root: Path) -> Report:
    """The loaded base (corpus and data), or a usage error listing the base's errors."""
    report = load_base(root)
    if report.errors:
        for diagnostic in report.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        raise UsageError(
            f"la base contient {report.errors} erreur(s) : corrigez-les d'abord (biblio valider)"
        )
    return report


def check_section(corpus: Corpus, section: str) -> None:
    known = sorted(s.id for s in corpus.sections)
    if section and section not in known:
        raise UsageError(
            f"--section : section inconnue « {section} » (sections : {', '.join(known)})"
        )


def taken_ids(root: Path, corpus: Corpus) -> set[str]:
    """Ids a new record may not take: the references' (BibTeX keys included) and the names
    of every record file, even one the validator refused."""
    sources, _ = find_record_files(root)
    return {r.id for r in corpus.references} | {s.stem for s in sources}
