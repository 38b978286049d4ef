"""Home page and browsing pages: by type, year, territory and descriptor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from biblio.dates import french, year_label
from biblio.ids import slug_words
from biblio.model import Reference
from biblio.render.context import SiteContext
from biblio.render.metadata import coins_block
from biblio.render.section_pages import CONTENTS_PAGE
from biblio.render.text import (
    NO_TERMS_CLASS,
    NOT_INDEXED,
    link,
    plain,
    reference_page,
    term_page,
    title_markdown,
)
from biblio.render.titles import listed_together
from biblio.schema import TYPES, VOCABULARIES

LATEST = 10
BROWSE_INDEX = "parcourir/index.md"
NO_DATE = "Sans date"


def _type_rank(type_id: str) -> int:
    return [t.id for t in TYPES].index(type_id)


def _year(ref: Reference) -> list[str]:
    return [ref.year or NO_DATE]


def _year_rank(year: str) -> tuple[bool, int]:
    """Newest first (years before our era are negative), « Sans date » last."""
    return year == NO_DATE, -int(year) if year != NO_DATE else 0


def _value_slug(value: str) -> str:
    # A year before our era (« -0100 ») gets a page of its own, not that of the year 100.
    words = slug_words(f"av {value[1:]}" if value[:1] == "-" else value)
    return "-".join(words) or "valeur"


def _slug(value: str) -> str:
    return " ".join(slug_words(value))


def _type_label(value: str, context: SiteContext) -> str:
    return VOCABULARIES["types"].values.get(value, value)


def _year_label(value: str, context: SiteContext) -> str:
    return year_label(value) if value != NO_DATE else value


def _territory_label(value: str, context: SiteContext) -> str:
    return VOCABULARIES["territoires"].values.get(value, "Territoire non précisé")


def _theme_label(value: str, context: SiteContext) -> str:
    term = context.terms.get(value)
    if term is None:
        return value
    return f"{term.sigle} — {term.terme}" if term.sigle else term.terme


def _as_is(value: str, context: SiteContext) -> str:
    return value


@dataclass(frozen=True)
class Facet:
    """A way to browse the references: its page and title, what a reference is filed under,
    how the values are sorted and named; ``themes``: the values are glossary terms."""

    page: str
    title: str
    values_of: Callable[[Reference], Iterable[str]]
    sort_key: Callable[[str], Any]
    label: Callable[[str, SiteContext], str]
    themes: bool = False


FACETS: tuple[Facet, ...] = (
    Facet(
        "parcourir/types.md", "Par type de document", lambda r: [r.type], _type_rank, _type_label
    ),
    Facet("parcourir/annees.md", "Par année", _year, _year_rank, _year_label),
    Facet(
        "parcourir/territoires.md",
        "Par territoire",
        lambda r: [r.territoire or "non-precise"],
        lambda value: (value == "non-precise", value),
        _territory_label,
    ),
    Facet(
        "parcourir/themes.md",
        "Par thème (termes du glossaire)",
        lambda r: r.termes,
        lambda v: v,
        _theme_label,
        themes=True,
    ),
    Facet("parcourir/mots-cles.md", "Par mot-clé", lambda r: r.mots_cles, _slug, _as_is),
)


def entry(page: str, ref: Reference, distinct: Mapping[str, str]) -> str:
    """A reference in a listing; ``distinct``: what tells apart the listed references of
    the same title (``titles.listed_together``)."""
    number = f"({ref.numero}) " if ref.numero else ""
    suffix = f", {year_label(ref.year)}" if ref.year else ""
    title = title_markdown(ref, distinct)
    return f"- {number}{link(page, reference_page(ref.id), title)}{suffix}"


def facet_pages(facet: Facet, context: SiteContext) -> dict[str, str]:
    """The facet's page (its values, with counts) and one listing page per value, so that an
    edit rebuilds only the listings of the record's own values."""
    page, title = facet.page, facet.title
    groups: dict[str, list[Reference]] = {}
    for ref in context.edition_order:
        for value in facet.values_of(ref):
            groups.setdefault(value, []).append(ref)
    folder = page.removesuffix(".md")
    back = link(page, BROWSE_INDEX, "← Toutes les façons de parcourir")
    lines = [NOT_INDEXED + f"# {title}", "", back, ""]
    if not groups:
        lines.append("Aucune référence n'a encore cette information.")
    pages: dict[str, str] = {}
    for value in sorted(groups, key=facet.sort_key):
        refs = groups[value]
        label = plain(facet.label(value, context))
        value_page = f"{folder}/{_value_slug(value)}.md"
        lines.append(f"- {link(page, value_page, label)} ({len(refs)})")
        listing = [NOT_INDEXED + f"# {label}", "", link(value_page, page, f"← {title}"), ""]
        if facet.themes and value in context.terms:  # a theme is a term
            definition = link(value_page, term_page(value), label)
            listing += [f"Définition du thème dans le glossaire : {definition}.", ""]
        distinct = listed_together(refs, context.distinct)
        listing += [entry(value_page, r, distinct) for r in refs]
        listing += ["", coins_block(refs)]
        pages[value_page] = "\n".join(listing) + "\n"
    pages[page] = "\n".join(lines) + "\n"
    return pages


