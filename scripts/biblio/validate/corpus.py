"""Checks across records: duplicates and dangling links."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import unquote

from biblio.diagnostics import Diagnostic, error, quote
from biblio.model import Corpus, Position, Record, Reference, Section
from biblio.schema import FIELDS_BY_KIND, LINK_TARGETS, FieldSpec, RecordKind
from biblio.validate.record import suggestion

# Where field ``name`` of a record is written (see ``biblio.validate.locate``).
Locate = Callable[[Record, str], Position]
# Reference fields two records may not share: code, how the message names the value (and
# agrees with it), how values are compared.
_UNIQUE: tuple[tuple[str, str, tuple[str, str], Callable[[Reference], object]], ...] = (
    ("numero", "X002", ("numéro d'affichage", "utilisé"), lambda r: r.numero),
    ("url", "X003", ("URL", "utilisée"), lambda r: normalise_url(r.url)),
    ("doi", "X004", ("DOI", "utilisé"), lambda r: r.doi.lower()),
)


def check_corpus(corpus: Corpus, locate: Locate) -> Iterator[Diagnostic]:
    for field, code, label, key in _UNIQUE:
        yield from _duplicates(corpus.references, field, key, code, label, locate)
    yield from _dangling_links(corpus, locate)
    yield from _section_loops(corpus.sections, locate)


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
    label: tuple[str, str],
    locate: Locate,
) -> Iterator[Diagnostic]:
    seen: dict[object, Reference] = {}
    for record in records:
        value = key(record)
        if not value:
            continue
        first = seen.setdefault(value, record)
        if first is not record:
            name, used = label
            yield error(
                locate(record, field),
                code,
                f"{name} {quote(getattr(record, field))} déjà {used} "
                f"par {quote(first.id)} ({first.position.fichier})",
            )


def _dangling_links(corpus: Corpus, locate: Locate) -> Iterator[Diagnostic]:
    """Every link field of the schema (a section, terms, references) names known records."""
    records: dict[str, tuple[Record, ...]] = {
        RecordKind.REFERENCE: corpus.references,
        RecordKind.TERM: corpus.terms,
        RecordKind.SECTION: corpus.sections,
    }
    known = {kind: {r.id for r in of_kind} for kind, of_kind in records.items()}
    for kind, fields in FIELDS_BY_KIND.items():
        links = [f for f in fields if f.kind in LINK_TARGETS]
        for record in records[kind]:
            for spec in links:
                yield from _unknown(record, spec, known[LINK_TARGETS[spec.kind]], locate)


def _unknown(
    record: Record, spec: FieldSpec, known: set[str], locate: Locate
) -> Iterator[Diagnostic]:
    value = getattr(record, spec.name)
    code, label = spec.link
    for target in value if isinstance(value, tuple) else _one(value):
        if target not in known:
            hint = suggestion(target, sorted(known))
            yield error(locate(record, spec.name), code, f"{label} {quote(target)}{hint}")


def _one(value: str) -> tuple[str, ...]:
    return (value,) if value else ()


def _section_loops(sections: Iterable[Section], locate: Locate) -> Iterator[Diagnostic]:
    parents = {s.id: s.parent for s in sections}
    for section in sections:
        seen = {section.id}
        parent = section.parent
        while parent in parents:
            if parent in seen:
                yield error(
                    locate(section, "parent"),
                    "X011",
                    f"boucle dans l'arbre des sections : {quote(section.id)} se contient elle-même",
                )
                break
            seen.add(parent)
            parent = parents[parent]
