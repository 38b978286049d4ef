"""RIS: Zotero, EndNote, Mendeley… exports read into raw records; references written out.

Reading is lenient about the dialects met in practice: ``TY  - `` or ``TY - ``, CRLF or LF,
a byte-order mark, values continued on the following lines (joined with a line break).
Our fields with no RIS tag travel in ``N1`` notes written ``biblio:champ: valeur``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from biblio import dates, schema
from biblio.convert.common import (
    NOTE_PREFIX,
    date_from_text,
    language_code,
    new_raw,
    person_from_text,
    read_note,
)
from biblio.convert.normalise import normalise, one_line
from biblio.convert.ris_lines import Entry, no_record, tagged_entries
from biblio.convert.ris_write import (
    ORGANISATION_NOTE,
    PERSON_NOTE,
    TYPE_KEY,
    dump,
    ends_with_initials,
    record_text,
)
from biblio.diagnostics import ERROR, Diagnostic, error
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Position
from biblio.schema import TYPES_BY_ID
from biblio.type_names import RIS_TYPES, ris_code

_ISSN_ONLY = re.compile(r"(?:\d{4}-?\d{3}[\dXx](?:\s*\([^)]*\))?[\s,;]*)+")

# Tags other dialects use for our fields, read after the schema's own tag.
_ALIASES = {
    "titre": ("T1", "CT"),
    "publication": ("JO", "JF", "JA", "BT"),
    "lieu": ("PP",),
    "commentaire": ("N2",),
}
# Read below: persons, ISBN / ISSN (one tag, told apart by their form), the date, the pages.
_SPECIAL_TAGS = {"AU", "SN", "PY", "SP"}
_LIST_KINDS = (schema.TEXTS, schema.IDENTIFIERS, schema.TERM_IDS, schema.REFERENCE_IDS)
_TAGGED = [f for f in schema.REFERENCE_FIELDS if f.ris and f.ris not in _SPECIAL_TAGS]
# Tag → our field, for single values (the first tag present wins).
_SINGLE = {
    tag: f.name
    for f in _TAGGED
    if f.kind not in (*_LIST_KINDS, schema.PERSONS)
    for tag in (f.ris, *_ALIASES.get(f.name, ()))
}
# Tag → our field, one value per tag line.
_LISTS = {f.ris: f.name for f in _TAGGED if f.kind in _LIST_KINDS}
_KINDS = {f.name: f.kind for f in schema.REFERENCE_FIELDS}


def parse(text: str, fichier: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Records of a RIS text, record by record: text outside the records is ignored with a
    warning; tags outside any record (no ``TY``) are one refused record."""
    entries, problems = tagged_entries(text.lstrip("\ufeff"), fichier)
    broken = any(d.gravite == ERROR for d in problems)
    if not entries and not broken and text.strip("\ufeff \t\r\n"):
        return [], [error(Position(fichier), "F003", no_record(text))]  # nothing read at all
    records = []
    for index, entry in enumerate(entries, 1):
        record, entry_problems = _record(entry, index)
        problems.extend(entry_problems)
        records.append(record)
    return records, problems


class _Values:
    """The values of a record being read, with the line each comes from."""

    def __init__(self, fichier: str) -> None:
        self.data: dict[str, Any] = {}
        self.marks = Marks(fichier)

    def put(self, name: str, value: Any, where: Position) -> None:
        self.data[name] = value
        self.marks.keys[(name,)] = self.marks.values[(name,)] = where


def _record(entry: Entry, index: int) -> tuple[RawRecord, list[Diagnostic]]:
    values = _Values(entry.start.fichier)
    problems: list[Diagnostic] = []

    written = entry.tags[0][1].strip()  # a record starts with its TY line
    code = ris_code(written)
    doc_type = RIS_TYPES[code] if code else "document"
    values.put("type", doc_type, entry.start)
    if written and TYPES_BY_ID[doc_type].ris != written:
        values.data["complements"] = {TYPE_KEY: written}
    key = (entry.take("ID") or (f"ris-{index}", entry.start))[0].strip()
    _people_and_lists(entry, values)
    _singles(entry, values)
    _dates_and_pages(entry, values)
    _notes_and_extras(entry, values)
    raw = new_raw(key, values.data, entry.start, values.marks)
    problems.extend(normalise(raw))
    return raw, problems


