"""The ``biblio`` command: French subcommands over the knowledge base."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from biblio import diagnostics
from biblio.convert import base_json
from biblio.model import Corpus
from biblio.output import WriteRefused, write_generated_tree, write_new_file
from biblio.render.pages import generated_pages
from biblio.validate.runner import load_base

DESCRIPTION = "Outils de la base documentaire : valider, exporter, générer le site."
ROOT_HELP = "dossier de la base (par défaut : le dépôt qui contient mkdocs.yml)"

Command = Callable[[argparse.Namespace], int]


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


def _root(args: argparse.Namespace) -> Path:
    if args.racine is None:
        return find_root(Path.cwd())
    root = Path(args.racine)
    if not root.is_dir():
        raise UsageError(f"--racine : le dossier {root} n'existe pas")
    return root


def cmd_valider(args: argparse.Namespace) -> int:
    report = load_base(_root(args))
    if args.json:
        print(diagnostics.to_json(report.diagnostics))
        print(diagnostics.summary(report.diagnostics), file=sys.stderr)
    else:
        for diagnostic in report.diagnostics:
            print(diagnostic.format())
        print(diagnostics.summary(report.diagnostics))
    failing = report.errors + (report.warnings if args.strict else 0)
    return 1 if failing else 0


def _load_clean(root: Path) -> Corpus:
    report = load_base(root)
    if report.errors:
        for diagnostic in report.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        raise UsageError(
            f"la base contient {report.errors} erreur(s) : corrigez-les d'abord (biblio valider)"
        )
    return report.corpus


def cmd_exporter(args: argparse.Namespace) -> int:
    if args.format != "json":
        raise UsageError(f"format {args.format} : pas encore disponible (seul json l'est)")
    text = base_json.dump(_load_clean(_root(args)))
    if args.sortie is None:
        sys.stdout.write(text)
    else:
        write_new_file(Path(args.sortie), text, overwrite=args.force)
        print(f"écrit : {args.sortie}", file=sys.stderr)
    return 0


def cmd_generer(args: argparse.Namespace) -> int:
    pages = generated_pages(_load_clean(_root(args)))
    written = write_generated_tree(Path(args.sortie), pages)
    print(f"{written} page(s) écrite(s) dans {args.sortie}")
    return 0


def _not_yet(name: str) -> Command:
    def run(args: argparse.Namespace) -> int:
        raise UsageError(f"la commande « {name} » n'est pas encore disponible dans cette version")

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="biblio", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="commande", metavar="COMMANDE", required=True)

    def add(name: str, help_text: str, run: Command) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--racine", metavar="DOSSIER", help=ROOT_HELP)
        sub.set_defaults(run=run)
        return sub

    valider = add("valider", "vérifier toutes les fiches", cmd_valider)
    valider.add_argument(
        "--strict", action="store_true", help="échouer aussi sur les avertissements"
    )
    valider.add_argument("--json", action="store_true", help="diagnostics en JSON")
    exporter = add("exporter", "exporter la base", cmd_exporter)
    exporter.add_argument("--format", choices=["json", "bibtex", "ris", "csljson"], default="json")
    exporter.add_argument("-o", "--sortie", metavar="FICHIER", help="fichier à écrire")
    exporter.add_argument("--force", action="store_true", help="remplacer le fichier existant")
    generer = add("generer", "écrire les pages Markdown du site", cmd_generer)
    generer.add_argument("--sortie", metavar="DOSSIER", required=True, help="dossier à écrire")
    importer = add(
        "importer", "importer des références (BibTeX, RIS, CSL-JSON)", _not_yet("importer")
    )
    importer.add_argument("fichiers", nargs="*", metavar="FICHIER")
    add("ajouter", "créer une fiche de référence", _not_yet("ajouter"))
    add("liens", "vérifier les liens des références", _not_yet("liens"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (UsageError, WriteRefused) as exc:
        print(f"biblio {args.commande} : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrompu", file=sys.stderr)
        return 130
    except Exception as exc:  # never show a traceback to a documentalist
        print(
            f"biblio {args.commande} : erreur inattendue ({type(exc).__name__} : {exc}). "
            "Rien n'a été écrit. Merci de signaler ce problème avec la commande lancée.",
            file=sys.stderr,
        )
        return 3
