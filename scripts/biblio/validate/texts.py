"""Citations and footnotes of one record's Markdown texts, checked within the record."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.model import Position, Record, TextOrigin
from biblio.validate.markdown import iter_mentions


class Citation(NamedTuple):
    """A record id cited in a text: the citing record's file and id, the text's field and
    the citation's offset in it (its line and column are found only if it is reported)."""

    target: str
    fichier: str
    record_id: str
    field: str
    offset: int


# Where text field ``name`` starts in the file of the record being checked.
OriginOf = Callable[[str], TextOrigin]
# The position of ``offset`` in a text: (file, record id, field, offset) → position.
LocateText = Callable[[str, str, str, int], Position]


def check_texts(
    record: Record, texts: tuple[str, ...], origin_of: OriginOf
) -> tuple[list[Diagnostic], list[Citation]]:
    """Footnote problems of the ``texts`` fields of ``record`` and the citations they make
    (resolved later, across records)."""
    problems: list[Diagnostic] = []
    citations: list[Citation] = []
    for field in texts:
        text: str = getattr(record, field)
        mentions = list(iter_mentions(text))
        calls = {m.target for m in mentions if m.kind == "appel"}
        definitions = {m.target for m in mentions if m.kind == "definition"}
        for mention in mentions:
            note = quote(f"[^{mention.target}]")
            if mention.kind in ("citation", "note-citation"):
                fichier = record.position.fichier
                citations.append(
                    Citation(mention.target, fichier, record.id, field, mention.offset)
                )
            elif mention.kind == "appel" and mention.target not in definitions:
                at = origin_of(field).position(text, mention.offset)
                problems.append(error(at, "X010", f"note {note} appelée mais jamais définie"))
            elif mention.kind == "definition" and mention.target not in calls:
                at = origin_of(field).position(text, mention.offset)
                problems.append(warning(at, "X010", f"note {note} définie mais jamais appelée"))
    return problems, citations


def check_citations(
    citations: list[Citation], references: set[str], locate_text: LocateText
) -> Iterator[Diagnostic]:
    for citation in citations:
        if citation.target not in references:
            _, fichier, record_id, field, offset = citation
            where = locate_text(fichier, record_id, field, offset)
            cited = quote("@" + citation.target)
            yield error(where, "X009", f"citation d'une référence inconnue {cited}")
