"""Checks across records: duplicates and dangling links."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.model import Corpus, Record, Reference, Section
from biblio.validate.markdown import iter_mentions
from biblio.validate.record import suggestion


def check_corpus(corpus: Corpus) -> Iterator[Diagnostic]:
    refs = corpus.references
    yield from _duplicates(refs, "numero", lambda r: r.numero, "X002", "numéro d'affichage", "")
    yield from _duplicates(refs, "url", lambda r: normalise_url(r.url), "X003", "URL", "e")
    yield from _duplicates(refs, "doi", lambda r: r.doi.lower(), "X004", "DOI", "")
    yield from _dangling_links(corpus)
    yield from _section_loops(corpus.sections)
    known = {r.id for r in refs}
    records: tuple[Record, ...] = (*corpus.sections, *refs, *corpus.terms)
    for record in records:
        yield from _texts(record, known)


def normalise_url(url: str) -> str:
    """Same document, same key: scheme, host case, ``www.`` and trailing slash ignored."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("http", host, parts.path.rstrip("/"), parts.query, parts.fragment))


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
                record.positions.get(field, record.position),
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
            where = record.positions.get(field, record.position)
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
                    section.positions.get("parent", section.position),
                    "X011",
                    f"boucle dans l'arbre des sections : {quote(section.id)} se contient elle-même",
                )
                break
            seen.add(parent)
            parent = parents[parent]


def _texts(record: Record, references: set[str]) -> Iterator[Diagnostic]:
    for field, origin in record.origins.items():
        text = getattr(record, field, "")
        if not isinstance(text, str):
            continue
        mentions = list(iter_mentions(text))
        calls = {m.target for m in mentions if m.kind == "appel"}
        definitions = {m.target for m in mentions if m.kind == "definition"}
        for mention in mentions:
            where = origin.position(text, mention.offset)
            note = quote(f"[^{mention.target}]")
            if mention.kind in ("citation", "note-citation") and mention.target not in references:
                cited = quote("@" + mention.target)
                yield error(where, "X009", f"citation d'une référence inconnue {cited}")
            elif mention.kind == "appel" and mention.target not in definitions:
                yield error(where, "X010", f"note {note} appelée mais jamais définie")
            elif mention.kind == "definition" and mention.target not in calls:
                yield warning(where, "X010", f"note {note} définie mais jamais appelée")
