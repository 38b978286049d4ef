"""RIS: Zotero, EndNote, Mendeley… exports read into raw records; references written out.

Reading is lenient about the dialects met in practice: ``TY  - `` or ``TY - ``, CRLF or LF,
a byte-order mark, values continued on the following lines (joined with a line break).
Our fields with no RIS tag travel in ``N1`` notes written ``biblio:champ: valeur``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from biblio.convert.common import (
    NOTE_PREFIX,
    complements_for,
    date_from_text,
    language_code,
    new_raw,
    person_from_text,
    person_text,
    read_note,
    reference_values,
    write_note,
)
from biblio.dates import ris_date, ris_is_exact
from biblio.diagnostics import Diagnostic, error, quote
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Position, Reference
from biblio.schema import TYPES_BY_ID

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|)$")
_ORGANISATION_NOTE = f"{NOTE_PREFIX}organisation:"

# RIS reference types → ours (several dialects; the first listed per type is what we write).
RIS_TYPES: dict[str, str] = {
    "STAT": "loi",
    "BILL": "loi",
    "LEGAL": "loi",
    "RPRT": "rapport",
    "GOVDOC": "rapport",
    "GEN": "rapport",
    "JOUR": "article-revue",
    "MGZN": "article-revue",
    "EJOUR": "article-revue",
    "NEWS": "article-presse",
    "ELEC": "page-web",
    "WEB": "page-web",
    "BLOG": "page-web",
    "ICOMM": "page-web",
    "CONF": "actes",
    "CPAPER": "actes",
    "SLIDE": "presentation",
    "THES": "these",
    "BOOK": "ouvrage",
    "EBOOK": "ouvrage",
    "EDBOOK": "ouvrage",
    "CHAP": "chapitre",
    "ECHAP": "chapitre",
}
# Tag → our field, for single values (the first tag present wins).
_SINGLE = {
    "TI": "titre",
    "T1": "titre",
    "CT": "titre",
    "T2": "publication",
    "JO": "publication",
    "JF": "publication",
    "JA": "publication",
    "BT": "publication",
    "VL": "volume",
    "IS": "numero_revue",
    "CY": "lieu",
    "PP": "lieu",
    "UR": "url",
    "DO": "doi",
    "AB": "commentaire",
    "N2": "commentaire",
    "M3": "genre",
    "LA": "langue",
    "Y2": "date_consultation",
}


@dataclass
class _Entry:
    """Tags of one RIS record with the line of each value, in file order. Each value used for
    a field is marked taken; what is left goes to the record's complements, never dropped."""

    start: Position
    tags: list[tuple[str, str, Position]] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def take_all(self, *tags: str, prefix: str = "") -> list[tuple[str, Position]]:
        found = []
        for index, (tag, value, where) in enumerate(self.tags):
            usable = tag in tags and value.strip() and value.startswith(prefix)
            if usable and index not in self.taken:
                self.taken.add(index)
                found.append((value, where))
        return found

    def take(self, *tags: str) -> tuple[str, Position] | None:
        for index, (tag, value, where) in enumerate(self.tags):
            if tag in tags and value.strip() and index not in self.taken:
                self.taken.add(index)
                return value, where
        return None

    def leftovers(self) -> list[tuple[str, str, Position]]:
        return [
            item
            for index, item in enumerate(self.tags)
            if index not in self.taken and item[0] not in ("TY", "ER") and item[1].strip()
        ]


