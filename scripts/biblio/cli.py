"""The ``biblio`` command: French subcommands over the knowledge base."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from biblio import diagnostics
from biblio.commands import ajouter, importer, liens
from biblio.commands.support import (
    UsageError,
    check_section,
    load_clean,
    load_clean_report,
    root_of,
)
from biblio.convert.formats import BY_NAME
from biblio.output import WriteRefused
from biblio.validate.runner import Report, load_base

if TYPE_CHECKING:
    from biblio.publish import SiteFiles

# The modules that export and render are imported by their commands: ``biblio valider``
# (also the pre-commit hook) starts in 0.13 s instead of 0.27 s.

DESCRIPTION = "Outils de la base documentaire : valider, exporter, générer le site."
ROOT_HELP = "dossier de la base (par défaut : le dépôt qui contient mkdocs.yml)"

Command = Callable[[argparse.Namespace], int]


def cmd_valider(args: argparse.Namespace) -> int:
    report = load_base(root_of(args))
    if args.json:
        print(diagnostics.to_json(report.diagnostics))
        print(diagnostics.summary(report.diagnostics), file=sys.stderr)
    else:
        for diagnostic in report.diagnostics:
            print(diagnostic.format())
        print(diagnostics.summary(report.diagnostics))
    failing = report.errors + (report.warnings if args.strict else 0)
    return 1 if failing else 0


def cmd_exporter(args: argparse.Namespace) -> int:
    from biblio.convert import base_json
    from biblio.order import references_in_order, restrict_to_section

    corpus = load_clean(root_of(args))
    if args.section:
        check_section(corpus, args.section)
        corpus = restrict_to_section(corpus, args.section)
    if args.format == "json":
        text = base_json.dump(corpus)
    else:
        text = BY_NAME[args.format].dump(references_in_order(corpus))
    return _print_or_write(text, args)


def _print_or_write(text: str, args: argparse.Namespace) -> int:
    """``text`` on the standard output, or in ``--sortie`` (never replaced without --force)."""
    from biblio.output import write_new_file

    if args.sortie is None:
        sys.stdout.write(text)
    else:
        write_new_file(Path(args.sortie), text, overwrite=args.force)
        print(f"écrit : {args.sortie}", file=sys.stderr)
    return 0


def cmd_generer(args: argparse.Namespace) -> int:
    from biblio.output import write_generated_tree

    root = root_of(args)
    report = load_clean_report(root)
    site = _site_files(root, report, args.site_url)
    if site.missing:  # the same promise as the MkDocs build: nothing is written
        print(f"biblio generer : {site.broken_promise()} Rien n'a été écrit.", file=sys.stderr)
        return 1
    written = write_generated_tree(Path(args.sortie), site.files)
    print(f"{written} fichier(s) écrit(s) dans {args.sortie}")
    return 0


def _site_files(root: Path, report: Report, site_url: str) -> SiteFiles:
    from biblio.publish import site_files

    try:
        return site_files(root, report.corpus, report.donnees, site_url)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(str(exc)) from exc


def cmd_editeur(args: argparse.Namespace) -> int:
    """The editor's configuration (served at /admin/config.yml), generated from the schema."""
    import os

    from biblio.editor import settings_from_env
    from biblio.render.editor_config import editor_config_text

    try:
        text = editor_config_text(settings_from_env(os.environ))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    return _print_or_write(text, args)


def cmd_adresses(args: argparse.Namespace) -> int:
    from biblio.publish import check_built_site, promise_message

    root = root_of(args)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise UsageError(f"--site : {site} ne contient pas de site construit (index.html absent)")
    try:
        missing = check_built_site(root, site)
    except (ValueError, yaml.YAMLError) as exc:
        raise UsageError(str(exc)) from exc
    if missing:
        print(f"biblio adresses : {promise_message(missing)}", file=sys.stderr)
        return 1
    print(f"adresses promises : toutes servies par {site}")
    return 0


def _add_site_commands(add: Callable[[str, str, Command], argparse.ArgumentParser]) -> None:
    """The commands about the built site: the editor's configuration, the promised addresses."""
    editeur = add(
        "editeur", "afficher la configuration de l'éditeur /admin/ (tirée du schéma)", cmd_editeur
    )
    editeur.add_argument("-o", "--sortie", metavar="FICHIER", help="fichier à écrire")
    editeur.add_argument("--force", action="store_true", help="remplacer le fichier existant")
    adresses = add(
        "adresses", "vérifier qu'un site construit sert chaque adresse promise", cmd_adresses
    )
    adresses.add_argument(
        "--site", default="site", metavar="DOSSIER", help="le site construit (par défaut : site)"
    )


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
    exporter.add_argument("--format", choices=["json", *BY_NAME], default="json")
    exporter.add_argument("--section", metavar="ID", help="une section (et ses sous-sections)")
    exporter.add_argument("-o", "--sortie", metavar="FICHIER", help="fichier à écrire")
    exporter.add_argument("--force", action="store_true", help="remplacer le fichier existant")
    generer = add("generer", "écrire les pages Markdown du site", cmd_generer)
    generer.add_argument("--sortie", metavar="DOSSIER", required=True, help="dossier à écrire")
    generer.add_argument(
        "--site-url", default="", metavar="URL", help="adresse du site (liens du fil Atom)"
    )
    _add_site_commands(add)
    importer.add_arguments(
        add("importer", "importer des références (BibTeX, RIS, CSL-JSON)", importer.run)
    )
    ajouter.add_arguments(add("ajouter", "créer une fiche de référence", ajouter.run))
    # Commands that write records hold the tree's lock from loading to writing.
    for name in ("importer", "ajouter"):
        commands.choices[name].set_defaults(writes_records=True)
    liens.add_arguments(add("liens", "vérifier les liens des références", liens.run))
    return parser


def _run(args: argparse.Namespace) -> int:
    # A simulation writes nothing: it neither waits for the lock nor finishes a dead run.
    if not getattr(args, "writes_records", False) or getattr(args, "simulation", False):
        return int(args.run(args))
    from biblio.staging import locked_tree

    with locked_tree(root_of(args)):
        return int(args.run(args))


def main(argv: Sequence[str] | None = None) -> int:
    from biblio import argparse_fr

    argparse_fr.install()
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
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
