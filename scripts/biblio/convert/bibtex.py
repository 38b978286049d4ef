"""BibTeX / BibLaTeX: entries read with pybtex into raw records, with their lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from pybtex.database import Person as PybtexPerson

from biblio import schema
from biblio.convert.bibtex_entries import FieldLines, read_entries
from biblio.convert.common import (
    LANGUAGES,
    complements_for,
    language_code,
    person_parts,
    reference_values,
)
from biblio.convert.latex import escape_braces, latex_to_text, text_to_latex, unescape_braces
from biblio.convert.normalise import normalise
from biblio.dates import biblatex_date, from_biblatex, is_literal
from biblio.diagnostics import Diagnostic
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Person, Position, Reference
from biblio.schema import REFERENCE_FIELDS, TYPES_BY_ID
from biblio.type_names import BIBLATEX_TYPES
from biblio.validate.identifiers import CHECKS

# Complement that keeps an entry type written back under another name (``@mvbook``…).
ENTRY_TYPE_KEY = "bibtex:entrytype"

# Names other exporters use for our fields (BibTeX's, Zotero's), read after the schema's own.
_ALIASES = {
    "journal": "publication",
    "booktitle": "publication",
    "institution": "editeurs",
    "organization": "editeurs",
    "language": "langue",
    "address": "lieu",
}
# BibLaTeX field → our field (persons come from pybtex). Our own field names are also
# accepted as is (our export writes a field BibLaTeX has no name for under its own name).
FIELD_NAMES: dict[str, str] = {
    f.biblatex: f.name for f in REFERENCE_FIELDS if f.biblatex and f.kind != schema.PERSONS
} | _ALIASES
# Our field names read as such (our own export); not ``complements``, a table BibTeX cannot
# hold (its entries are fields of their own), nor ``id``, which the key gives.
_OUR_FIELDS = {f.name for f in REFERENCE_FIELDS} - {"complements", "id"}
_SKIPPED = {"typedoc", "entrysubtype", "month", "year"}
# Kinds written and read as they are: identifiers, addresses, dates, numbers (no LaTeX).
_RAW_KINDS = {schema.URL, schema.IDENTIFIER, schema.IDENTIFIERS, schema.DATE, schema.FULL_DATE}
_RAW_KINDS |= {schema.INTEGER, schema.BOOLEAN}
_KINDS = {f.name: f.kind for f in REFERENCE_FIELDS}
_RAW_FIELDS = {source for source, name in FIELD_NAMES.items() if _KINDS[name] in _RAW_KINDS}
_RAW_FIELDS |= {name for name in _OUR_FIELDS if _KINDS[name] in _RAW_KINDS}
# BibLaTeX's name lists (« A and B »); other lists are separated with commas.
_NAME_LISTS = {"publisher", "institution", "organization", "location"}
_LIST_FIELDS = {
    f.name: (" and " if f.biblatex in _NAME_LISTS else ",")
    for f in REFERENCE_FIELDS
    if f.kind in (schema.TEXTS, schema.TERM_IDS, schema.REFERENCE_IDS)
}


def parse(text: str, fichier: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Records of a .bib text, entry by entry: an entry that cannot be read yields one error
    (where it starts, why) and no record; the others are read all the same."""
    entries, problems = read_entries(text, fichier)
    records = []
    for key, entry, lines in entries:
        record, entry_problems = _entry_record(key, entry, lines)
        records.append(record)
        problems.extend(entry_problems)
    return records, problems


def _entry_type(entry: Any) -> tuple[str, str]:
    """Our type, and the entry's type when our type is written back under another name."""
    kind = entry.type.lower()
    if "typedoc" in entry.fields:  # our own export: the entry type may be kept from an import
        doc_type = entry.fields["typedoc"]
        spec = TYPES_BY_ID.get(doc_type)
        return doc_type, ("" if spec is None or spec.biblatex == kind else entry.type)
    if kind == "article" and entry.fields.get("entrysubtype") == "newspaper":
        return "article-presse", ""
    if kind == "misc" and ("url" in entry.fields or "howpublished" in entry.fields):
        doc_type = "page-web"  # Zotero's BibTeX export writes web pages as @misc
    else:
        doc_type = BIBLATEX_TYPES.get(kind, "document")
    spec = TYPES_BY_ID[doc_type]
    return doc_type, ("" if spec.biblatex == kind else entry.type)


