"""Where a page stands: breadcrumbs under its title, and its neighbours in the side bar.

Sections, references and terms are outside the site's navigation (thousands of pages would
make every page's navigation huge): each gets a trail (« La bibliographie › 2 › 2.3 ›
(37) ») and a short list of its neighbours, which the theme shows in its left side bar
(``overrides/partials/nav.html`` reads the page's front matter ``biblio_parcours``).
"""

from __future__ import annotations

from typing import TypeVar

from biblio.model import Reference, Section, Term
from biblio.render.context import SiteContext, ancestors, section_title
from biblio.render.metadata import yaml_string
from biblio.render.text import (
    for_screen_readers,
    link,
    plain,
    reference_page,
    section_page,
    shortened,
    term_page,
)
from biblio.render.titles import note_call
from biblio.typography import french_spacing

CONTENTS_PAGE = "bibliographie.md"
GLOSSARY_PAGE = "glossaire/index.md"
SIDEBAR_KEY = "biblio_parcours"  # front matter key read by overrides/partials/nav.html
T = TypeVar("T")
NEIGHBOURS = 7  # items of the side bar before and after the page's own
SHORT = 60  # characters of a title in the side bar
BREADCRUMB_SHORT = 40  # of an unnumbered reference's title in its breadcrumbs


def _trail(crumbs: list[str], here: str) -> str:
    current = f'<span aria-current="page">{here}</span>'
    return "Vous êtes ici : " + " › ".join([*crumbs, current]) + "\n{: .biblio-fil }"


def _section_crumb(page: str, section: Section) -> str:
    """A section's number (its title for screen readers), or its title if it has none."""
    if not section.numero:
        return link(page, section_page(section.id), plain(section.titre))
    hidden = for_screen_readers(f" {plain(section.titre)}")
    return link(page, section_page(section.id), f"{section.numero}{hidden}")


def _bibliography_crumbs(page: str, sections: list[Section]) -> list[str]:
    home = link(page, CONTENTS_PAGE, "La bibliographie")
    return [home, *(_section_crumb(page, s) for s in sections)]


def section_breadcrumb(page: str, section: Section, context: SiteContext) -> str:
    crumbs = _bibliography_crumbs(page, ancestors(section.id, context))
    return _trail(crumbs, plain(section.numero or section.titre))


def reference_breadcrumb(page: str, ref: Reference, context: SiteContext) -> str:
    section = context.sections.get(ref.section)
    trail = [*ancestors(section.id, context), section] if section else []
    here = f"({ref.numero})" if ref.numero else shortened(ref.titre, BREADCRUMB_SHORT)
    return _trail(_bibliography_crumbs(page, trail), plain(here))


def term_breadcrumb(page: str, term: Term) -> str:
    glossary = link(page, GLOSSARY_PAGE, "Glossaire")
    return _trail([glossary], plain(term.sigle or term.terme))


def _url(docs_path: str) -> str:
    """A docs page's address from the site's root (the theme makes it relative)."""
    if docs_path.endswith("index.md"):
        return docs_path.removesuffix("index.md")
    return docs_path.removesuffix(".md") + "/"


def _sidebar(title: str, title_page: str, items: list[tuple[str, str, bool]]) -> str:
    """Front matter lines: the side bar's title and link, then its items (label, docs page,
    whether it is the page itself). Values are record text: quoted by ``yaml_string``."""
    # The theme prints these as they are: French typography applied here.
    lines = [
        f"{SIDEBAR_KEY}:",
        f"  titre: {yaml_string(french_spacing(title))}",
        f"  adresse: {yaml_string(_url(title_page))}",
        "  liens:",
    ]
    lines += [
        f"  - [{yaml_string(french_spacing(text))}, {yaml_string(_url(path))}, "
        f"{'true' if own else 'false'}]"
        for text, path, own in items
    ]
    return "\n".join(lines) + "\n"


def _window(items: list[T], index: int) -> list[T]:
    return items[max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]


def reference_sidebar(ref: Reference, context: SiteContext) -> str:
    """The other references of the reference's section (front matter), or ""."""
    section = context.sections.get(ref.section)
    siblings = context.by_section.get(ref.section, [])
    index = context.rank_in_section.get(ref.id, -1)
    if section is None or not 0 <= index < len(siblings) or siblings[index] is not ref:
        return ""
    window = _window(siblings, index)
    items = [(_entry(r), reference_page(r.id), r is ref) for r in window]
    return _sidebar(section_title(section), section_page(section.id), items)


def _entry(ref: Reference) -> str:
    # Plain text: Légifrance's note call « (1) » would read as a reference there, left out.
    title = shortened(note_call(ref)[0], SHORT)
    return f"({ref.numero}) {title}" if ref.numero else title


def term_sidebar(term: Term, context: SiteContext) -> str:
    """The terms around ``term`` in the glossary's order, as front matter."""
    terms = context.glossary_order
    index = context.glossary_rank[term.id]
    items = [(t.sigle or t.terme, term_page(t.id), t is term) for t in _window(terms, index)]
    return _sidebar("Glossaire", GLOSSARY_PAGE, items)


def section_sidebar(section: Section, context: SiteContext) -> str:
    """The sections beside ``section`` (same parent), as front matter."""
    siblings = context.children.get(section.parent, [])
    parent = context.sections.get(section.parent)
    title, title_page = "La bibliographie", CONTENTS_PAGE
    if parent is not None:
        title, title_page = section_title(parent), section_page(parent.id)
    items = [
        (shortened(section_title(s), SHORT), section_page(s.id), s is section) for s in siblings
    ]
    return _sidebar(title, title_page, items)
