"""One page per reference (``/references/<id>/``) and its entry in listings."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from biblio.cite import cached_citation as format_citation
from biblio.cite import format_authors
from biblio.convert import bibtex, csljson, ris
from biblio.dates import display, french
from biblio.model import Reference
from biblio.render.context import SiteContext, section_title
from biblio.render.metadata import coins, embedded_metadata, front_matter
from biblio.render.navigation import reference_breadcrumb, reference_sidebar
from biblio.render.other_styles import other_styles_markdown
from biblio.render.robust_links import consult_with_archive
from biblio.render.search_meta import reference_block
from biblio.render.text import (
    NO_TERMS,
    NO_TERMS_CLASS,
    annex,
    citation_markdown,
    for_screen_readers,
    link,
    plain,
    reference_page,
    section_page,
    term_page,
    title_markdown,
    with_citations,
)
from biblio.render.titles import listed_together
from biblio.schema import TYPES_BY_ID, VOCABULARIES
from biblio.typography import french_spacing

NEIGHBOURS = 5  # references of the same section shown before and after
# Search weight of a reference's title: below a glossary term's or a section's (10), so that
# « CPTS » finds the term's page before the references that name CPTS in their title.
TITLE_WEIGHT = 'data-pagefind-weight="5"'
# Shown on a draft's page by the preview (make serve); drafts are not published.
# (Material styles its admonition classes; the page needs no extension for them.)
DRAFT_BANNER = (
    '<div class="admonition warning biblio-brouillon" markdown>\n'
    '<p class="admonition-title">Fiche à compléter</p>\n\n'
    "Cette fiche importée est un brouillon : complétez les champs que `biblio valider` "
    "signale (R012), puis retirez la ligne `brouillon: true`. Elle n'apparaît pas dans le "
    "site publié.\n\n</div>"
)
DOWNLOADS = {"bib": ("BibTeX", bibtex), "ris": ("RIS", ris), "json": ("CSL-JSON", csljson)}


def lang_attribute(ref: Reference, more: str = "") -> str:
    """Attributes of a title: its language when not French, and ``more``."""
    attributes = f'lang="{ref.langue}" {more}' if ref.langue != "fr" else more
    return f" {{ {attributes.strip()} }}" if attributes.strip() else ""


def consult_line(ref: Reference, dead: bool = False) -> str:
    """An explicit link: « Consulter le document : <titre> » (RGAA 6.1); with an archived
    copy, as Robust Links, the copy first when the original is ``dead``."""
    if not ref.url:
        return ""
    kind = "le site" if ref.type == "site-ressource" else "le document"
    if ref.url_archive:
        return consult_with_archive(ref, kind, dead)
    title = for_screen_readers(f" : {plain(ref.titre)}")  # the title is just above
    return f"[Consulter {kind}{title}]({ref.url}){{ .biblio-consulter }}"


def listing_entry(page: str, ref: Reference, context: SiteContext, level: int = 3) -> str:
    """A reference in a section page: number, citation, commentary, link."""
    number = f"**({ref.numero})** " if ref.numero else ""
    lines = [
        f"{'#' * level} {link(page, reference_page(ref.id), _listed(ref, context))}{_anchor(ref)}",
        "",
        f"{number}{citation_markdown(ref)}{coins(ref)}\n{NO_TERMS}",
    ]
    if ref.commentaire:
        lines += ["", _commentary(page, ref, context)]
    if ref.url:
        lines += ["", consult_line(ref, ref.url in context.dead_links)]
    return "\n".join(lines)


def _listed(ref: Reference, context: SiteContext) -> str:
    """The title in its section's listing, told apart from another listed there."""
    siblings = context.by_section.get(ref.section, []) if ref.id in context.distinct else []
    return title_markdown(ref, listed_together(siblings, context.distinct))


