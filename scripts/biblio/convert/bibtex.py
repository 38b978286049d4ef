"""BibTeX / BibLaTeX: entries read with pybtex into raw records, with their lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import pybtex.errors
from pybtex.database import Person as PybtexPerson
from pybtex.database.input import bibtex as bibtex_input
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from biblio.convert.common import (
    LANGUAGES,
    complements_for,
    language_code,
    person_parts,
    person_text,
    reference_values,
)
from biblio.convert.latex import latex_to_text, text_to_latex
from biblio.dates import biblatex_date, from_biblatex, is_literal
from biblio.diagnostics import Diagnostic, error, quote
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Person, Position, Reference
from biblio.schema import REFERENCE_FIELDS, TYPES, TYPES_BY_ID
from biblio.validate.identifiers import CHECKS

# BibLaTeX entry types → our types, when the entry carries no explicit ``typedoc``.
ENTRY_TYPES: dict[str, str] = {
    "legislation": "loi",
    "report": "rapport",
    "techreport": "rapport",
    "manual": "guide",
    "article": "article-revue",
    "online": "page-web",
    "www": "page-web",
    "electronic": "page-web",
    "proceedings": "actes",
    "book": "ouvrage",
    "incollection": "chapitre",
    "inbook": "chapitre",
    "thesis": "these",
    "legal": "loi",
    "jurisdiction": "loi",
    "collection": "ouvrage",
    "phdthesis": "these",
    "mastersthesis": "these",
}

# BibLaTeX field → our field. Our own field names are also accepted as is.
FIELD_NAMES: dict[str, str] = {
    "title": "titre",
    "date": "date",
    "url": "url",
    "urldate": "date_consultation",
    "journaltitle": "publication",
    "journal": "publication",
    "booktitle": "publication",
    "volume": "volume",
    "number": "numero_revue",
    "pages": "pages",
    "pagetotal": "nombre_pages",
    "publisher": "editeurs",
    "institution": "editeurs",
    "organization": "editeurs",
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "abstract": "commentaire",
    "keywords": "mots_cles",
    "language": "langue",
    "langid": "langue",
    "location": "lieu",
    "address": "lieu",
    "type": "genre",
}
_OUR_FIELDS = {f.name for f in REFERENCE_FIELDS}
_SKIPPED = {"typedoc", "entrysubtype", "month", "year"}
_RAW_FIELDS = {"url", "doi", "isbn", "issn", "date", "urldate"}
_LIST_FIELDS = {"editeurs": " and ", "mots_cles": ",", "termes": ","}
_ENTRY_RE = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
_FIELD_RE = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*=", re.MULTILINE)

FieldLines = tuple[Position, dict[str, Position]]


class _Strict:
    """pybtex keeps its error mode in a global: set strict mode and restore it after."""

    def __enter__(self) -> None:
        self.previous = pybtex.errors.strict
        pybtex.errors.set_strict_mode(True)

    def __exit__(self, *args: object) -> None:
        pybtex.errors.set_strict_mode(self.previous)


def parse(text: str, fichier: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Read a .bib text; a syntax error yields one diagnostic and no record."""
    try:
        with _Strict():
            data = bibtex_input.Parser().parse_string(text)
    except PybtexSyntaxError as exc:
        where = Position(fichier, getattr(exc, "lineno", 1) or 1)
        return [], [error(where, "F003", f"erreur de syntaxe BibTeX : {_french(exc)}")]
    except PybtexError as exc:
        return [], [_data_error(exc, text, fichier)]
    lines = _field_lines(text, fichier)
    records: list[RawRecord] = []
    problems: list[Diagnostic] = []
    for key, entry in data.entries.items():
        record, entry_problems = _entry_record(key, entry, lines.get(key, (Position(fichier), {})))
        records.append(record)
        problems.extend(entry_problems)
    return records, problems


def _french(exc: Exception) -> str:
    message = re.sub(r"^syntax error in line \d+: ", "", str(exc))
    if message == "'}' expected":
        return "« } » attendu : manque-t-il une virgule à la fin du champ précédent ?"
    return message.replace(" expected", " attendu")


def _data_error(exc: PybtexError, text: str, fichier: str) -> Diagnostic:
    message = str(exc)
    match = re.search(r"entry:?\s*(\S+)", message)
    key = match.group(1).strip("'\"") if match else ""
    starts = [m for m in _ENTRY_RE.finditer(text) if m.group(2) == key]
    where = Position(fichier)
    if len(starts) > 1:
        where = Position(fichier, text.count("\n", 0, starts[1].start()) + 1, 1)
    if "repeated" in message:
        return error(where, "X001", f"identifiant {quote(key)} en double dans le fichier")
    return error(where, "F003", f"BibTeX : {_french(exc)}")


def _field_lines(text: str, fichier: str) -> dict[str, FieldLines]:
    """Line of each entry and of each of its fields (pybtex keeps none)."""
    starts = list(_ENTRY_RE.finditer(text))
    result: dict[str, FieldLines] = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        entry_pos = Position(fichier, text.count("\n", 0, match.start()) + 1, 1)
        fields: dict[str, Position] = {}
        for field_match in _FIELD_RE.finditer(text, match.end(), end):
            line = text.count("\n", 0, field_match.start()) + 1
            column = field_match.start(1) - text.rfind("\n", 0, field_match.start(1))
            fields.setdefault(field_match.group(1).lower(), Position(fichier, line, column))
        result.setdefault(match.group(2), (entry_pos, fields))
    return result


