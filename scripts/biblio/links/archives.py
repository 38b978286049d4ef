"""Archived copies of links: proposals from a link check, written into the records on demand.

``biblio liens`` proposes, for each dead or redirected link, the Web Archive copy nearest
the day the documentalist consulted the page; ``biblio liens --ecrire-archives`` writes
``url_archive`` and ``date_archive`` into the record files that have none (never replacing
a value), as two lines after ``url:`` so that the rest of the file is left as it is.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from biblio.links.check import REDIRECTED
from biblio.links.report import ARCHIVE, Checked
from biblio.load.yaml_tree import YamlSyntaxError, parse_yaml
from biblio.model import Reference

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


@dataclass(frozen=True)
class Proposal:
    """An archived copy proposed for a record."""

    ref: Reference
    url_archive: str
    date_archive: str


def proposals(items: Sequence[Checked], today: datetime.date) -> list[Proposal]:
    """One proposal per record whose link is dead or redirected and that has no archive."""
    found = []
    for item in items:
        if not (item.dead or item.result.statut == REDIRECTED):
            continue
        for ref in item.references:
            if ref.url_archive:
                continue
            day = ref.date_consultation or ref.date_ajout or ref.date
            stamp = "".join(ch for ch in day if ch.isdigit()) or "2"
            # The copy's date is the consultation day when it is known to the day; else the
            # day of the proposal (the archive then serves the copy nearest the partial date).
            date = day if _FULL_DATE.match(day) else today.isoformat()
            found.append(Proposal(ref, ARCHIVE.format(stamp=stamp, url=ref.url), date))
    return found


def with_archive(text: str, proposal: Proposal) -> str | None:
    """The record's YAML text with the two keys after ``url:``; None if it cannot be done
    safely (no ``url:`` line at the top level, or an archive already there)."""
    lines = text.splitlines(keepends=True)
    if any(re.match(r"^(url_archive|date_archive)\s*:", line) for line in lines):
        return None
    start = next((i for i, line in enumerate(lines) if re.match(r"^url\s*:", line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and lines[end].strip() and not _TOP_KEY.match(lines[end]):
        end += 1  # a value continued on the next lines
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += newline
    added = [
        f"url_archive: {json.dumps(proposal.url_archive, ensure_ascii=False)}{newline}",
        f"date_archive: {proposal.date_archive}{newline}",
    ]
    return "".join(lines[:end] + added + lines[end:])


def write_archives(root: Path, found: Sequence[Proposal]) -> tuple[list[str], list[str]]:
    """Write each proposal into its record file: (files written, files left with a reason).

    Under the tree's lock, like every command that writes records; every new text is made
    and checked before the first is written, then all are committed through the staging
    folder and its journal: a run killed half-way is finished by the next command that
    writes (see ``biblio.staging``), so the base never holds only some of the archives."""
    from biblio.staging import commit_replaced_files, locked_tree

    changes: dict[str, str] = {}
    skipped = []
    with locked_tree(root):
        for proposal in found:
            relative = proposal.ref.position.fichier
            path = root / relative
            if path.suffix not in (".yaml", ".yml"):
                skipped.append(f"{relative} : fiche BibTeX, à compléter à la main")
                continue
            new = with_archive(path.read_text(encoding="utf-8"), proposal)  # read again now
            if new is None or not _still_valid(new, proposal, relative):
                skipped.append(f"{relative} : archive déjà présente ou clé url introuvable")
                continue
            changes[relative] = new
        if changes:
            commit_replaced_files(root, changes)
    return sorted(changes), skipped


def _still_valid(text: str, proposal: Proposal, name: str) -> bool:
    """The new text reads back with the same values and the two new ones."""
    try:
        data = parse_yaml(text, name).data
    except YamlSyntaxError:
        return False
    return (
        isinstance(data, dict)
        and data.get("url_archive") == proposal.url_archive
        and str(data.get("date_archive")) == proposal.date_archive
    )
