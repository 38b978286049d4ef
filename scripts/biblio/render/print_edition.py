"""The print edition (``/imprimer/``): the whole bibliography on one page, as the PDF edition.

Title page with the edition's date, table of contents, then every section in the edition's
order with its text, its references and their commentaries; section 5 holds the glossary
with its definitions. Page numbers are the browser's (CSS paged media, ``biblio.css``); the
table of contents gets its page numbers from ``biblio.print_pdf``, which prints the page
twice (a browser printing the page shows the contents as links, without numbers).
"""

from __future__ import annotations

import re

from biblio.dates.french import french
from biblio.model import Section
from biblio.render.context import SiteContext, ancestors, section_title
from biblio.render.glossary_pages import display_name
from biblio.render.metadata import coins_block
from biblio.render.reference_page import listing_entry
from biblio.render.text import (
    link,
    plain,
    section_page,
    with_footnotes,
)
from biblio.validate.markdown import FOOTNOTE_CALL, FOOTNOTE_DEFINITION

PRINT_PAGE = "imprimer.md"
TEMPLATE = "imprimer.html"  # overrides/imprimer.html: the page's class for print styles
GLOSSARY_SECTION = "glossaire"  # the section whose content is the glossary (« 5. Annexe »)
CONTENTS_ID = "sommaire"
NOTES_ID = "notes"
# « partie 5 », « section 2.3 »: a cross-reference to a numbered section of the edition.
_CROSS_REFERENCE = re.compile(r"\b((?:[Pp]artie|[Ss]ection)\s+(\d+(?:\.\d+)*))\b")
# A citation's link to a reference's page, as ``with_citations`` writes it.
_REFERENCE_LINK = re.compile(r"\]\(references/([\w:.-]+)\.md(?=[ )])")

# Shown on the print page while previewing (make serve), where it is built once at start.
PREVIEW_NOTE = (
    "> **Aperçu local** : pendant l’aperçu (`make serve`), cette page montre la base telle "
    "qu’elle était au lancement de l’aperçu ; elle n’est pas reconstruite à chaque modification "
    "d’une fiche. La construction du site (`make build`) la produit toujours à jour."
)


def edition_date(context: SiteContext) -> str:
    """The date of the edition in French: the latest date a record was added (the records'
    own date, so that the same records always give the same page)."""
    dates = [r.date_ajout for r in context.corpus.references if r.date_ajout]
    dates += [t.date_ajout for t in context.corpus.terms if t.date_ajout]
    return french(max(dates)) if dates else ""


def print_markdown(context: SiteContext, note: str = "") -> str:
    date = edition_date(context)
    listed = {r.id for s in context.section_order for r in context.by_section.get(s.id, [])}
    notes: list[str] = []
    body: list[str] = []
    for section in context.section_order:
        body += _section(section, context, listed, notes)
    if any(notes):
        # Python-Markdown puts every note at the end of the page: under this heading.
        body += [f"## Notes {{ #{NOTES_ID} }}", *(n for n in notes if n)]
    parts = [
        # Front matter: the print template, which like « sans-index.html » is not indexed.
        f"---\ntemplate: {TEMPLATE}\n---\n\n# Bibliographie commentée {{ #edition }}",
        "Dynamiques territoriales de santé (ASV, CLS, CLSM) et exercice coordonné (CPTS, MSP…)"
        "\n{: .biblio-edition-sous-titre }",
        *([f"Édition du {date}\n{{: .biblio-edition-date }}"] if date else []),
        *([note] if note else []),
        _contents(context, with_notes=any(notes)),
        *body,
    ]
    listed_refs = (r for s in context.section_order for r in context.by_section.get(s.id, []))
    parts.append(coins_block(listed_refs))
    return "\n\n".join(p for p in parts if p) + "\n"


def _depth(section: Section, context: SiteContext) -> int:
    return len(ancestors(section.id, context))


def _contents(context: SiteContext, with_notes: bool) -> str:
    lines = [f"## Sommaire {{ #{CONTENTS_ID} }}", ""]
    for section in context.section_order:
        target = f"[{plain(section_title(section))}](#{section.id})"
        lines.append(f"{'    ' * _depth(section, context)}- {target}")
    if with_notes:
        lines.append(f"- [Notes](#{NOTES_ID})")
    body = "\n".join(lines)
    return f'<div class="biblio-sommaire" markdown>\n\n{body}\n\n</div>'


def _section(
    section: Section, context: SiteContext, listed: set[str], notes: list[str]
) -> list[str]:
    level = min(2 + _depth(section, context), 4)
    parts = [f"{'#' * level} {plain(section_title(section))} {{ #{section.id} }}"]
    if section.texte:
        text, own_notes = edition_text(section.texte, context, listed, section.id)
        parts.append(text)
        notes.append(own_notes)
    for ref in context.by_section.get(section.id, []):
        parts.append(listing_entry(PRINT_PAGE, ref, context, level=5))
    if section.id == GLOSSARY_SECTION:
        for term in context.glossary_order:
            name = display_name(term)
            text, own_notes = edition_text(term.definition, context, listed, f"terme-{term.id}")
            parts += [f"##### {plain(name)} {{ #terme-{term.id} }}", text]
            notes.append(own_notes)
    online = link(PRINT_PAGE, section_page(section.id), "Voir la section en ligne")
    parts.append(f"{online}\n{{: .biblio-en-ligne }}")
    return parts


def edition_text(text: str, context: SiteContext, listed: set[str], name: str) -> tuple[str, str]:
    """A record's text for the one-page edition and its notes: citations link to the
    reference's entry in the edition (``listed``), « partie 5 » to that part; the notes are
    named after the record (``name``), so that two texts' « [^1] » stay two notes."""
    text = FOOTNOTE_DEFINITION.sub(lambda m: f"[^{name}-{m.group(1)}]:", text)
    text = FOOTNOTE_CALL.sub(lambda m: f"[^{name}-{m.group(1)}]", text)
    text, notes = with_footnotes(
        PRINT_PAGE, cross_references(text, context, ""), context.references, f"{name}-source-"
    )

    def within(match: re.Match[str]) -> str:
        return f"](#{match.group(1)}" if match.group(1) in listed else match.group(0)

    return _REFERENCE_LINK.sub(within, text), _REFERENCE_LINK.sub(within, notes)


def cross_references(text: str, context: SiteContext, page: str) -> str:
    """``text`` with « partie 5 » or « section 2.3 » as a link to that section: its anchor in
    the print edition (``page`` empty), else its page. Numbers no section has stay text."""
    numbered = context.numbered  # built once per build (``build_context``)

    def replace(match: re.Match[str]) -> str:
        section = numbered.get(match.group(2))
        if section is None:
            return match.group(0)
        target = link(page, section_page(section.id), match.group(1)) if page else ""
        return target or f"[{match.group(1)}](#{section.id})"

    return _CROSS_REFERENCE.sub(replace, text) if numbered else text
