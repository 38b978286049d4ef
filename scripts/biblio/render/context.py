"""What every page needs to know about the corpus, computed once per build."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from biblio.ids import slug_words
from biblio.model import Corpus, Reference, Section, Term
from biblio.order import references_in_order, sections_in_order
from biblio.render.titles import distinguishing_parts
from biblio.terms import TermFinder
from biblio.validate.markdown import CITATION, CITED_ID


@dataclass(frozen=True)
class Backlink:
    """A page that cites or mentions a record: its docs path and its title."""

    page: str
    title: str
    kind: str  # "section", "terme", "reference"


@dataclass
class SiteContext:
    corpus: Corpus
    references: dict[str, Reference] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    section_order: list[Section] = field(default_factory=list)
    edition_order: list[Reference] = field(default_factory=list)
    by_section: dict[str, list[Reference]] = field(default_factory=dict)
    children: dict[str, list[Section]] = field(default_factory=dict)
    cited_in: dict[str, list[Backlink]] = field(default_factory=dict)  # reference id → pages
    mentions: dict[str, list[Backlink]] = field(default_factory=dict)  # term id → pages
    finder: TermFinder = field(default_factory=lambda: TermFinder(()))
    latest: list[Reference] = field(default_factory=list)  # by date added, newest first
    rank: dict[str, int] = field(default_factory=dict)  # place in edition order
    rank_in_section: dict[str, int] = field(default_factory=dict)
    dead_links: frozenset[str] = frozenset()  # URLs the last link check found dead
    numbered: dict[str, Section] = field(default_factory=dict)  # « 2.3 » → its section
    glossary_order: list[Term] = field(default_factory=list)  # A to Z (``term_sort_key``)
    glossary_rank: dict[str, int] = field(default_factory=dict)  # place in glossary order
    # What tells a reference from another of the same title in the whole base
    # (``titles.distinguishing_parts``); a listing keeps those it lists together.
    distinct: dict[str, str] = field(default_factory=dict)


def build_context(corpus: Corpus) -> SiteContext:
    context = SiteContext(corpus)
    context.references = {r.id: r for r in corpus.references}
    context.terms = {t.id: t for t in corpus.terms}
    context.sections = {s.id: s for s in corpus.sections}
    context.section_order = sections_in_order(corpus.sections)
    context.edition_order = references_in_order(corpus)
    for section in context.section_order:
        context.children.setdefault(section.parent, []).append(section)
    for index, ref in enumerate(context.edition_order):
        context.rank[ref.id] = index
        siblings = context.by_section.setdefault(ref.section, [])
        context.rank_in_section[ref.id] = len(siblings)
        siblings.append(ref)
    context.latest = sorted(
        (r for r in corpus.references if r.date_ajout),
        key=lambda r: (r.date_ajout, r.id),
        reverse=True,
    )
    context.finder = TermFinder(corpus.terms)
    context.numbered = {s.numero: s for s in context.section_order if s.numero}
    context.glossary_order = sorted(corpus.terms, key=term_sort_key)
    context.glossary_rank = {t.id: i for i, t in enumerate(context.glossary_order)}
    context.distinct = distinguishing_parts(corpus.references)
    _backlinks(context)
    return context


def term_sort_key(term: Term) -> str:
    """A to Z by acronym (or name), accents aside."""
    return " ".join(slug_words(term.sigle or term.terme))


def ancestors(section_id: str, context: SiteContext) -> list[Section]:
    """The sections above section ``section_id``, outermost first: the breadcrumbs, the print
    edition's depth and the search facets' trail. Bounded, as a parent loop is reported by
    the validator, not followed."""
    trail: list[Section] = []
    section = context.sections.get(section_id)
    parent = context.sections.get(section.parent) if section else None
    while parent is not None and len(trail) < 10:
        trail.insert(0, parent)
        parent = context.sections.get(parent.parent)
    return trail


def section_title(section: Section) -> str:
    return f"{section.numero}. {section.titre}" if section.numero else section.titre


def _backlinks(context: SiteContext) -> None:
    cited: dict[str, list[Backlink]] = defaultdict(list)
    mentioned: dict[str, list[Backlink]] = defaultdict(list)
    for section in context.section_order:
        where = Backlink(f"sections/{section.id}.md", section_title(section), "section")
        _note(where, section.texte, cited, mentioned, context)
    for term in context.corpus.terms:
        where = Backlink(f"glossaire/{term.id}.md", term.terme, "terme")
        for source in term.sources:
            cited[source].append(where)
        _note(where, term.definition, cited, mentioned, context, skip=term.id)
    for ref in context.edition_order:
        where = Backlink(f"references/{ref.id}.md", ref.titre, "reference")
        for term_id in ref.termes:
            mentioned[term_id].append(where)
        _note(where, ref.commentaire, cited, mentioned, context)
    context.cited_in = {k: list(dict.fromkeys(v)) for k, v in cited.items()}
    context.mentions = {k: list(dict.fromkeys(v)) for k, v in mentioned.items()}


def _note(
    where: Backlink,
    text: str,
    cited: dict[str, list[Backlink]],
    mentioned: dict[str, list[Backlink]],
    context: SiteContext,
    skip: str = "",
) -> None:
    for match in CITATION.finditer(text):
        for ref_id in CITED_ID.findall(match.group(2)):
            cited[ref_id].append(where)
    for term_id in context.finder.mentioned(text):
        if term_id != skip:
            mentioned[term_id].append(where)
