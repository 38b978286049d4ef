"""RIS: Zotero, EndNote, Mendeley… exports read into raw records; references written out.

Reading is lenient about the dialects met in practice: ``TY  - `` or ``TY - ``, CRLF or LF,
a byte-order mark, values continued on the following lines (joined with a line break).
Our fields with no RIS tag travel in ``N1`` notes written ``biblio:champ: valeur``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from biblio import schema
from biblio.convert.common import (
    NOTE_PREFIX,
    date_from_text,
    language_code,
    new_raw,
    person_from_text,
    read_note,
)
from biblio.convert.normalise import normalise, one_line
from biblio.convert.ris_write import (
    ESCAPED_TAG_LINE,
    ORGANISATION_NOTE,
    PERSON_NOTE,
    TAG_LINE,
    TYPE_KEY,
    dump,
    ends_with_initials,
    record_text,
)
from biblio.diagnostics import ERROR, Diagnostic, error, quote, warning
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
    """Records of a RIS text, record by record: text outside the records is ignored with a
    warning; tags outside any record (no ``TY``) are one refused record."""
    entries, problems = _entries(text.lstrip("\ufeff"), fichier)
    broken = any(d.gravite == ERROR for d in problems)
    if not entries and not broken and text.strip("\ufeff \t\r\n"):
        return [], [error(Position(fichier), "F003", _no_record(text))]  # nothing read at all
    records = []
    for index, entry in enumerate(entries, 1):
        record, entry_problems = _record(entry, index)
        problems.extend(entry_problems)
        records.append(record)
    return records, problems


def _no_record(text: str) -> str:
    message = "fichier illisible : aucune fiche RIS (« TY  - ») dans le fichier"
    if re.match(r"\ufeff?(FN|PT) ", text):
        message += (
            " ; c'est un export Web of Science en texte balisé : exportez plutôt au format "
            "RIS (ou BibTeX)"
        )
    return message


def _entries(text: str, fichier: str) -> tuple[list[_Entry], list[Diagnostic]]:
    entries: list[_Entry] = []
    problems: list[Diagnostic] = []
    current: _Entry | None = None
    orphan = stray = False  # inside tags without TY / inside text outside records
    # Lines end with LF or CRLF only: other Unicode line breaks are characters of a value.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        match = TAG_LINE.match(line)
        where = Position(fichier, number, 1)
        if match and match.group(1) == "TY":
            current, orphan, stray = _Entry(where), False, False
            entries.append(current)
        if current is not None:
            _add_line(current, match, line, where)
            if match and match.group(1) == "ER":
                current = None
        elif match and match.group(1) == "ER":
            orphan = False
        elif match and not orphan:
            orphan = True
            message = (
                f"notice illisible : balise {quote(match.group(1))} hors d'une fiche "
                "(« TY  - » attendu avant)"
            )
            problems.append(error(where, "F003", message))
        elif line.strip("\ufeff \t") and not orphan and not stray:
            stray = True
            message = f"ligne hors d'une fiche RIS ignorée : {quote(line.strip()[:40])}"
            problems.append(warning(where, "F003", message))
        elif not line.strip():
            stray = False
    if current is not None:
        message = "dernière fiche RIS sans fin (« ER  - » attendu) : lue jusqu'à la fin du fichier"
        problems.append(warning(current.start, "F003", message))
    return entries, problems


def _add_line(entry: _Entry, match: re.Match[str] | None, line: str, where: Position) -> None:
    if match:
        entry.tags.append((match.group(1), (match.group(2) or "").rstrip(), where))
        return
    if ESCAPED_TAG_LINE.match(line):
        line = line[1:]
    tag, value, at = entry.tags[-1]
    entry.tags[-1] = (tag, f"{value}\n{line.rstrip()}", at)


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


def _people_and_lists(entry: _Entry, values: _Values) -> None:
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


def _singles(entry: _Entry, values: _Values) -> None:
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
