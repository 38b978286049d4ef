"""``biblio importer``: Zotero (BibTeX, RIS, CSL-JSON) exports → new record files."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from biblio import diagnostics
from biblio.commands.support import UsageError, check_section, load_clean, root_of, taken_ids
from biblio.load.raw import RawRecord
from biblio.output import write_new_files
from biblio.validate.runner import load_base

if TYPE_CHECKING:
    from biblio.importing import ImportPlan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "fichiers", nargs="+", metavar="FICHIER", help="exports BibTeX, RIS, CSL-JSON"
    )
    parser.add_argument("--section", metavar="ID", default="", help="section des fiches créées")
    parser.add_argument(
        "--simulation", action="store_true", help="montrer ce qui serait fait, sans rien écrire"
    )
    parser.add_argument(
        "--doublons", action="store_true", help="importer aussi les doublons de la base"
    )


def run(args: argparse.Namespace) -> int:
    # Imported here: the readers of the exchange formats (pybtex) slow down other commands.
    from biblio.importing import plan_import

    root = root_of(args)
    corpus = load_clean(root)
    check_section(corpus, args.section)
    entries, problems = _read_all(args.fichiers)
    taken = frozenset(taken_ids(root, corpus))
    today = datetime.date.today().isoformat()
    plan = plan_import(corpus, entries, today, args.section, args.doublons, taken)
    plan.problems[:0] = problems
    for problem in sorted(plan.problems):
        print(problem.format())
    if plan.failed:  # read errors included: nothing is written from a broken file
        print(f"{diagnostics.summary(plan.problems)} : rien n'a été importé")
        return 1
    _print_plan(plan, args.simulation)
    if args.simulation or not plan.created:
        return 0
    write_new_files(root, {c.path: c.text for c in plan.created})
    return _validate_created(root, plan)


def _read_all(names: list[str]) -> tuple[list[RawRecord], list[diagnostics.Diagnostic]]:
    from biblio.importing import read_entries

    entries: list[RawRecord] = []
    problems: list[diagnostics.Diagnostic] = []
    for name in names:
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"fichier introuvable : {name}")
        found, file_problems = read_entries(path.read_bytes(), name)
        entries.extend(found)
        problems.extend(file_problems)
    return entries, problems


def _print_plan(plan: ImportPlan, simulation: bool) -> None:
    verb = "serait créée" if simulation else "créée"
    for created in plan.created:
        origin = created.reference.position
        print(f"{verb} : {created.path} (depuis {origin.fichier}:{origin.ligne})")
    for skipped in plan.skipped:
        where = f"{skipped.where.fichier}:{skipped.where.ligne}"
        print(f"ignorée : {where} « {skipped.title} » — {skipped.reason}")
    done = "à créer" if simulation else "créée(s)"
    print(f"{len(plan.created)} fiche(s) {done}, {len(plan.skipped)} ignorée(s)")


def _validate_created(root: Path, plan: ImportPlan) -> int:
    """Run the validator and show what it says about the new files."""
    created = {c.path for c in plan.created}
    report = load_base(root)
    mine = [d for d in report.diagnostics if d.fichier in created]
    for diagnostic in mine:
        print(diagnostic.format())
    print(f"validation des fiches créées : {diagnostics.summary(mine)}")
    return 1 if any(d.gravite == diagnostics.ERROR for d in mine) else 0
