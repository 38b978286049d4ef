"""``biblio importer``: Zotero (BibTeX, RIS, CSL-JSON) exports → new record files.

Each entry is created, created as a draft, a duplicate, or refused (unreadable); the command
fails (1) only when an entry was refused. ``--simulation`` prints the same report.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from biblio import diagnostics
from biblio.commands.support import UsageError, check_section, load_clean, root_of, taken_ids
from biblio.convert.formats import expected_formats
from biblio.load.raw import RawRecord
from biblio.output import write_new_files
from biblio.validate.runner import load_base

if TYPE_CHECKING:
    from biblio.importing import ImportPlan


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "fichiers", nargs="+", metavar="FICHIER", help=f"exports {expected_formats()}"
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
    from biblio.importing import plan_import, refused_entries

    root = root_of(args)
    corpus = load_clean(root)
    check_section(corpus, args.section)
    entries, problems = _read_all(args.fichiers)
    taken = frozenset(taken_ids(root, corpus))
    today = datetime.date.today().isoformat()
    plan = plan_import(corpus, entries, today, args.section, args.doublons, taken)
    plan.refused = refused_entries(problems)
    plan.problems[:0] = [p for p in problems if p.gravite != diagnostics.ERROR]
    for problem in sorted(plan.problems):
        print(problem.format())
    _print_plan(plan, args.simulation)
    invalid = False
    if not args.simulation and plan.created:
        write_new_files(root, {c.path: c.text for c in plan.created})
        invalid = _validate_created(root, plan)
    return 1 if plan.failed or invalid else 0


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
    """One line per entry, in its state, then the count of each state."""
    would = "serait " if simulation else ""
    for created in plan.created:
        origin = created.reference.position
        state = f"{would}créée en brouillon" if created.draft else f"{would}créée"
        gaps = f" — à compléter : {', '.join(created.missing)}" if created.missing else ""
        print(f"{state} : {created.path} (depuis {origin.fichier}:{origin.ligne}){gaps}")
    for skipped in plan.skipped:
        where = f"{skipped.where.fichier}:{skipped.where.ligne}"
        print(f"doublon : {where} « {skipped.title} » — {skipped.reason}")
    for refused in plan.refused:
        where = ":".join(str(part) for part in refused.where)
        print(f"refusée : {where} — {refused.reason}")
    drafts = len(plan.drafts)
    done = "à créer" if simulation else "créée(s)"
    print(
        f"{len(plan.created) - drafts} fiche(s) {done}, {drafts} en brouillon, "
        f"{len(plan.skipped)} doublon(s), {len(plan.refused)} refusée(s)"
        + (" — rien n'a été écrit (simulation)" if simulation else "")
    )


def _validate_created(root: Path, plan: ImportPlan) -> bool:
    """Run the validator and show what it says about the new files (drafts: warnings); true
    when one of them has an error (a fault of the import: the command fails)."""
    created = {c.path for c in plan.created}
    report = load_base(root)
    mine = [d for d in report.diagnostics if d.fichier in created]
    for diagnostic in mine:
        print(diagnostic.format())
    print(f"validation des fiches créées : {diagnostics.summary(mine)}")
    return any(d.gravite == diagnostics.ERROR for d in mine)