def parse(text: str, fichier: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Records of a RIS text; a line outside any record is an error and yields nothing."""
    entries, problems = _entries(text.lstrip("\ufeff"), fichier)
    if problems:
        return [], problems
    records = []
    for index, entry in enumerate(entries, 1):
        record, entry_problems = _record(entry, index)
        problems.extend(entry_problems)
        records.append(record)
    return records, problems


def _entries(text: str, fichier: str) -> tuple[list[_Entry], list[Diagnostic]]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    for number, line in enumerate(text.splitlines(), 1):
        match = _TAG_LINE.match(line)
        where = Position(fichier, number, 1)
        if match and match.group(1) == "TY":
            current = _Entry(where)
            entries.append(current)
        if match and current is not None:
            current.tags.append((match.group(1), (match.group(2) or "").rstrip(), where))
            if match.group(1) == "ER":
                current = None
        elif current is not None and current.tags:
            tag, value, at = current.tags[-1]
            current.tags[-1] = (tag, f"{value}\n{line.rstrip()}", at)
        elif line.strip():
            message = f"ligne hors d'une fiche RIS {quote(line.strip()[:40])} (« TY  - » attendu)"
            return [], [error(where, "F003", message)]
    if current is not None:
        return [], [error(current.start, "F003", "fiche RIS sans fin (« ER  - » attendu)")]
    return entries, []


class _Values:
    """The values of a record being read, with the line each comes from."""

    def __init__(self, fichier: str) -> None:
        self.data: dict[str, Any] = {}
        self.marks = Marks(fichier)

    def put(self, name: str, value: Any, where: Position) -> None:
        self.data[name] = value
        self.marks.keys[(name,)] = self.marks.values[(name,)] = where


def _record(entry: _Entry, index: int) -> tuple[RawRecord, list[Diagnostic]]:
    values = _Values(entry.start.fichier)
    problems: list[Diagnostic] = []

    type_code = entry.tags[0][1].strip()  # a record starts with its TY line
    if type_code in RIS_TYPES:
        values.put("type", RIS_TYPES[type_code], entry.start)
    else:
        choices = ", ".join(sorted(RIS_TYPES))
        message = f"type RIS {quote(type_code)} non pris en charge (types reconnus : {choices})"
        problems.append(error(entry.start, "R005", message))
    key = (entry.take("ID") or (f"ris-{index}", entry.start))[0].strip()
    _people_and_lists(entry, values)
    _singles(entry, values)
    _dates_and_pages(entry, values)
    _notes_and_extras(entry, values)
    raw = new_raw(key, values.data, entry.start, values.marks)
    raw.reported = frozenset() if "type" in values.data else frozenset({"type"})
    return raw, problems


def _people_and_lists(entry: _Entry, values: _Values) -> None:
    put = values.put
    # RIS tells organisations by the absence of a comma; ours may hold one, so a note says so.
    organisations = {
        v.removeprefix(_ORGANISATION_NOTE).strip()
        for v, _ in entry.take_all("N1", prefix=_ORGANISATION_NOTE)
    }
    authors = entry.take_all("AU", "A1")
    if authors:
        people = [
            {"organisation": v} if v in organisations else person_from_text(v) for v, _ in authors
        ]
        put("auteurs", people, authors[0][1])
    for tag, name in (("PB", "editeurs"), ("KW", "mots_cles")):
        found = entry.take_all(tag)
        if found:
            items = [part.strip() for v, _ in found for part in v.split("\n") if part.strip()]
            put(name, items, found[0][1])
    number = entry.take("SN")
    if number:
        value = number[0].strip().split()[0]
        is_issn = re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value) is not None
        put("issn" if is_issn else "isbn", value, number[1])


def _singles(entry: _Entry, values: _Values) -> None:
    for tag, name in _SINGLE.items():
        found = None if name in values.data else entry.take(tag)
        if found is None:
            continue  # a second tag for the same field stays, as a complement
        value, where = found
        if name == "langue":
            value = language_code(value)
        elif name == "doi":
            value = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value.strip())
        elif name == "date_consultation":
            value = date_from_text(value)
        values.put(name, value if name == "commentaire" else " ".join(value.split()), where)


def _dates_and_pages(entry: _Entry, values: _Values) -> None:
    put = values.put
    # DA carries the full date in recent dialects, PY/Y1 the year (or all of it in old ones).
    found = [f for f in (entry.take("DA"), entry.take("PY", "Y1")) if f is not None]
    dates = [(date_from_text(value), where) for value, where in found]
    if dates:  # (the rule of ``biblio.dates.from_ris``)
        put("date", *max(dates, key=lambda d: len(d[0])))
    start, end = entry.take("SP"), entry.take("EP")
    if start:
        pages = start[0].strip() + (f"-{end[0].strip()}" if end else "")
        put("pages", pages, start[1])


def _notes_and_extras(entry: _Entry, values: _Values) -> None:
    for value, where in entry.take_all("N1", prefix=NOTE_PREFIX):
        values.put(*read_note(value), where)
    leftovers = entry.leftovers()
    extras: dict[str, list[str]] = {}
    for tag, value, _ in leftovers:
        extras.setdefault(f"ris:{tag}", []).append(value)
    if extras:
        values.put("complements", {k: "\n".join(v) for k, v in extras.items()}, leftovers[0][2])


def dump(references: Sequence[Reference]) -> str:
    """RIS text of ``references`` (LF line ends, one blank line between records)."""
    return "\n".join(record_text(ref) for ref in references)


def record_text(ref: Reference) -> str:
    return "".join(f"{tag}  - {value}\n" for tag, value in _tags(ref)) + "ER  - \n"


# Our field → the tag we write (Zotero's choices).
_OUT_TAGS = {
    "titre": "TI",
    "publication": "T2",
    "volume": "VL",
    "numero_revue": "IS",
    "lieu": "CY",
    "url": "UR",
    "doi": "DO",
    "commentaire": "AB",
    "genre": "M3",
    "langue": "LA",
    "date_consultation": "Y2",
    "isbn": "SN",
    "issn": "SN",
}


def _tags(ref: Reference) -> Iterator[tuple[str, str]]:
    yield "TY", TYPES_BY_ID[ref.type].ris
    yield "ID", ref.id
    for person in ref.auteurs:
        yield "AU", person_text(person)
    values = reference_values(ref)
    notes: dict[str, Any] = {"type": ref.type}
    for name, value in values.items():
        if name in ("type", "auteurs", "complements"):
            continue
        if name in _OUT_TAGS:
            yield _OUT_TAGS[name], str(value)
        elif name in ("editeurs", "mots_cles"):
            yield from ((("PB" if name == "editeurs" else "KW"), v) for v in value)
        elif name == "date" and value != "s.d.":
            yield from ris_date(value)
            if not ris_is_exact(value):  # RIS cannot say it all: the exact value as a note
                notes[name] = value
        elif name == "pages":
            start, dash, end = value.partition("-")
            if dash and start and end:
                yield from (("SP", start), ("EP", end))
            else:
                yield "SP", value
        else:
            notes[name] = value
    for name, value in notes.items():
        yield "N1", write_note(name, value)
    for person in ref.auteurs:
        if "," in person.organisation:
            yield "N1", f"{_ORGANISATION_NOTE} {person.organisation}"
    yield from sorted(complements_for(ref, "ris").items())
