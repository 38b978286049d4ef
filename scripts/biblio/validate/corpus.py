"""Checks across records: duplicates and dangling links."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import unquote

from biblio.diagnostics import Diagnostic, error, quote
from biblio.model import Corpus, Record, Reference, Section, field_position
from biblio.validate.record import suggestion


def check_corpus(corpus: Corpus) -> Iterator[Diagnostic]:
    refs = corpus.references
    yield from _duplicates(refs, "numero", lambda r: r.numero, "X002", "numéro d'affichage", "")
    yield from _duplicates(refs, "url", lambda r: normalise_url(r.url), "X003", "URL", "e")
    yield from _duplicates(refs, "doi", lambda r: r.doi.lower(), "X004", "DOI", "")
    yield from _dangling_links(corpus)
    yield from _section_loops(corpus.sections)


def normalise_url(url: str) -> str:
    """Same document, same key: scheme, host case, ``www.``, trailing slash, percent-escapes
    and Unicode composition (« é » written as one or two characters) are ignored."""
    if not url:
        return ""
    # Plain string work: urlsplit costs more than the rest of the check for 10,000 records.
    rest = unicodedata.normalize("NFC", unquote(url.split("://", 1)[-1]))
    host, slash, path = rest.partition("/")
    return host.lower().removeprefix("www.") + slash + path.rstrip("/")


def _duplicates(
    records: Iterable[Reference],
    field: str,
    key: Callable[[Reference], object],
    code: str,
    label: str,
    feminine: str,
) -> Iterator[Diagnostic]:
    seen: dict[object, Reference] = {}
    for record in records:
        value = key(record)
        if not value:
            continue
        first = seen.setdefault(value, record)
        if first is not record:
            yield error(
                field_position(record, field),
                code,
                f"{label} {quote(getattr(record, field))} déjà utilisé{feminine} "
                f"par {quote(first.id)} ({first.position.fichier})",
            )


def _dangling_links(corpus: Corpus) -> Iterator[Diagnostic]:
    references = {r.id for r in corpus.references}
    terms = {t.id for t in corpus.terms}
    sections = {s.id for s in corpus.sections}
    for ref in corpus.references:
        yield from _unknown(ref, "section", _one(ref.section), sections, "X006", "section inconnue")
        yield from _unknown(ref, "termes", ref.termes, terms, "X012", "terme du glossaire inconnu")
    for term in corpus.terms:
        yield from _unknown(term, "voir_aussi", term.voir_aussi, terms, "X007", "terme lié inconnu")
        yield from _unknown(
            term, "sources", term.sources, references, "X008", "référence source inconnue"
        )
    for section in corpus.sections:
        parent = _one(section.parent)
        yield from _unknown(section, "parent", parent, sections, "X011", "section parente inconnue")


def _one(value: str) -> tuple[str, ...]:
    return (value,) if value else ()


def _unknown(
    record: Record, field: str, values: Iterable[str], known: set[str], code: str, label: str
) -> Iterator[Diagnostic]:
    for value in values:
        if value not in known:
            where = field_position(record, field)
            hint = suggestion(value, sorted(known))
            yield error(where, code, f"{label} {quote(value)}{hint}")


def _section_loops(sections: Iterable[Section]) -> Iterator[Diagnostic]:
    parents = {s.id: s.parent for s in sections}
    for section in sections:
        seen = {section.id}
        parent = section.parent
        while parent in parents:
            if parent in seen:
                yield error(
                    field_position(section, "parent"),
                    "X011",
                    f"boucle dans l'arbre des sections : {quote(section.id)} se contient elle-même",
                )
                break
            seen.add(parent)
            parent = parents[parent]
