"""CSL-JSON items from references; our extra fields go under ``custom``."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from biblio.cite import format_citation
from biblio.convert.common import (
    NOTE_PREFIX,
    complements_for,
    language_code,
    line_of,
    new_raw,
    person_parts,
    read_note,
)
from biblio.convert.normalise import normalise, one_line
from biblio.dates import csl_date, from_csl_date
from biblio.diagnostics import Diagnostic, error
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Person, Position, Reference
from biblio.schema import MARKDOWN, REFERENCE_FIELDS, TEXTS, TYPES, TYPES_BY_ID
from biblio.type_names import CSL_TYPES

# Our field → its CSL key, for the fields written as they are (one text, several joined).
# The others: persons, dates and the genre (below), and every field without a CSL key,
# under ``custom`` (by rule: a field CSL cannot carry is never dropped).
_SPECIAL = {"auteurs", "date", "date_consultation", "genre", "complements"}
_SIMPLE = {f.name: f.csl for f in REFERENCE_FIELDS if f.csl and f.name not in _SPECIAL}
_JOINED = {f.name: f.joined for f in REFERENCE_FIELDS}
# Also under ``custom``: which date ``issued`` holds, and the genre as written (not the type's).
_CUSTOM = tuple(
    f.name
    for f in REFERENCE_FIELDS
    if f.name in ("date", "genre") or not (f.csl or f.name in ("id", "type", "complements"))
)


def csl_person(person: Person) -> dict[str, str]:
    if person.is_organisation:
        return {"literal": person.organisation}
    result = {"family": person.nom}
    if person.prenom:
        result["given"] = person.prenom
    if person.particule:
        result["non-dropping-particle"] = person.particule
    return result


def to_csl(ref: Reference) -> dict[str, Any]:
    """The CSL-JSON item of ``ref``, house-style citation included under ``custom``."""
    type_spec = TYPES_BY_ID[ref.type]
    item: dict[str, Any] = {"id": ref.id, "type": type_spec.csl}
    if ref.auteurs:
        item["author"] = [csl_person(p) for p in ref.auteurs]
    for name, key in _SIMPLE.items():
        value = getattr(ref, name)
        if value:
            item[key] = _JOINED[name].join(value) if isinstance(value, tuple) else value
    genre = ref.genre or type_spec.genre
    if genre:
        item["genre"] = genre
    issued = ref.date or ref.date_signature
    if issued:
        item["issued"] = csl_date(issued)
    if ref.date_consultation:
        item["accessed"] = csl_date(ref.date_consultation)
    for key, value in complements_for(ref, "csl").items():
        item.setdefault(key, value)  # given back as imported
    if "language" in complements_for(ref, "csl") and ref.langue == "fr":
        item["language"] = complements_for(ref, "csl")["language"]  # « fr » is our default
    if TYPE_KEY in dict(ref.complements):
        item["type"] = dict(ref.complements)[TYPE_KEY]
    item["custom"] = _custom(ref)
    return item


def _custom(ref: Reference) -> dict[str, Any]:
    custom: dict[str, Any] = {"id": ref.id, "type": ref.type}
    for name in _CUSTOM:
        value = getattr(ref, name)
        if value not in (None, "", (), False):
            custom[name] = list(value) if isinstance(value, tuple) else value
    for name in _SIMPLE:  # a list CSL joins into one text, with an item holding the joint
        value = getattr(ref, name)
        if isinstance(value, tuple) and any(_JOINED[name].strip() in v for v in value):
            custom[name] = list(value)  # read back from here (``custom`` is authoritative)
    custom["citation"] = format_citation(ref).text
    return custom


def dump(references: Sequence[Reference]) -> str:
    """A CSL-JSON array (what Zotero imports), deterministic."""
    items = [to_csl(ref) for ref in references]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# Complement that keeps a type written back under another name (``motion_picture``…).
TYPE_KEY = "csl:type"
# Deeper than this, a JSON document is refused (Python's reader would hit its recursion limit).
MAX_DEPTH = 200
# A report's genre tells our finer types apart (« Guide », « Synthèse »…).
_GENRE_TYPES = {t.genre.casefold(): t.id for t in TYPES if t.genre and t.csl == "report"}
_FROM_CSL = {key: name for name, key in _SIMPLE.items()}
_HANDLED = {"id", "type", "author", "issued", "accessed", "genre"}
_HANDLED |= {"custom", "note", "citation-key"}
_JSON_ERRORS = {
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendu",
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Unterminated string starting at": "texte entre guillemets non terminé",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle dans un texte",
}


def parse(text: str, fichier: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Records of a CSL-JSON text (an array of items, or one item), item by item."""
    text = text.lstrip("\ufeff")
    too_deep = _too_deep(text)
    if too_deep is not None:
        where = Position(fichier, line_of(text, too_deep), too_deep - text.rfind("\n", 0, too_deep))
        message = f"JSON illisible : plus de {MAX_DEPTH} crochets ou accolades imbriqués"
        return [], [error(where, "F013", message)]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _JSON_ERRORS.get(exc.msg, exc.msg)
        return [], [error(Position(fichier, exc.lineno, exc.colno), "F003", f"JSON : {message}")]
    items = [document] if isinstance(document, dict) else document
    if not isinstance(items, list):
        message = "CSL-JSON : une liste d'objets (notices) est attendue"
        return [], [error(Position(fichier), "F003", message)]
    records, problems = [], []
    cursor = 0
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict):
            at = Position(fichier, line_of(text, cursor))
            message = f"notice n° {index} illisible : un objet {{…}} est attendu"
            problems.append(error(at, "F003", message))
            continue
        cursor = _item_offset(text, item, cursor)
        record, item_problems = _record(item, index, _ItemLines(text, cursor, fichier))
        records.append(record)
        problems.extend(item_problems)
    return records, problems


