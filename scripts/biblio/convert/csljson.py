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
from biblio.dates import csl_date, from_csl_date
from biblio.diagnostics import Diagnostic, error, quote
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Person, Position, Reference
from biblio.schema import TYPES, TYPES_BY_ID

_SIMPLE = {
    "titre": "title",
    "publication": "container-title",
    "volume": "volume",
    "numero_revue": "issue",
    "pages": "page",
    "nombre_pages": "number-of-pages",
    "lieu": "publisher-place",
    "url": "URL",
    "doi": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "langue": "language",
    "commentaire": "abstract",
}
_CUSTOM = (
    "date",  # issued may hold the text's signature date: this says which one it is
    "genre",
    "numero",
    "section",
    "groupe",
    "source_commentaire",
    "territoire",
    "termes",
    "nor",
    "jorftext",
    "eli",
    "date_signature",
    "date_maj",
    "date_ajout",
    "et_al",
    "url_archive",
    "date_archive",
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
            item[key] = value
    if ref.editeurs:
        item["publisher"] = "; ".join(ref.editeurs)
    genre = ref.genre or type_spec.genre
    if genre:
        item["genre"] = genre
    issued = ref.date or ref.date_signature
    if issued:
        item["issued"] = csl_date(issued)
    if ref.date_consultation:
        item["accessed"] = csl_date(ref.date_consultation)
    if ref.mots_cles:
        item["keyword"] = ", ".join(ref.mots_cles)
    for key, value in complements_for(ref, "csl").items():
        item.setdefault(key, value)  # given back as imported
    item["custom"] = _custom(ref)
    return item


def _custom(ref: Reference) -> dict[str, Any]:
    custom: dict[str, Any] = {"id": ref.id, "type": ref.type}
    for name in _CUSTOM:
        value = getattr(ref, name)
        if value not in (None, "", (), False):
            custom[name] = list(value) if isinstance(value, tuple) else value
    custom["citation"] = format_citation(ref).text
    return custom


def dump(references: Sequence[Reference]) -> str:
    """A CSL-JSON array (what Zotero imports), deterministic."""
    items = [to_csl(ref) for ref in references]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# CSL types → ours when the item carries no ``custom.type`` (Zotero exports).
CSL_TYPES: dict[str, str] = {
    "legislation": "loi",
    "bill": "loi",
    "regulation": "decret",
    "report": "rapport",
    "document": "rapport",
    "manuscript": "rapport",
    "article-journal": "article-revue",
    "article-magazine": "article-revue",
    "article": "article-revue",
    "article-newspaper": "article-presse",
    "webpage": "page-web",
    "post-weblog": "page-web",
    "post": "page-web",
    "paper-conference": "actes",
    "speech": "presentation",
    "thesis": "these",
    "book": "ouvrage",
    "chapter": "chapitre",
}
# A report's genre tells our finer types apart (« Guide », « Synthèse »…).
_GENRE_TYPES = {t.genre.casefold(): t.id for t in TYPES if t.genre and t.csl == "report"}
_FROM_CSL = {key: name for name, key in _SIMPLE.items()}
_HANDLED = {"id", "type", "author", "issued", "accessed", "publisher", "keyword", "genre"}
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
    """Records of a CSL-JSON text (an array of items, or one item)."""
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        message = _JSON_ERRORS.get(exc.msg, exc.msg)
        return [], [error(Position(fichier, exc.lineno, exc.colno), "F003", f"JSON : {message}")]
    items = [document] if isinstance(document, dict) else document
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        message = "CSL-JSON : une liste d'objets (notices) est attendue"
        return [], [error(Position(fichier), "F003", message)]
    records, problems = [], []
    cursor = 0
    for index, item in enumerate(items, 1):
        cursor = _item_offset(text, item, cursor)
        record, item_problems = _record(item, index, _ItemLines(text, cursor, fichier))
        records.append(record)
        problems.extend(item_problems)
    return records, problems


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
    doc_type = custom.get("type") or _type_of(item)
    if doc_type:
        data["type"] = doc_type
    else:
        choices = ", ".join(sorted(CSL_TYPES))
        message = (
            f"type CSL {quote(item.get('type'))} non pris en charge (types reconnus : {choices})"
        )
        problems.append(error(lines.of("type"), "R005", message))
    for key, value in item.items():
        _read_field(key, value, data, doc_type)
    # Zotero's « Extra » (CSL note) may carry our fields: they fill what the item lacks.
    from_note = dict(read_note(line) for line in _note_lines(item, ours=True))
    data.update({k: v for k, v in from_note.items() if k not in data})
    if custom:  # our own export: ``custom`` is authoritative for the fields it lists
        data.pop("date", None)
        data.update({k: v for k, v in custom.items() if k not in ("id", "type", "citation")})
    for name in data:
        marks.values[(name,)] = lines.of(_CSL_KEYS.get(name, name))
    key = str(custom.get("id") or item.get("citation-key") or item.get("id") or f"csl-{index}")
    raw = new_raw(key, data, lines.of("id" if "id" in item else ""), marks)
    raw.reported = frozenset() if doc_type else frozenset({"type"})
    return raw, problems


_CSL_KEYS = {name: key for key, name in _FROM_CSL.items()} | {"auteurs": "author"}


def _type_of(item: dict[str, Any]) -> str:
    kind = str(item.get("type", ""))
    genre = str(item.get("genre", "")).casefold()
    if kind == "report" and genre in _GENRE_TYPES:
        return _GENRE_TYPES[genre]
    return CSL_TYPES.get(kind, "")


def _read_field(key: str, value: Any, data: dict[str, Any], doc_type: str) -> None:
    if key == "language":
        data["langue"] = language_code(str(value))
    elif key == "number-of-pages" and str(value).strip().isdigit():
        data["nombre_pages"] = int(str(value).strip())
    elif key in _FROM_CSL:
        data[_FROM_CSL[key]] = value if key == "abstract" else _one_line(value)
    elif key == "author" and isinstance(value, list):
        data["auteurs"] = [_person(p) for p in value if isinstance(p, dict)]
    elif key in ("issued", "accessed"):
        data["date" if key == "issued" else "date_consultation"] = from_csl_date(value)
    elif key == "publisher":
        data["editeurs"] = [p.strip() for p in str(value).split(";") if p.strip()]
    elif key == "keyword":
        data["mots_cles"] = [k.strip() for k in str(value).split(",") if k.strip()]
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


def _note_lines(item: dict[str, Any], ours: bool) -> list[str]:
    """The lines of the item's note that are (``ours``) or are not ``biblio:`` lines."""
    lines = str(item.get("note", "")).splitlines()
    return [line for line in lines if line.startswith(NOTE_PREFIX) == ours]


def _one_line(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _person(person: dict[str, Any]) -> dict[str, str]:
    if "literal" in person:
        return {"organisation": str(person["literal"])}
    particle = " ".join(
        str(person[k]) for k in ("dropping-particle", "non-dropping-particle") if person.get(k)
    )
    return person_parts(str(person.get("family", "")), str(person.get("given", "")), particle)
