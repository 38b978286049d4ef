"""The bibliography's sections: a table of contents and one page per section."""

from __future__ import annotations

from biblio.model import Reference, Section
from biblio.render import navigation
from biblio.render.context import SiteContext, section_title
from biblio.render.glossary_pages import glossary_listing
from biblio.render.metadata import coins_block
from biblio.render.navigation import section_breadcrumb, section_sidebar
from biblio.render.print_edition import GLOSSARY_SECTION, cross_references
from biblio.render.reference_page import listing_entry
from biblio.render.search_meta import section_block
from biblio.render.section_files import section_files_line
from biblio.render.text import (
    annex,
    link,
    plain,
    section_page,
    with_footnotes,
)

CONTENTS_PAGE = navigation.CONTENTS_PAGE


def contents_markdown(context: SiteContext) -> str:
    """« La bibliographie »: every section in the edition's order, with its reference count."""
    lines = [
        "# La bibliographie",
        "",
        "Les sections de la bibliographie commentée, dans l'ordre et avec la numérotation de "
        "l'édition d'octobre 2022. Chaque section présente son texte d'introduction puis ses "
        "références, numérotées comme dans l'édition.",
        "",
    ]
    lines += _tree(CONTENTS_PAGE, "", context, depth=0)
    return "\n".join(lines) + "\n"


def _tree(page: str, parent: str, context: SiteContext, depth: int) -> list[str]:
    lines = []
    for section in context.children.get(parent, []):
        count = _count(section.id, context)
        counted = f" — {count} référence{'s' if count > 1 else ''}" if count else ""
        target = link(page, section_page(section.id), plain(section_title(section)))
        lines.append(f"{'    ' * depth}- {target}{counted}")
        lines += _tree(page, section.id, context, depth + 1)
    return lines


def _count(section_id: str, context: SiteContext) -> int:
    below = context.children.get(section_id, [])
    return len(context.by_section.get(section_id, [])) + sum(_count(s.id, context) for s in below)


def section_markdown(section: Section, context: SiteContext) -> str:
    page = section_page(section.id)
    parts = [
        f"---\n{section_sidebar(section, context)}---",
        f'# {plain(section_title(section))} {{ data-pagefind-weight="10" }}',
        section_block(section, context),
        annex(section_breadcrumb(page, section, context)),
    ]
    texte = cross_references(section.texte, context, page)
    text, notes = with_footnotes(page, texte, context.references, "ref")
    parts.append(text)
    if section.id == GLOSSARY_SECTION:  # « 5. Annexe : glossaire et définitions »
        listing, term_notes = glossary_listing(page, context)
        parts.append(listing)
        notes = "\n".join(n for n in (notes, term_notes) if n)
    children = context.children.get(section.id, [])
    if children:
        items = [f"- {link(page, section_page(c.id), plain(section_title(c)))}" for c in children]
        parts.append(annex("## Sous-sections", "\n".join(items)))
    # Each reference is found on its own page: indexed here too, any word of a commentary
    # would find the section first, and its search fragment would carry the whole listing.
    parts.append(annex(*_references(page, context.by_section.get(section.id, []), context)))
    parts.append(annex(section_files_line(section, context)))
    parts.append(annex(_previous_next(page, section, context)))
    parts.append(notes)
    parts.append(coins_block(context.by_section.get(section.id, [])))
    return "\n\n".join(p for p in parts if p) + "\n"


def _references(page: str, refs: list[Reference], context: SiteContext) -> list[str]:
    main = [r for r in refs if not r.groupe]
    parts = []
    if main:
        parts += ["## Références", *(listing_entry(page, r, context) for r in main)]
    groups: dict[str, list[Reference]] = {}
    for ref in refs:
        if ref.groupe:
            groups.setdefault(ref.groupe, []).append(ref)
    for name, members in groups.items():
        parts += [f"## {plain(name)}", *(listing_entry(page, r, context) for r in members)]
    return parts


def _previous_next(page: str, section: Section, context: SiteContext) -> str:
    order = context.section_order
    index = order.index(section)
    parts = []
    if index > 0:
        previous = order[index - 1]
        target = link(page, section_page(previous.id), plain(section_title(previous)))
        parts.append(f"Section précédente : ← {target}")
    if index + 1 < len(order):
        following = order[index + 1]
        target = link(page, section_page(following.id), plain(section_title(following)))
        parts.append(f"Section suivante : {target} →")
    return "\n\n".join(parts)