def _too_deep(text: str) -> int | None:
    """Where brackets nest deeper than ``MAX_DEPTH`` (outside strings), or None."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        char = match.group(0)
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


def _item_offset(text: str, item: dict[str, Any], after: int) -> int:
    """Where ``item`` starts in the text (its ``id``, or the next object), for positions."""
    needle = f'"id": {json.dumps(item.get("id"), ensure_ascii=False)}' if "id" in item else "{"
    found = re.compile(re.escape(needle).replace(":\\ ", r":\s*")).search(text, after)
    return found.start() if found else after


class _ItemLines:
    """Lines of an item's keys, found after its start (json keeps no positions)."""

    def __init__(self, text: str, start: int, fichier: str) -> None:
        self.text, self.start, self.fichier = text, start, fichier

    def of(self, key: str = "") -> Position:
        offset = self.text.find(f'"{key}"', self.start) if key else -1
        return Position(self.fichier, line_of(self.text, max(offset, self.start)), 1)


def _record(
    item: dict[str, Any], index: int, lines: _ItemLines
) -> tuple[RawRecord, list[Diagnostic]]:
    custom: dict[str, Any] = item["custom"] if isinstance(item.get("custom"), dict) else {}
    data: dict[str, Any] = {}
    marks = Marks(lines.fichier)
    problems: list[Diagnostic] = []
    doc_type = str(custom.get("type") or _type_of(item))
    data["type"] = doc_type
    written = item.get("type")
    if doc_type in TYPES_BY_ID and TYPES_BY_ID[doc_type].csl != written:
        data["complements"] = {TYPE_KEY: _as_text(written)}
    for key, value in item.items():
        _read_field(key, value, data, doc_type)
    # Zotero's « Extra » (CSL note) may carry our fields: they fill what the item lacks.
    from_note = dict(read_note(line) for line in _note_lines(item, ours=True))
    data.update({k: v for k, v in from_note.items() if k not in data})
    if "date" in custom or "date_signature" in custom:  # our export: ``custom`` says which
        data.pop("date", None)  # date ``issued`` holds
    # Our own export: ``custom`` is authoritative for the fields it lists.
    data.update({k: v for k, v in custom.items() if k not in ("id", "type", "citation")})
    for name in data:
        marks.values[(name,)] = lines.of(CSL_NAMES.get(name, name))
    key = str(custom.get("id") or item.get("citation-key") or item.get("id") or f"csl-{index}")
    raw = new_raw(key, data, lines.of("id" if "id" in item else ""), marks)
    # Our own export (its house citation under ``custom``) holds texts as the records do.
    problems.extend(normalise(raw, decode="citation" not in custom))
    return raw, problems


# Our field → the CSL key it is read from.
CSL_NAMES = {f.name: f.csl for f in REFERENCE_FIELDS if f.csl}
_LISTS = {f.name: f.joined.strip() for f in REFERENCE_FIELDS if f.kind == TEXTS}
_MARKDOWN = {f.name for f in REFERENCE_FIELDS if f.kind == MARKDOWN}


def _type_of(item: dict[str, Any]) -> str:
    kind = str(item.get("type", ""))
    genre = str(item.get("genre", "")).casefold()
    if kind == "report" and genre in _GENRE_TYPES:
        return _GENRE_TYPES[genre]
    return CSL_TYPES.get(kind, "document")


def _read_field(key: str, value: Any, data: dict[str, Any], doc_type: str) -> None:
    if key == "language":
        data["langue"] = language_code(str(value))
    elif key == "number-of-pages" and str(value).strip().isdecimal():
        data["nombre_pages"] = int(str(value).strip())
    elif key in _FROM_CSL:
        data[_FROM_CSL[key]] = _simple_value(_FROM_CSL[key], value)
    elif key == "author" and isinstance(value, list):
        data["auteurs"] = [_person(p) for p in value if isinstance(p, dict)]
    elif key in ("issued", "accessed"):
        # A date not read is kept as written: the import sets it aside (R011), never loses it.
        read = from_csl_date(value) or _as_text(value)
        data["date" if key == "issued" else "date_consultation"] = read
    elif key == "genre":
        default = TYPES_BY_ID[doc_type].genre if doc_type in TYPES_BY_ID else ""
        if str(value) != default:
            data["genre"] = value
    elif key == "note":
        rest = "\n".join(_note_lines({"note": value}, ours=False)).strip()
        if rest:  # what is not one of our fields stays as it was written
            data.setdefault("complements", {})["csl:note"] = rest
    elif key not in _HANDLED:
        data.setdefault("complements", {})[f"csl:{key}"] = _as_text(value)


def _simple_value(name: str, value: Any) -> Any:
    """A value as our field holds it: several values split, Markdown as written."""
    if name in _LISTS:
        return [part.strip() for part in str(value).split(_LISTS[name]) if part.strip()]
    return value if name in _MARKDOWN else _one_line(value)


def _note_lines(item: dict[str, Any], ours: bool) -> list[str]:
    """The lines of the item's note that are (``ours``) or are not ``biblio:`` lines."""
    lines = str(item.get("note", "")).splitlines()
    return [line for line in lines if line.startswith(NOTE_PREFIX) == ours]


def _one_line(value: Any) -> Any:
    return one_line(value) if isinstance(value, str) else value


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _person(person: dict[str, Any]) -> dict[str, str]:
    if "literal" in person:
        return {"organisation": str(person["literal"])}
    particle = " ".join(
        str(person[k]) for k in ("dropping-particle", "non-dropping-particle") if person.get(k)
    )
    return person_parts(str(person.get("family", "")), str(person.get("given", "")), particle)
