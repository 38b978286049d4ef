"""One page per reference (``/references/<id>/``) and its entry in listings."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from biblio.cite import cached_citation as format_citation
from biblio.cite import format_authors
from biblio.convert.formats import EXCHANGE_FORMATS
from biblio.dates import display, french
from biblio.model import Reference
from biblio.render.context import SiteContext, section_title
from biblio.render.metadata import embedded_metadata, front_matter
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
    shortened,
    term_page,
    title_markdown,
    with_citations,
)
from biblio.render.titles import listed_together
from biblio.schema import (
    DATE,
    FULL_DATE,
    REFERENCE_FIELDS,
    SECTION_ID,
    VOCABULARIES,
    VOCABULARY,
    FieldSpec,
    RecordKind,
)
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
        f"{number}{citation_markdown(ref)}\n{NO_TERMS}",
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
    short = shortened(ref.titre, 50)
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
    """The « Notice » table: the fields the schema shows there, in its order."""
    rows = []
    for spec in REFERENCE_FIELDS:
        value = getattr(ref, spec.name)
        if spec.notice and value not in ("", (), None):
            shown = _notice_value(page, ref, spec, context)
            if shown:
                rows.append(f"| {spec.notice} | {shown} |")
    return "\n".join(["| Information | Valeur |", "|---|---|", *rows])


def _notice_value(page: str, ref: Reference, spec: FieldSpec, context: SiteContext) -> str:
    value = getattr(ref, spec.name)
    if spec.name in _LINKED:
        return _LINKED[spec.name](value)
    if spec.name == "auteurs":
        return plain(format_authors(ref.auteurs, ref.et_al))
    if spec.name == "pages":
        return plain(ref.pages or (f"{ref.nombre_pages} p." if ref.nombre_pages else ""))
    if spec.kind == SECTION_ID:
        section = context.sections.get(value)
        title = plain(section_title(section)) if section else ""
        return link(page, section_page(section.id), title) if section else ""
    return _text_value(spec, value)


def _text_value(spec: FieldSpec, value: object) -> str:
    if isinstance(value, tuple):
        return spec.joined.join(plain(str(v)) for v in value)
    if spec.kind == VOCABULARY:
        return plain(VOCABULARIES[spec.vocabulary].values.get(str(value), str(value)))
    if spec.kind == DATE:
        return plain(display(str(value)))
    if spec.kind == FULL_DATE:
        return plain(french(str(value)))
    return plain(str(value))


def _legifrance(jorftext: str) -> str:
    kind = "jorf" if jorftext.startswith("JORF") else "loda"
    return f"[{jorftext}](https://www.legifrance.gouv.fr/{kind}/id/{jorftext})"


def _doi(doi: str) -> str:
    return f"[{plain(doi)}](https://doi.org/{doi})"


def _eli(eli: str) -> str:
    return f"[{plain(eli)}]({eli})"


# Identifiers shown as links to what they identify.
_LINKED: dict[str, Callable[[str], str]] = {"doi": _doi, "jorftext": _legifrance, "eli": _eli}


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
    kinds: dict[str, str] = {
        RecordKind.SECTION: "Section",
        RecordKind.TERM: "Glossaire",
        RecordKind.REFERENCE: "Référence",
    }
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
        f"[{f.label} ({ref.id}{f.suffix})]({ref.id}{f.suffix})" for f in EXCHANGE_FORMATS
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
    return {f"references/{ref.id}{f.suffix}": f.dump([ref]) for f in EXCHANGE_FORMATS}


def ref_link(page: str, ref: Reference, distinct: Mapping[str, str] | None = None) -> str:
    return link(page, reference_page(ref.id), title_markdown(ref, distinct))
