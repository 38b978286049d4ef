"""CSL-JSON items from references; our extra fields go under ``custom``."""

from __future__ import annotations

from typing import Any

from biblio.cite import format_citation
from biblio.model import Person, Reference
from biblio.schema import TYPES_BY_ID

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


def csl_date(value: str) -> dict[str, Any]:
    if value == "s.d.":
        return {"literal": "s.d."}
    return {"date-parts": [[int(part) for part in value.split("-")]]}


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
