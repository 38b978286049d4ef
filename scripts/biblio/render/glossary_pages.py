"""The glossary: an A–Z index and one page per term at ``/glossaire/<id>/``."""

from __future__ import annotations

from biblio.model import Reference, Term
from biblio.render.context import Backlink, SiteContext, term_sort_key
from biblio.render.metadata import coins_block
from biblio.render.navigation import term_breadcrumb, term_sidebar
from biblio.render.search_meta import term_block
from biblio.render.text import (
    annex,
    citation_markdown,
    href,
    link,
    plain,
    reference_page,
    term_page,
    title_markdown,
    with_footnotes,
)
from biblio.render.titles import listed_together
from biblio.terms import short_definition

INDEX_PAGE = "glossaire/index.md"
_KINDS = {"section": "Sections", "terme": "Autres termes du glossaire", "reference": "Références"}


def display_name(term: Term) -> str:
    return f"{term.sigle} — {term.terme}" if term.sigle else term.terme


def index_markdown(context: SiteContext) -> str:
    terms = sorted(context.corpus.terms, key=term_sort_key)
    by_letter: dict[str, list[Term]] = {}
    for term in terms:
        by_letter.setdefault(term_sort_key(term)[:1].upper() or "#", []).append(term)
    letters = " · ".join(f"[{letter}](#lettre-{letter.lower()})" for letter in by_letter)
    lines = [
        "# Glossaire",
        "",
        f"{len(terms)} termes, de A à Z. Chaque terme a sa page, dont l'adresse ne change pas : "
        "elle peut être citée dans un support de formation ou un courriel.",
        "",
        # The letters are no search target: « qqqq » found « Q » (see docs/assets/recherche.js).
        f"Aller à la lettre : {letters}\n{{: .biblio-lettres data-pagefind-ignore }}",
    ]
    for letter, members in by_letter.items():
        lines += ["", f"## {letter} {{ #lettre-{letter.lower()} data-pagefind-ignore }}", ""]
        for term in members:
            target = link(INDEX_PAGE, term_page(term.id), plain(display_name(term)))
            lines.append(f"- {target} — {plain(short_definition(term))}")
    return "\n".join(lines) + "\n"


def glossary_listing(page: str, context: SiteContext) -> tuple[str, str]:
    """Every term with its definition, A to Z, and the definitions' notes, for the
    bibliography's glossary part (section 5). Not indexed there: each term is found on its
    own page."""
    parts, notes = [], []
    for term in sorted(context.corpus.terms, key=term_sort_key):
        title = link(page, term_page(term.id), plain(display_name(term)))
        text, sources = with_footnotes(page, term.definition, context.references, f"{term.id}-")
        parts += [f"## {title} {{ #{term.id} }}", text]
        notes.append(sources)
    return annex(*parts), "\n".join(n for n in notes if n)


def term_markdown(term: Term, context: SiteContext) -> str:
    page = term_page(term.id)
    definition, notes = with_footnotes(page, term.definition, context.references, "src")
    parts = [
        f"---\n{term_sidebar(term, context)}---",
        f'# {plain(display_name(term))} {{ data-terme="{term.id}" data-pagefind-weight="10" }}',
        term_block(term),
        annex(term_breadcrumb(page, term)),
        definition,
    ]
    if term.variantes:
        forms = ", ".join(f"« {plain(v)} »" for v in (term.sigle, term.terme, *term.variantes) if v)
        # The names of the term weigh as much as its title: « CPTS » finds this page first.
        parts.append(f'Formes reconnues : {forms}\n{{: data-pagefind-weight="10" }}')
    parts.append(
        annex(
            *_sources(page, term, context),
            *_see_also(page, term, context),
            *_backlinks(page, term, context),
            _permalink(term),
        )
    )
    parts.append(notes)
    parts.append(coins_block(_listed_references(term, context)))
    return "\n\n".join(p for p in parts if p) + "\n"


def _listed_references(term: Term, context: SiteContext) -> list[Reference]:
    """The references the term's page lists (its sources, where it appears), for Zotero."""
    ids = [*term.sources, *map(_reference_id, context.mentions.get(term.id, []))]
    return [context.references[i] for i in ids if i in context.references]


def _sources(page: str, term: Term, context: SiteContext) -> list[str]:
    sources = [context.references[s] for s in term.sources if s in context.references]
    if not sources:
        return []
    items = [f"- [{citation_markdown(r)}]({href(page, reference_page(r.id))})" for r in sources]
    return ["## Sources", "\n".join(items)]


def _see_also(page: str, term: Term, context: SiteContext) -> list[str]:
    related = [context.terms[t] for t in term.voir_aussi if t in context.terms]
    if not related:
        return []
    items = [f"- {link(page, term_page(t.id), plain(display_name(t)))}" for t in related]
    return ["## Voir aussi", "\n".join(items)]


def _backlinks(page: str, term: Term, context: SiteContext) -> list[str]:
    places = context.mentions.get(term.id, [])
    if not places:
        return []
    parts = ["## Où ce terme apparaît"]
    listed = [context.references[i] for i in map(_reference_id, places) if i in context.references]
    distinct = listed_together(listed, context.distinct)
    for kind, heading in _KINDS.items():
        found = [b for b in places if b.kind == kind]
        if found:
            items = "\n".join(
                f"- {link(page, b.page, _title(b, distinct, context))}" for b in found
            )
            parts.append(f"### {heading} ({len(found)})\n\n{items}")
    return parts


def _reference_id(backlink: Backlink) -> str:
    return backlink.page.removeprefix("references/").removesuffix(".md")


def _title(backlink: Backlink, distinct: dict[str, str], context: SiteContext) -> str:
    ref = context.references.get(_reference_id(backlink))
    if backlink.kind != "reference" or ref is None:
        return plain(backlink.title)
    return title_markdown(ref, distinct)


def _permalink(term: Term) -> str:
    return (
        "## Lien permanent\n\n"
        f"L'adresse de cette page, `/glossaire/{term.id}/`, ne changera pas.\n\n"
        '[Copier le lien de cette page](#){ .md-button .biblio-copier-lien role="button" }'
    )
