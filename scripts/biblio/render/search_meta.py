"""What the search index learns about a page beyond its text: its kind, shown on each result
(« Terme », « Section », « Référence (12) »; a page without one is a « Page »), and the
facets of the search page (type of document, year, territory, section, glossary term).

Pagefind reads them from ``data-pagefind-meta`` and ``data-pagefind-filter`` attributes in
their inline form (``key:value``: everything after the first colon is the value, commas
included), on empty elements that it leaves out of the indexed text; the values are record
text, escaped as attribute values."""

from __future__ import annotations

import html

from biblio.model import Reference, Section, Term
from biblio.render.context import SiteContext, ancestors, section_title
from biblio.render.titles import listed_title
from biblio.schema import TYPES_BY_ID, VOCABULARIES

# Facet keys, as the search page names them (docs/assets/recherche.js shows their labels).
TYPE, YEAR, TERRITORY, SECTION, TERM = "type", "annee", "territoire", "section", "terme"


def search_block(kind: str, filters: list[tuple[str, str]], title: str = "") -> str:
    """The hidden block of a page: its kind, its title when not its heading's, then one
    element per facet value."""
    spans = [_span("meta", "genre", kind)] + ([_span("meta", "title", title)] if title else [])
    spans += [_span("filter", key, value) for key, value in filters if value.strip()]
    return '<div class="biblio-facettes" data-pagefind-ignore>' + "".join(spans) + "</div>"


def _span(attribute: str, key: str, value: str) -> str:
    text = " ".join(value.split())  # one line: a value never spans two
    return f'<span data-pagefind-{attribute}="{key}:{html.escape(text, quote=True)}"></span>'


def reference_block(ref: Reference, context: SiteContext) -> str:
    kind = f"Référence ({ref.numero})" if ref.numero else "Référence"
    filters = [
        (TYPE, TYPES_BY_ID[ref.type].label),
        (YEAR, ref.year),
        (TERRITORY, VOCABULARIES["territoires"].values.get(ref.territoire, "")),
    ]
    filters += [(SECTION, title) for title in _section_trail(ref.section, context)]
    filters += [(TERM, _term_name(context.terms[t])) for t in ref.termes if t in context.terms]
    # A record sharing its title with another is told apart in the results too.
    title = listed_title(ref, context.distinct) if ref.id in context.distinct else ""
    return search_block(kind, filters, title)


def section_block(section: Section, context: SiteContext) -> str:
    return search_block("Section", [(SECTION, t) for t in _section_trail(section.id, context)])


def term_block(term: Term) -> str:
    return search_block("Terme", [(TERM, _term_name(term))])


def _term_name(term: Term) -> str:
    return term.sigle or term.terme


def _section_trail(section_id: str, context: SiteContext) -> list[str]:
    """The section and the sections above it: filtering by « 2. » keeps « 2.3.3 »'s pages."""
    section = context.sections.get(section_id)
    if section is None:
        return []
    return [section_title(s) for s in (section, *reversed(ancestors(section_id, context)))]