def _people_and_lists(entry: Entry, values: _Values) -> None:
    put = values.put
    # RIS tells organisations by the absence of a comma; ours may hold one, so a note says so.
    organisations = {
        v.removeprefix(ORGANISATION_NOTE).strip()
        for v, _ in entry.take_all("N1", prefix=ORGANISATION_NOTE)
    }
    # A name holding a comma cannot be written « Nom, Prénom »: a note gives its parts.
    named: dict[str, dict[str, str]] = {}
    for note, _ in entry.take_all("N1", prefix=PERSON_NOTE):
        written, _, parts = note.removeprefix(PERSON_NOTE).strip().rpartition(" = ")
        named[written] = _person_parts(parts)
    authors = entry.take_all("AU", "A1")
    if authors:
        people = [
            {"organisation": v} if v in organisations else named.get(v) or _person(v)
            for v, _ in authors
        ]
        put("auteurs", people, authors[0][1])
    for tag, name in _LISTS.items():
        found = entry.take_all(tag)
        if found:
            items = [part.strip() for v, _ in found for part in v.split("\n") if part.strip()]
            put(name, items, found[0][1])
    # SN holds ISSN or ISBN, one or several per line, on one or several lines.
    by_kind: dict[str, list[tuple[str, Position]]] = {"issn": [], "isbn": []}
    for value, where in entry.take_all("SN"):
        is_issn = _ISSN_ONLY.fullmatch(value.strip()) is not None
        by_kind["issn" if is_issn else "isbn"].append((value.strip(), where))
    for name, found in by_kind.items():
        if found:
            put(name, "; ".join(v for v, _ in found), found[0][1])


def _person(text: str) -> dict[str, str]:
    """« Nom, Prénom »; « Nom Initiales » (no comma) is a person too; otherwise an
    organisation."""
    if "," not in text and ends_with_initials(text):
        words = text.split()
        return person_from_text(f"{' '.join(words[:-1])}, {words[-1]}")
    return person_from_text(text)


def _person_parts(text: str) -> dict[str, str]:
    try:
        parts = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(parts, dict):
        return {}
    return {str(k): str(v) for k, v in parts.items() if k in ("nom", "prenom", "particule")}


def _singles(entry: Entry, values: _Values) -> None:
    for tag, name in _SINGLE.items():
        found = None if name in values.data else entry.take(tag)
        if found is None:
            continue  # a second tag for the same field stays, as a complement
        value, where = found
        values.put(name, _single_value(name, value), where)


def _single_value(name: str, value: str) -> str:
    kind = _KINDS[name]
    if name == "langue":
        return language_code(value)
    if name == "doi":
        return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value.strip())
    if kind in (schema.DATE, schema.FULL_DATE):
        return date_from_text(value)
    return value if kind == schema.MARKDOWN else one_line(value)


def _dates_and_pages(entry: Entry, values: _Values) -> None:
    put = values.put
    noted = _noted_date(entry)
    if noted is not None:  # our export: the note says the date; its PY and DA are derived
        for tag, derived in dates.ris_date(noted):
            entry.take_value((tag,), derived)
    else:
        # DA carries the full date in recent dialects, PY/Y1 the year (or all of it in old
        # ones); of several, the first that is a date (the others stay, as complements).
        found = [f for f in (_date_tag(entry, "DA"), _date_tag(entry, "PY", "Y1")) if f]
        if found:  # (the rule of ``biblio.dates.from_ris``)
            put("date", *max(found, key=lambda d: len(d[0])))
    start, end = entry.take("SP"), entry.take("EP")
    if start:
        pages = start[0].strip() + (f"-{end[0].strip()}" if end else "")
        put("pages", pages, start[1])


def _noted_date(entry: Entry) -> str | None:
    """The date of a ``biblio:date`` note (read with the other notes, below), if any."""
    for tag, value, _ in entry.tags:
        for line in value.split("\n") if tag == "N1" else ():
            if line.startswith(f"{NOTE_PREFIX}date:"):
                return str(read_note(line)[1])
    return None


def _date_tag(entry: Entry, *tags: str) -> tuple[str, Position] | None:
    """The first of ``tags`` whose value is a date, taken; else the first, to be reported."""
    for value, where in entry.peek_all(*tags):
        if dates.date_problem(date_from_text(value)) is None:
            entry.take_value(tags, value)
            return date_from_text(value), where
    found = entry.take(*tags)
    return (date_from_text(found[0]), found[1]) if found else None


def _notes_and_extras(entry: Entry, values: _Values) -> None:
    """Our fields from the ``biblio:`` lines of the N1 notes (first line or a later one, as
    a Zotero « Extra » with other text is written); what is left goes to the complements."""
    for index, (tag, value, where) in enumerate(entry.tags):
        if tag != "N1" or index in entry.taken:
            continue
        rest = []
        for line in value.split("\n"):
            name, note = read_note(line) if line.startswith(NOTE_PREFIX) else ("", None)
            if name and name != "complements":  # a table cannot come from one line
                values.put(name, note, where)
            else:
                rest.append(line)
        entry.tags[index] = (tag, "\n".join(rest), where)
    leftovers = entry.leftovers()
    extras: dict[str, list[str]] = {}
    for tag, value, _ in leftovers:
        extras.setdefault(f"ris:{tag}", []).append(value)
    if extras:
        kept = values.data.get("complements", {})
        joined = {k: "\n".join(v) for k, v in extras.items()}
        values.put("complements", {**kept, **joined}, leftovers[0][2])


__all__ = ["TYPE_KEY", "dump", "parse", "record_text"]