def _entry_type(entry: Any, entry_pos: Position) -> tuple[str | None, Diagnostic | None]:
    if "typedoc" in entry.fields:
        return entry.fields["typedoc"], None
    kind = entry.type.lower()
    if kind == "article" and entry.fields.get("entrysubtype") == "newspaper":
        return "article-presse", None
    if kind in ENTRY_TYPES:
        return ENTRY_TYPES[kind], None
    if kind == "misc" and ("url" in entry.fields or "howpublished" in entry.fields):
        return "page-web", None  # Zotero's BibTeX export writes web pages as @misc
    choices = ", ".join(sorted(ENTRY_TYPES))
    return None, error(
        entry_pos,
        "R005",
        f"type BibTeX {quote('@' + entry.type)} non pris en charge sans champ typedoc "
        f"(types reconnus : {choices} ; typedoc : {', '.join(t.id for t in TYPES)})",
    )


def _entry_record(key: str, entry: Any, where: FieldLines) -> tuple[RawRecord, list[Diagnostic]]:
    entry_pos, field_pos = where
    marks = Marks(entry_pos.fichier)
    marks.values[()] = entry_pos
    data: dict[str, Any] = {}
    doc_type, problem = _entry_type(entry, entry_pos)
    problems = [problem] if problem else []
    if doc_type:
        data["type"] = doc_type
        marks.values[("type",)] = field_pos.get("typedoc", entry_pos)
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
    reported = frozenset() if doc_type else frozenset({"type"})
    return RawRecord("reference", key, data, marks, entry_pos, reported), problems


def _nor_from_number(data: dict[str, Any], marks: Marks) -> None:
    """Better BibLaTeX writes a French law's NOR as its ``number``."""
    number = str(data.get("numero_revue", ""))
    type_spec = TYPES_BY_ID.get(str(data.get("type")))
    is_legal = type_spec is not None and type_spec.csl == "legislation"
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
    if source_name in _RAW_FIELDS:
        return value.strip().strip("{}")
    text = latex_to_text(value)
    if target in _LIST_FIELDS:
        return [part.strip() for part in text.split(_LIST_FIELDS[target]) if part.strip()]
    if target == "langue":
        return language_code(text)
    if target in ("nombre_pages", "numero") and text.isdigit():
        return int(text)
    if target == "et_al":
        return text.lower() in ("true", "oui", "yes", "1")
    return text


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


# Our fields written under a BibLaTeX name (the rest are written under their own name,
# which ``parse`` reads back).
_OUT_NAMES = {
    "titre": "title",
    "genre": "type",
    "volume": "volume",
    "numero_revue": "number",
    "pages": "pages",
    "nombre_pages": "pagetotal",
    "lieu": "location",
    "date": "date",
    "date_consultation": "urldate",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "commentaire": "abstract",
    "mots_cles": "keywords",
}
# Written as they are: identifiers, dates, numbers (no LaTeX escaping).
_RAW_OUT = {"url", "doi", "isbn", "issn", "date", "date_consultation", "date_signature"}
_RAW_OUT |= {
    "date_maj",
    "date_ajout",
    "nombre_pages",
    "numero",
    "et_al",
    "url_archive",
    "date_archive",
}
_LANGIDS = {code: names[0] for code, names in LANGUAGES.items()}  # BibLaTeX's names


def dump(references: Sequence[Reference]) -> str:
    """BibLaTeX text (UTF-8) of ``references``, in the given order."""
    return "\n".join(entry_text(ref) for ref in references)


def entry_text(ref: Reference) -> str:
    type_spec = TYPES_BY_ID[ref.type]
    lines = [f"@{type_spec.biblatex}{{{ref.id},", f"  typedoc = {{{ref.type}}},"]
    for name, value in _out_fields(ref):
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _out_fields(ref: Reference) -> Iterator[tuple[str, str]]:
    values = reference_values(ref)
    if ref.auteurs:
        yield "author", " and ".join(_name_latex(p) for p in ref.auteurs)
    for name, value in values.items():
        if name in ("type", "auteurs", "complements"):
            continue
        if name == "publication":
            yield ("booktitle" if ref.type == "chapitre" else "journaltitle"), _latex(value)
        elif name == "editeurs":
            yield "publisher", " and ".join(f"{{{_latex(v)}}}" for v in value)
        elif name == "langue":
            yield "langid", _LANGIDS.get(value, value)
        elif name in ("date", "date_maj"):
            field, text = biblatex_date(value)  # EDTF as written, words (``year``) as LaTeX
            words = field == "year"
            yield (field if name == "date" else name), (_latex(text) if words else text)
        elif name in _RAW_OUT:
            yield _OUT_NAMES.get(name, name), str(value)
        else:
            yield _OUT_NAMES.get(name, name), _latex(value)
    yield from sorted(complements_for(ref, "bibtex").items())


def _latex(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(text_to_latex(str(v)) for v in value)
    return text_to_latex(str(value))


def _name_latex(person: Person) -> str:
    if person.is_organisation:
        return f"{{{_latex(person.organisation)}}}"
    return _latex(person_text(person))
