"""Raw records with checked values → model objects."""

from __future__ import annotations

from typing import Any

from biblio import schema
from biblio.load.raw import RawRecord
from biblio.model import Record, Reference, Section, Term, TextOrigin, new_record

RECORD_CLASSES: dict[schema.RecordKind, Any] = {
    schema.RecordKind.REFERENCE: Reference,
    schema.RecordKind.TERM: Term,
    schema.RecordKind.SECTION: Section,
}
_MARKDOWN_FIELDS = {
    kind: [f.name for f in fields if f.kind == schema.MARKDOWN]
    for kind, fields in schema.FIELDS_BY_KIND.items()
}


# What a draft reference (``brouillon: true``) lacking a required field is built with.
_DRAFT_DEFAULTS = {"titre": "", "type": "document"}


def build_record(raw: RawRecord, values: dict[str, Any]) -> Record | None:
    """The model object, or None when a required field did not pass its checks (a draft is
    built all the same: its gaps are reported as warnings)."""
    if values.get("brouillon") is True and raw.kind == schema.RecordKind.REFERENCE:
        values = {**{k: v for k, v in _DRAFT_DEFAULTS.items() if k not in raw.data}, **values}
    if any(name not in values for name in schema.REQUIRED_BY_KIND[raw.kind]):
        return None
    record: Record = new_record(
        RECORD_CLASSES[raw.kind], {**values, "id": raw.id, "position": raw.origin}
    )
    return record


def markdown_fields(raw: RawRecord, values: dict[str, Any]) -> tuple[str, ...]:
    """The Markdown texts of the record (where citations and footnotes are written)."""
    return tuple(name for name in _MARKDOWN_FIELDS[raw.kind] if name in values)


def text_origin(raw: RawRecord, name: str) -> TextOrigin:
    """Where the text of field ``name`` starts, to locate a character of it."""
    # Exchange formats (BibTeX, RIS, CSL-JSON) locate a text by its field only.
    return raw.marks.text((name,)) or TextOrigin(*raw.marks.value((name,)))