def _anchor(ref: Reference) -> str:
    # The page's table of contents shows « (21) Début du titre… ».
    short = ref.titre if len(ref.titre) <= 50 else ref.titre[:48].rsplit(" ", 1)[0] + "…"
    number = f"({ref.numero}) " if ref.numero else ""
    toc_label = (number + short).replace('"', "'").replace("{", "(").replace("}", ")")
    toc_label = french_spacing(toc_label)  # the table of contents wraps on a phone too
    attributes = f'#{ref.id} data-toc-label="{toc_label}"'
    if ref.langue != "fr":
        attributes += f' lang="{ref.langue}"'
    return f" {{ {attributes} }}"


def _commentary(page: str, ref: Reference, context: SiteContext) -> str:
    text = with_citations(page, ref.commentaire, context.references)
    source = VOCABULARIES["sources_commentaire"].values.get(ref.source_commentaire, "")
    return f"{text}\n\n*{source}*" if source and ref.source_commentaire != "base" else text


def reference_markdown(ref: Reference, context: SiteContext) -> str:
    page = reference_page(ref.id)
    parts = [
        f"# {title_markdown(ref) if ref.titre else '(sans titre)'}"
        f"{lang_attribute(ref, TITLE_WEIGHT)}",
        DRAFT_BANNER if ref.brouillon else "",
        reference_block(ref, context),
        annex(reference_breadcrumb(page, ref, context)),
        # The citation and the link repeat the title: left out of the search index, which
        # stays smaller (the first search downloads less) and ranks the page by its title.
        f"{citation_markdown(ref)}\n{{: .{NO_TERMS_CLASS} data-pagefind-ignore }}",
        annex(consult_line(ref, ref.url in context.dead_links)),
    ]
    if ref.commentaire:
        parts += ["## Commentaire", _commentary(page, ref, context)]
    # The notice's titles and publishers are bibliographic text: no glossary tooltips.
    notice = f'<div class="{NO_TERMS_CLASS}" markdown>\n\n{_notice(page, ref, context)}\n\n</div>'
    parts += ["## Notice", notice]
    parts.append(
        annex(
            *_terms(page, ref, context),
            *_cited_in(page, ref, context),
            *_same_section(page, ref, context),
            _citer(ref),
            other_styles_markdown(ref),
            _previous_next(page, ref, context),
        )
    )
    head = front_matter(embedded_metadata(ref, context.references), reference_sidebar(ref, context))
    return head + "\n\n".join(p for p in parts if p) + "\n"


def _notice(page: str, ref: Reference, context: SiteContext) -> str:
    rows = [("Type", TYPES_BY_ID[ref.type].label)]
    rows += [(label, plain(value)) for label, value in _plain_rows(ref) if value]
    if ref.section in context.sections:
        section = context.sections[ref.section]
        rows.append(
            ("Section", link(page, section_page(section.id), plain(section_title(section))))
        )
    rows += _identifier_rows(ref)
    if ref.mots_cles:
        rows.append(("Mots-clés", ", ".join(plain(k) for k in ref.mots_cles)))
    lines = ["| Information | Valeur |", "|---|---|"] + [
        f"| {label} | {value} |" for label, value in rows
    ]
    return "\n".join(lines)


def _plain_rows(ref: Reference) -> list[tuple[str, str]]:
    territory = VOCABULARIES["territoires"].values.get(ref.territoire, "")
    return [
        ("Auteurs", format_authors(ref.auteurs, ref.et_al)),
        ("Éditeur", "; ".join(ref.editeurs)),
        ("Publication", ref.publication),
        ("Date", display(ref.date)),
        ("Date du texte", french(ref.date_signature) if ref.date_signature else ""),
        ("Mise à jour", display(ref.date_maj)),
        ("Pages", ref.pages or (f"{ref.nombre_pages} p." if ref.nombre_pages else "")),
        ("Pagination", ref.pagination),
        ("Territoire", territory),
        ("Langue", VOCABULARIES["langues"].values.get(ref.langue, ref.langue)),
        ("Consulté le", french(ref.date_consultation) if ref.date_consultation else ""),
        ("Ajouté à la base le", french(ref.date_ajout) if ref.date_ajout else ""),
    ]


