"""Drafts (``brouillon: true``) are left out of the published site: nothing published may
point at one (a citation, a glossary term's source), or the published page would break."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from biblio.diagnostics import ERROR, Diagnostic, error, quote
from biblio.model import Corpus, Position, Record
from biblio.validate.texts import Citation, LocateText

LocateField = Callable[[Record, str], Position]


def check_links_to_drafts(
    corpus: Corpus,
    citations: Iterable[Citation],
    locate_text: LocateText,
    locate_field: LocateField,
) -> Iterator[Diagnostic]:
    drafts = {r.id for r in corpus.references if r.brouillon}
    if not drafts:
        return
    hint = "non publiée : terminez-la (retirez « brouillon ») ou retirez le lien"
    for citation in citations:
        if citation.target in drafts and citation.record_id not in drafts:
            _, fichier, record_id, field, offset = citation
            where = locate_text(fichier, record_id, field, offset)
            message = f"citation de la fiche en brouillon {quote('@' + citation.target)}, {hint}"
            yield error(where, "X009", message)
    for term in corpus.terms:
        for source in term.sources:
            if source in drafts:
                where = locate_field(term, "sources")
                message = f"référence source {quote(source)} en brouillon, {hint}"
                yield error(where, "X008", message)


def draft_files(corpus: Corpus) -> frozenset[str]:
    """The record files that hold only a draft (a .bib file may mix drafts and records)."""
    files = {r.position.fichier for r in corpus.references if r.brouillon}
    published = {r.position.fichier for r in corpus.references if not r.brouillon}
    return frozenset(files - published)


def about_a_draft(diagnostic: Diagnostic, drafts: frozenset[str]) -> bool:
    """A warning that concerns only a draft (its gaps, R012): the published site, which
    leaves drafts out, is not affected, so a strict build need not fail on it."""
    return diagnostic.gravite != ERROR and (
        diagnostic.code == "R012" or diagnostic.fichier in drafts
    )