def _entry_record(key: str, entry: Any, where: FieldLines) -> tuple[RawRecord, list[Diagnostic]]:
    entry_pos, field_pos = where
    marks = Marks(entry_pos.fichier)
    marks.values[()] = entry_pos
    data: dict[str, Any] = {}
    doc_type, original = _entry_type(entry)
    data["type"] = doc_type
    marks.values[("type",)] = field_pos.get("typedoc", entry_pos)
    if original:
        data["complements"] = {ENTRY_TYPE_KEY: original}
    for name, value in entry.fields.items():
        lower = name.lower()
        if lower in _SKIPPED:
            continue
        target = FIELD_NAMES.get(lower, lower if lower in _OUR_FIELDS else "")
        pos = field_pos.get(lower, entry_pos)
        if not target:
            # Kept, not dropped: the documentalist may want it, and an export gives it back.
            extra = data.setdefault("complements", {})
            extra[f"bibtex:{lower}"] = latex_to_text(value)
            marks.values.setdefault(("complements",), pos)
            continue
        marks.keys[(target,)] = marks.values[(target,)] = pos
        data[target] = _field_value(target, lower, value)
    _add_year(entry, data, marks, field_pos.get("year", entry_pos))
    _nor_from_number(data, marks)
    if "author" in entry.persons:
        data["auteurs"] = [_person(p) for p in entry.persons["author"]]
        marks.keys[("auteurs",)] = marks.values[("auteurs",)] = field_pos.get("author", entry_pos)
    raw = RawRecord(schema.RecordKind.REFERENCE, key, data, marks, entry_pos)
    return raw, normalise(raw, latex=False)


def _nor_from_number(data: dict[str, Any], marks: Marks) -> None:
    """Better BibLaTeX writes a French law's NOR as its ``number``."""
    number = str(data.get("numero_revue", ""))
    type_spec = TYPES_BY_ID.get(str(data.get("type")))
    is_legal = type_spec is not None and type_spec.is_legal
    if is_legal and number and CHECKS["nor"](number) is None and "nor" not in data:
        data["nor"] = data.pop("numero_revue")
        marks.values[("nor",)] = marks.values[("numero_revue",)]


def _add_year(entry: Any, data: dict[str, Any], marks: Marks, at: Position) -> None:
    for name in ("date", "date_maj"):
        if name in data:
            data[name] = _date_value(entry.fields[name])
    if "date" in data or "year" not in entry.fields:
        return
    year = _date_value(entry.fields["year"])
    data["date"] = from_biblatex("", year, entry.fields.get("month", "").strip("{} "))
    marks.values[("date",)] = at


def _date_value(text: str) -> str:
    """A date field as written (EDTF's ``~`` and ``%`` are no LaTeX there); a date in words
    is LaTeX, decoded."""
    value = from_biblatex(text.strip("{} "))
    return latex_to_text(text) if is_literal(value) else value


def _field_value(target: str, source_name: str, value: str) -> Any:
    decode = _raw_value if source_name in _RAW_FIELDS else latex_to_text
    if target in _LIST_FIELDS:  # split before decoding: a braced item is one item
        items = _split_outside_braces(" ".join(value.split()), target)
        parts = (decode(part).strip() for part in items)
        return [part for part in parts if part]
    text = decode(value)
    if target == "langue":
        return language_code(text)
    if _KINDS[target] == schema.INTEGER and text.isdecimal():
        return int(text)
    if _KINDS[target] == schema.BOOLEAN:
        return text.lower() in ("true", "oui", "yes", "1")
    return text


def _raw_value(value: str) -> str:
    """An identifier or date as written: protective braces dropped, escaped braces kept."""
    return unescape_braces(value)


def _person(person: PybtexPerson) -> dict[str, str]:
    last = person.last_names
    if len(last) == 1 and not person.first_names and last[0].startswith("{"):
        return {"organisation": latex_to_text(last[0])}
    # « {de Rivet}, Savinien » (Better BibTeX protects the particle) is split like
    # « de Rivet, Savinien ».
    return person_parts(
        latex_to_text(" ".join(last)),
        latex_to_text(" ".join(person.first_names + person.middle_names)),
        latex_to_text(" ".join(person.prelast_names)),
    )