def _identifier_rows(ref: Reference) -> list[tuple[str, str]]:
    rows = []
    if ref.doi:
        rows.append(("DOI", f"[{plain(ref.doi)}](https://doi.org/{ref.doi})"))
    if ref.jorftext:
        kind = "jorf" if ref.jorftext.startswith("JORF") else "loda"
        url = f"https://www.legifrance.gouv.fr/{kind}/id/{ref.jorftext}"
        rows.append(("Légifrance", f"[{ref.jorftext}]({url})"))
    if ref.eli:
        rows.append(("ELI", f"[{plain(ref.eli)}]({ref.eli})"))
    rows += [
        (label, plain(value))
        for label, value in (
            ("NOR", ref.nor),
            ("ISBN", ", ".join(ref.isbn)),
            ("ISSN", ", ".join(ref.issn)),
        )
        if value
    ]
    return rows


def _terms(page: str, ref: Reference, context: SiteContext) -> list[str]:
    terms = [context.terms[t] for t in ref.termes if t in context.terms]
    if not terms:
        return []
    items = [
        f"- {link(page, term_page(t.id), plain(t.sigle or t.terme))} — {plain(t.terme)}"
        for t in terms
    ]
    return ["## Termes du glossaire", "\n".join(items)]


def _cited_in(page: str, ref: Reference, context: SiteContext) -> list[str]:
    places = [b for b in context.cited_in.get(ref.id, []) if b.page != page]
    if not places:
        return []
    kinds = {"section": "Section", "terme": "Glossaire", "reference": "Référence"}
    items = [f"- {kinds[b.kind]} : {link(page, b.page, plain(b.title))}" for b in places]
    return ["## Cité dans", "\n".join(items)]


def _same_section(page: str, ref: Reference, context: SiteContext) -> list[str]:
    siblings = context.by_section.get(ref.section, []) if ref.section else []
    if len(siblings) < 2:
        return []
    index = context.rank_in_section[ref.id]
    window = siblings[max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]
    distinct = listed_together(window, context.distinct)
    items = [
        f"- {f'({r.numero}) ' if r.numero else ''}{ref_link(page, r, distinct)}"
        for r in window
        if r is not ref
    ]
    section = context.sections[ref.section]
    more = link(page, section_page(section.id), f"Toute la section « {plain(section.titre)} »")
    return ["## Dans la même section", "\n".join(items) + f"\n\n{more}"]


def _citer(ref: Reference) -> str:
    downloads = " · ".join(
        f"[{label} ({ref.id}.{ext})]({ref.id}.{ext})" for ext, (label, _) in DOWNLOADS.items()
    )
    return (
        "## Citer cette référence\n\n"
        f"~~~~ {{ .text .biblio-citer }}\n{format_citation(ref).text}\n~~~~\n\n"
        f"Télécharger la notice : {downloads}"
    )


def _previous_next(page: str, ref: Reference, context: SiteContext) -> str:
    order = context.edition_order
    index = context.rank[ref.id]
    parts = []
    if index > 0:
        parts.append(f"Précédente : ← {ref_link(page, order[index - 1])}")
    if index + 1 < len(order):
        parts.append(f"Suivante : {ref_link(page, order[index + 1])} →")
    return "\n\n".join(parts)


@functools.lru_cache(maxsize=20_000)  # `make serve` rebuilds: unchanged records are reused
def reference_downloads(ref: Reference) -> dict[str, str]:
    """The record in each exchange format, beside its page."""
    return {
        f"references/{ref.id}.{ext}": module.dump([ref]) for ext, (_, module) in DOWNLOADS.items()
    }


def ref_link(page: str, ref: Reference, distinct: Mapping[str, str] | None = None) -> str:
    return link(page, reference_page(ref.id), title_markdown(ref, distinct))
