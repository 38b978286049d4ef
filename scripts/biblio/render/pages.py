"""All generated files of the site, as docs-relative path → text.

The same mapping feeds the MkDocs plugin (pages added in memory) and ``biblio generer``
(pages written to disk for builders that run no plugin, such as Zensical).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from biblio import csl_styles
from biblio.links.last_report import dead_in
from biblio.model import Corpus, published
from biblio.render import (
    downloads,
    glossary_pages,
    knowledge,
    link_status,
    listings,
    print_edition,
    section_pages,
)
from biblio.render.context import SiteContext, build_context
from biblio.render.reference_page import reference_downloads, reference_markdown
from biblio.render.schema_page import render_schema_page
from biblio.render.section_files import section_files
from biblio.render.text import reference_page, section_page, term_page


def generated_pages(
    corpus: Corpus,
    site_url: str = "",
    donnees: dict[str, dict[str, Any]] | None = None,
    *,
    preview: bool = False,
    print_page: bool = True,
    link_report: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Every generated page and file; deterministic (same records, same bytes).

    Drafts (``brouillon``) are left out unless ``preview``, which shows them with a banner.
    ``preview`` (make serve) also leaves out the whole-base downloads, which the preview writes
    after each rebuild (``whole_base_files``), and the print page unless ``print_page``:
    both hold the whole base, change with any edit and cost more than the edit's pages.
    ``link_report`` is the last link check's (``biblio liens``): the links it found dead lead
    to their archived copies, and its page lists it.
    """
    if not preview:
        corpus = published(corpus)  # drafts are previewed (with a banner), never published
    context = build_context(corpus)
    context.dead_links = dead_in(link_report)  # the last link report's dead URLs
    csl_styles.prepare(corpus.references)  # one run of the engine per style for all records
    pages: dict[str, str] = {
        "index.md": listings.home_markdown(context),
        section_pages.CONTENTS_PAGE: section_pages.contents_markdown(context),
        glossary_pages.INDEX_PAGE: glossary_pages.index_markdown(context),
        listings.BROWSE_INDEX: listings.browse_index_markdown(context),
        downloads.PAGE: downloads.downloads_markdown(context),
        downloads.FEED: downloads.atom_feed(context, site_url),
        "format-des-fiches.md": render_schema_page(),
        link_status.PAGE: link_status.link_status_markdown(link_report, context),
        csl_styles.HOUSE_STYLE_PAGE: csl_styles.HOUSE_STYLE.read_text(encoding="utf-8"),
    }
    if print_page:
        note = print_edition.PREVIEW_NOTE if preview else ""
        pages[print_edition.PRINT_PAGE] = print_edition.print_markdown(context, note)
    if not preview:
        pages.update(downloads.download_files(context))
    pages.update(knowledge.knowledge_pages(context, donnees or {}))
    for facet in listings.FACETS:
        pages.update(listings.facet_pages(facet, context))
    pages.update(_record_pages(corpus, context))
    return dict(sorted(pages.items()))


def _record_pages(corpus: Corpus, context: SiteContext) -> dict[str, str]:
    """Each section's, term's and reference's page, with their files."""
    pages: dict[str, str] = {}
    for section in context.section_order:
        pages[section_page(section.id)] = section_pages.section_markdown(section, context)
        pages.update(section_files(section, context))
    for term in corpus.terms:
        pages[term_page(term.id)] = glossary_pages.term_markdown(term, context)
    for ref in corpus.references:
        pages[reference_page(ref.id)] = reference_markdown(ref, context)
        pages.update(reference_downloads(ref))
    return pages


def whole_base_files(corpus: Corpus) -> dict[str, str]:
    """The whole base in each download format (what ``preview`` leaves out)."""
    return downloads.download_files(build_context(published(corpus)))