# Our fields written under their BibLaTeX name (the rest are written under their own name,
# which ``parse`` reads back).
_OUT_NAMES = {f.name: f.biblatex for f in REFERENCE_FIELDS if f.biblatex}
_LANGIDS = {code: names[0] for code, names in LANGUAGES.items()}  # BibLaTeX's names


def dump(references: Sequence[Reference]) -> str:
    """BibLaTeX text (UTF-8) of ``references``, in the given order."""
    return "\n".join(entry_text(ref) for ref in references)


def entry_text(ref: Reference) -> str:
    entry_type = dict(ref.complements).get(ENTRY_TYPE_KEY) or TYPES_BY_ID[ref.type].biblatex
    entry_type = re.sub(r"[^\w-]", "", entry_type) or "misc"
    lines = [f"@{entry_type}{{{ref.id},", f"  typedoc = {{{ref.type}}},"]
    for name, value in _out_fields(ref):
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _split_outside_braces(value: str, target: str) -> list[str]:
    """The items of a list field, split where its separator stands outside braces."""
    separator = _LIST_FIELDS[target]
    parts, depth, start, index = [], 0, 0, 0
    while index < len(value):
        char = value[index]
        if char == "\\":  # an escaped character (« \{ ») opens nothing
            index += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and value.startswith(separator, index):
            parts.append(value[start:index])
            start = index = index + len(separator)
            continue
        index += 1
    return [*parts, value[start:]]


def _out_fields(ref: Reference) -> Iterator[tuple[str, str]]:
    values = reference_values(ref)
    if ref.auteurs:
        yield "author", " and ".join(_name_latex(p) for p in ref.auteurs)
    for name, value in values.items():
        if name in ("type", "auteurs", "complements"):
            continue
        if name == "publication":
            yield ("booktitle" if ref.type == "chapitre" else "journaltitle"), _latex(value)
        elif _LIST_FIELDS.get(name) == " and ":
            yield _OUT_NAMES[name], " and ".join(f"{{{_latex(v)}}}" for v in value)
        elif name == "langue":
            yield "langid", _LANGIDS.get(value, value)
        elif name in ("date", "date_maj"):
            field, text = biblatex_date(value)  # EDTF as written, words (``year``) as LaTeX
            words = field == "year"
            yield (field if name == "date" else name), (_latex(text) if words else text)
        elif _KINDS[name] in _RAW_KINDS:
            yield _OUT_NAMES.get(name, name), _raw_latex(value)
        else:
            yield _OUT_NAMES.get(name, name), _latex(value)
    for name, value in sorted(complements_for(ref, "bibtex").items()):
        if f"bibtex:{name}" != ENTRY_TYPE_KEY and re.fullmatch(r"[A-Za-z_][\w-]*", name):
            yield name, (_raw_latex(value) if name in _RAW_FIELDS else _latex(value))


def _raw_latex(value: object) -> str:
    """An identifier, date or number: written as is, braces escaped (read back by
    ``_raw_value``), several values joined with commas."""
    text = " ".join((", ".join(value) if isinstance(value, tuple) else str(value)).split())
    return escape_braces(text)


def _latex(value: object) -> str:
    if isinstance(value, tuple):  # an item holding a comma is braced: read back whole
        items = (text_to_latex(str(v)) for v in value)
        return ", ".join(f"{{{item}}}" if "," in item else item for item in items)
    return text_to_latex(str(value))


def _name_latex(person: Person) -> str:
    if person.is_organisation:
        return f"{{{_latex(person.organisation)}}}"
    family = f"{person.particule} {person.nom}" if person.particule else person.nom
    parts = [_name_part(family)] + ([_name_part(person.prenom)] if person.prenom else [])
    return ", ".join(parts)


def _name_part(text: str) -> str:
    """A part of a name; braced when a comma or « and » in it would split it for BibTeX."""
    latex = _latex(text)
    return f"{{{latex}}}" if "," in text or _AND.search(text) else latex


_AND = re.compile(r"\band\b", re.IGNORECASE)
