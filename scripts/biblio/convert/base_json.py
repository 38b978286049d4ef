"""The whole base as one JSON document: sections, references (CSL-JSON), glossary.

Sections and terms are written with every field of the schema, in its order: a text left
empty is ``null``, a list is a list (an added field comes out with no change here).
"""

from __future__ import annotations

import json
from typing import Any

from biblio import schema
from biblio.convert.csljson import to_csl
from biblio.model import Corpus, Section, Term
from biblio.order import sections_in_order


def _item(record: Term | Section, fields: tuple[schema.FieldSpec, ...]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for spec in fields:
        value = getattr(record, spec.name)
        if isinstance(value, tuple):
            item[spec.name] = list(value)
        elif spec.required or spec.kind in (schema.MARKDOWN, schema.INTEGER) or spec.name == "id":
            item[spec.name] = value
        else:
            item[spec.name] = value or None
    return item


def section_item(section: Section) -> dict[str, Any]:
    return _item(section, schema.SECTION_FIELDS)


def term_item(term: Term) -> dict[str, Any]:
    return _item(term, schema.TERM_FIELDS)


def dump(corpus: Corpus) -> str:
    """Deterministic JSON text (sections in reading order, the rest by id)."""
    document = {
        "sections": [section_item(s) for s in sections_in_order(corpus.sections)],
        "references": [to_csl(r) for r in corpus.references],
        "glossaire": [term_item(t) for t in corpus.terms],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