def browse_index_markdown(context: SiteContext) -> str:
    lines = ["# Parcourir la base", "", f"Les {len(context.references)} références, classées :", ""]
    for facet in FACETS:
        if any(facet.values_of(r) for r in context.references.values()):  # no empty way in
            lines.append(f"- {link(BROWSE_INDEX, facet.page, facet.title)}")
    lines.append(f"- {link(BROWSE_INDEX, CONTENTS_PAGE, 'Par section de la bibliographie')}")
    return "\n".join(lines) + "\n"


# Where overrides/accueil.html puts the search form (a form is no content the allowlist lets
# through; without the template, an empty block).
HOME_SEARCH = '<div class="biblio-accueil-recherche"></div>'
HOME_TEMPLATE = "accueil.html"


def home_markdown(context: SiteContext) -> str:
    """The home page: what the base is, the search, the three ways in as cards, the latest
    additions."""
    page = "index.md"
    edition = (
        "*Dynamiques territoriales de santé (ASV, CLS, CLSM) et exercice coordonné (CPTS, MSP…) "
        f": quelle articulation possible ?*{{: .{NO_TERMS_CLASS} }}"
    )
    lines = [
        f"---\ntemplate: {HOME_TEMPLATE}\n---\n",
        "# Dynamiques territoriales de santé et exercice coordonné",
        "",
        f"Base de connaissances issue de la bibliographie commentée {edition} (octobre 2022) : "
        "chaque référence y a sa fiche, avec son commentaire, et chaque sigle son entrée de "
        "glossaire.",
        "",
        HOME_SEARCH,
        "",
        *_ways_in(page, context),
        "",
        *_latest(page, context),
        "## Aussi",
        "",
        "- **Comprendre un sigle** : dans toutes les pages, le survoler ou le sélectionner "
        "affiche sa définition.",
        "- **Parcourir** par type, année, territoire ou thème : "
        f"{link(page, BROWSE_INDEX, 'Parcourir')}.",
        f"- **Réutiliser** : {link(page, 'telechargements.md', 'Téléchargements')} (BibTeX, RIS, "
        "CSL-JSON pour Zotero), version imprimable, fil de veille.",
    ]
    return "\n".join(lines) + "\n"


def _latest(page: str, context: SiteContext) -> list[str]:
    latest = context.latest[:LATEST]
    if not latest:
        return []
    distinct = listed_together(latest, context.distinct)
    items = [f"{entry(page, r, distinct)} — ajoutée le {french(r.date_ajout)}" for r in latest]
    return ["## Dernières références ajoutées", "", *items, "", coins_block(latest), ""]


def _ways_in(page: str, context: SiteContext) -> list[str]:
    """The three ways in, as Material's grid cards: a list in a ``grid cards`` block."""
    references, terms = len(context.references), len(context.terms)
    cards = [
        (
            CONTENTS_PAGE,
            "La bibliographie",
            f"Les {references} références commentées, section par section, comme dans "
            "l'édition d'octobre 2022.",
        ),
        (
            "glossaire/index.md",
            "Le glossaire",
            f"{terms} sigles et notions : leur définition, les textes qui les fondent, les "
            "références qui en parlent.",
        ),
        (
            "connaissances/index.md",
            "Repères",
            "Chiffres de l'enquête, ateliers du CRES Paca, chronologie des textes, la base en "
            "chiffres.",
        ),
    ]
    items = [
        f"-   **{link(page, target, title)}**\n\n    ---\n\n    {text}"
        for target, title, text in cards
    ]
    return [
        '<div class="grid cards biblio-entrees" markdown>',
        "",
        "\n\n".join(items),
        "",
        "</div>",
    ]
