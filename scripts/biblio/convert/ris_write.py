"""RIS written out: one record per reference, values that cannot break out of their record."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from biblio.convert.common import (
    NOTE_PREFIX,
    complements_for,
    person_text,
    reference_values,
    write_note,
)
from biblio.convert.normalise import one_line
from biblio.dates import NO_DATE, ris_date, ris_is_exact
from biblio.model import Reference
from biblio.schema import REFERENCE_FIELDS, TYPES_BY_ID

TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|)$")
# A continuation line that would read as a tag line is written with a backslash before it.
ESCAPED_TAG_LINE = re.compile(r"^\\+[A-Z][A-Z0-9]\s{1,2}-( |$)")
ORGANISATION_NOTE = f"{NOTE_PREFIX}organisation:"
PERSON_NOTE = f"{NOTE_PREFIX}personne:"
# Complement that keeps a type written back under another code (``TY  - Journal Article``).
TYPE_KEY = "ris:TY"
# Initials ending a name written without a comma, as Embase, Scopus or PubMed write authors
# (« Liu R. », « Adler D.G. », « Smith JA »): read as a person.
_INITIALS = re.compile(r"(?:[A-Z]\.-?){1,4}|[A-Z]{1,2}|(?:[A-Z]\.?-)[A-Z]\.?")


def ends_with_initials(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and _INITIALS.fullmatch(words[-1]) is not None


def dump(references: Sequence[Reference]) -> str:
    """RIS text of ``references`` (LF line ends, one blank line between records)."""
    return "\n".join(record_text(ref) for ref in references)


def record_text(ref: Reference) -> str:
    return "".join(f"{tag}  - {_value_lines(value)}\n" for tag, value in _tags(ref)) + "ER  - \n"


def _value_lines(value: str) -> str:
    """A value on as many lines as it holds; a line that would read as a tag line (a record
    injected by a value holding ``ER  -``) gets a backslash, which the reader removes."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [
        f"\\{line}" if TAG_LINE.match(line) or ESCAPED_TAG_LINE.match(line) else line
        for line in lines[1:]
    ]
    return "\n".join([lines[0], *escaped])


# Our field → the tag we write (Zotero's choices, declared in the schema). Persons, the date
# and the pages are written below; a field without a tag travels in an N1 note.
OUT_TAGS = {f.name: f.ris for f in REFERENCE_FIELDS if f.ris}
_NOT_HERE = {"type", "auteurs", "complements"}  # written first, or as complements


def _pages(value: str) -> Iterator[tuple[str, str]]:
    start, dash, end = value.partition("-")
    if dash and start and end:
        yield from (("SP", start), ("EP", end))
    else:
        yield "SP", value


def _tags(ref: Reference) -> Iterator[tuple[str, str]]:
    written = dict(ref.complements).get(TYPE_KEY, "")
    yield "TY", " ".join(written.split()) or TYPES_BY_ID[ref.type].ris
    yield "ID", ref.id
    for person in ref.auteurs:
        yield "AU", person_text(person)
    notes: dict[str, Any] = {"type": ref.type}
    for name, value in reference_values(ref).items():
        tag = OUT_TAGS.get(name, "")
        if name in _NOT_HERE:
            continue
        if name == "date" and value != NO_DATE:
            yield from ris_date(value)
            if not ris_is_exact(value):  # RIS cannot say it all: the exact value as a note
                notes[name] = value
        elif name == "pages":
            yield from _pages(value)
        elif tag and name != "date":  # (« s.d. »: a note; ISBN and ISSN share SN, told apart)
            # One item per tag line: an item cannot span lines (they would read as items).
            items = [one_line(v) for v in value] if isinstance(value, tuple) else [str(value)]
            yield from ((tag, item) for item in items)
        else:
            notes[name] = value
    for name, value in notes.items():
        yield "N1", write_note(name, value)
    yield from _person_notes(ref)
    for tag, value in sorted(complements_for(ref, "ris").items()):
        if re.fullmatch(r"[A-Z][A-Z0-9]", tag) and tag not in ("TY", "ER"):
            yield tag, value  # several values of a tag were joined: continuation lines


def _person_notes(ref: Reference) -> Iterator[tuple[str, str]]:
    """Notes for the names RIS's « Nom, Prénom » cannot say."""
    for person in ref.auteurs:
        if "," in person.organisation or ends_with_initials(person.organisation):
            yield "N1", f"{ORGANISATION_NOTE} {person.organisation}"
        elif "," in person.nom + person.prenom + person.particule:
            parts = {"nom": person.nom, "prenom": person.prenom, "particule": person.particule}
            shown = json.dumps({k: v for k, v in parts.items() if v}, ensure_ascii=False)
            yield "N1", f"{PERSON_NOTE} {person_text(person)} = {shown}"
