"""All generated files of the site, as docs-relative path → text.

The same mapping feeds the MkDocs plugin (pages added in memory) and ``biblio generer``
(pages written to disk for builders that run no plugin, such as Zensical).
"""

from __future__ import annotations

from typing import Any

from biblio.model import Corpus
from biblio.render import downloads, glossary_pages, knowledge, listings, section_pages
from biblio.render.context import build_context
from biblio.render.reference_page import reference_downloads, reference_markdown
from biblio.render.schema_page import render_schema_page
from biblio.render.text import reference_page, section_page, term_page


def generated_pages(
    corpus: Corpus, site_url: str = "", donnees: dict[str, dict[str, Any]] | None = None
) -> dict[str, str]:
    """Every generated page and file; deterministic (same records, same bytes)."""
    context = build_context(corpus)
    pages: dict[str, str] = {
        "index.md": listings.home_markdown(context),
        section_pages.CONTENTS_PAGE: section_pages.contents_markdown(context),
        glossary_pages.INDEX_PAGE: glossary_pages.index_markdown(context),
        listings.BROWSE_INDEX: listings.browse_index_markdown(context),
        downloads.PAGE: downloads.downloads_markdown(context),
        downloads.PRINT_PAGE: downloads.print_markdown(context),
        downloads.FEED: downloads.atom_feed(context, site_url),
        "format-des-fiches.md": render_schema_page(),
    }
    pages.update(downloads.download_files(context))
    pages.update(knowledge.knowledge_pages(context, donnees or {}))
    for facet in listings.FACETS:
        pages.update(listings.facet_pages(facet, context))
    for section in context.section_order:
        pages[section_page(section.id)] = section_pages.section_markdown(section, context)
    for term in corpus.terms:
        pages[term_page(term.id)] = glossary_pages.term_markdown(term, context)
    for ref in corpus.references:
        pages[reference_page(ref.id)] = reference_markdown(ref, context)
        pages.update(reference_downloads(ref))
    return dict(sorted(pages.items()))
