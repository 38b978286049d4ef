"""The whole base as one JSON document: sections, references (CSL-JSON), glossary."""

from __future__ import annotations

import json
from typing import Any

from biblio.convert.csljson import to_csl
from biblio.model import Corpus, Section, Term
from biblio.order import sections_in_order


def section_item(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "numero": section.numero or None,
        "titre": section.titre,
        "parent": section.parent or None,
        "ordre": section.ordre,
        "texte": section.texte,
    }


def term_item(term: Term) -> dict[str, Any]:
    return {
        "id": term.id,
        "terme": term.terme,
        "sigle": term.sigle or None,
        "definition": term.definition,
        "variantes": list(term.variantes),
        "sources": list(term.sources),
        "voir_aussi": list(term.voir_aussi),
    }


def dump(corpus: Corpus) -> str:
    """Deterministic JSON text (sections in reading order, the rest by id)."""
    document = {
        "sections": [section_item(s) for s in sections_in_order(corpus.sections)],
        "references": [to_csl(r) for r in corpus.references],
        "glossaire": [term_item(t) for t in corpus.terms],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
