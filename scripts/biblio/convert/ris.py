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

from biblio import schema
from biblio.convert.common import (
    complements_for,
    date_from_text,
    language_code,
    new_raw,
    person_from_text,
    person_text,
    reference_values,
)
from biblio.diagnostics import Diagnostic, error, quote
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Position, Reference
from biblio.schema import TYPES_BY_ID

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|)$")
NOTE_PREFIX = "biblio:"
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
_HANDLED = {"TY", "ER", "ID", "AU", "A1", "PB", "KW", "SN", "SP", "EP", "PY", "Y1", "DA", "N1"}
_LIST_KINDS = {schema.TEXTS, schema.TERM_IDS, schema.REFERENCE_IDS}
_FIELDS = {f.name: f for f in schema.REFERENCE_FIELDS}


@dataclass
class _Entry:
    """Tags of one RIS record with the line of each value, in file order."""

    start: Position
    tags: list[tuple[str, str, Position]] = field(default_factory=list)

    def values(self, tag: str) -> list[str]:
        return [v for t, v, _ in self.tags if t == tag]

    def first(self, *tags: str) -> tuple[str, Position] | None:
        for t, v, where in self.tags:
            if t in tags and v.strip():
                return v, where
        return None


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

    type_code = entry.values("TY")[0].strip()
    if type_code in RIS_TYPES:
        values.put("type", RIS_TYPES[type_code], entry.start)
    else:
        choices = ", ".join(sorted(RIS_TYPES))
        message = f"type RIS {quote(type_code)} non pris en charge (types reconnus : {choices})"
        problems.append(error(entry.start, "R005", message))
    _people_and_lists(entry, values)
    _singles(entry, values)
    _dates_and_pages(entry, values)
    _notes_and_extras(entry, values)
    key = (entry.first("ID") or (f"ris-{index}", entry.start))[0].strip()
    raw = new_raw(key, values.data, entry.start, values.marks)
    raw.reported = frozenset() if "type" in values.data else frozenset({"type"})
    return raw, problems


def _people_and_lists(entry: _Entry, values: _Values) -> None:
    put = values.put
    authors = [(v, w) for t, v, w in entry.tags if t in ("AU", "A1") and v.strip()]
    # RIS tells organisations by the absence of a comma; ours may hold one, so a note says so.
    organisations = {
        v.removeprefix(_ORGANISATION_NOTE).strip()
        for v in entry.values("N1")
        if v.startswith(_ORGANISATION_NOTE)
    }
    if authors:
        people = [
            {"organisation": v} if v in organisations else person_from_text(v) for v, _ in authors
        ]
        put("auteurs", people, authors[0][1])
    for tag, name in (("PB", "editeurs"), ("KW", "mots_cles")):
        found = [(v, w) for t, v, w in entry.tags if t == tag and v.strip()]
        if found:
            items = [part.strip() for v, _ in found for part in v.split("\n") if part.strip()]
            put(name, items, found[0][1])
    number = entry.first("SN")
    if number:
        value = number[0].strip().split()[0]
        is_issn = re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value) is not None
        put("issn" if is_issn else "isbn", value, number[1])


def _singles(entry: _Entry, values: _Values) -> None:
    for tag, name in _SINGLE.items():
        found = entry.first(tag)
        if found is None or name in values.data:
            continue
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
    found = [f for f in (entry.first("DA"), entry.first("PY", "Y1")) if f is not None]
    dates = [(date_from_text(value), where) for value, where in found]
    if dates:
        put("date", *max(dates, key=lambda d: len(d[0])))
    start, end = entry.first("SP"), entry.first("EP")
    if start:
        pages = start[0].strip() + (f"-{end[0].strip()}" if end else "")
        put("pages", pages, start[1])


def _notes_and_extras(entry: _Entry, values: _Values) -> None:
    put = values.put
    extras: dict[str, list[str]] = {}
    used = {tag for tag, name in _SINGLE.items() if entry.first(tag) and name in values.data}
    for tag, value, where in entry.tags:
        if tag == "N1" and value.startswith(_ORGANISATION_NOTE):
            continue
        if tag == "N1" and value.startswith(NOTE_PREFIX):
            name, _, text = value.removeprefix(NOTE_PREFIX).partition(":")
            put(name.strip(), note_value(name.strip(), text.strip()), where)
        elif (tag == "N1" or tag not in _HANDLED) and value.strip():
            if tag in used and entry.first(tag) == (value, where):
                continue
            extras.setdefault(f"ris:{tag}", []).append(value)
    if extras:
        first = next(w for t, v, w in entry.tags if f"ris:{t}" in extras)
        put("complements", {k: "\n".join(v) for k, v in extras.items()}, first)


def note_value(name: str, text: str) -> Any:
    spec = _FIELDS.get(name)
    kind = spec.kind if spec else schema.TEXT
    if kind == schema.INTEGER and text.isdigit():
        return int(text)
    if kind == schema.BOOLEAN:
        return {"oui": True, "non": False}.get(text, text)
    if kind in _LIST_KINDS:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def dump(references: Sequence[Reference]) -> str:
    """RIS text of ``references`` (LF line ends, one blank line between records)."""
    return "\n".join(record_text(ref) for ref in references)


def record_text(ref: Reference) -> str:
    return "".join(f"{tag}  - {value}\n" for tag, value in _tags(ref)) + "ER  - \n"


_OUT_TAGS = {v: k for k, v in _SINGLE.items() if k in ("TI", "T2", "VL", "IS", "CY", "UR")}
_OUT_TAGS |= {"doi": "DO", "commentaire": "AB", "genre": "M3", "langue": "LA"}
_OUT_TAGS |= {"date_consultation": "Y2", "isbn": "SN", "issn": "SN"}


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
            yield "PY", value[:4]
            yield "DA", value.replace("-", "/")
        elif name == "pages":
            start, dash, end = value.partition("-")
            yield ("SP", start) if dash and start and end else ("SP", value)
            yield from [("EP", end)] if dash and start and end else []
        else:
            notes[name] = value
    for name, value in notes.items():
        yield "N1", f"{NOTE_PREFIX}{name}: {_note_text(value)}"
    for person in ref.auteurs:
        if "," in person.organisation:
            yield "N1", f"{_ORGANISATION_NOTE} {person.organisation}"
    yield from sorted(complements_for(ref, "ris").items())


def _note_text(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)
