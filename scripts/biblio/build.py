"""Raw records with checked values → model objects."""

from __future__ import annotations

from typing import Any

from biblio import schema
from biblio.load.raw import RawRecord
from biblio.model import Record, Reference, Section, Term, TextOrigin

RECORD_CLASSES: dict[str, Any] = {"reference": Reference, "terme": Term, "section": Section}
_MARKDOWN_FIELDS = {
    kind: {f.name for f in fields if f.kind == schema.MARKDOWN}
    for kind, fields in schema.FIELDS_BY_KIND.items()
}


def build_record(raw: RawRecord, values: dict[str, Any]) -> Record | None:
    """The model object, or None when a required field did not pass its checks."""
    required = [f.name for f in schema.FIELDS_BY_KIND[raw.kind] if f.required]
    if any(name not in values for name in required):
        return None
    # Compact (line, column) pairs: records are cached, and this keeps the cache small.
    found = raw.marks.top_values()
    default = raw.marks.value(())[1:]
    positions = {name: found.get(name, default) for name in values}
    origins: dict[str, TextOrigin] = {
        name: _text_origin(raw, name) for name in values if name in _MARKDOWN_FIELDS[raw.kind]
    }
    fields = {k: v for k, v in values.items() if k != "id"}
    record: Record = RECORD_CLASSES[raw.kind](
        id=raw.id, position=raw.origin, positions=positions, origins=origins, **fields
    )
    return record


def _text_origin(raw: RawRecord, name: str) -> TextOrigin:
    # Exchange formats (BibTeX, RIS, CSL-JSON) locate a text by its field only.
    return raw.marks.text((name,)) or TextOrigin(*raw.marks.value((name,)))
