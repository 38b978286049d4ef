"""Citations and footnotes of one record's Markdown texts, checked within the record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.model import Position, Record, TextOrigin
from biblio.validate.markdown import iter_mentions


@dataclass(frozen=True)
class Citation:
    """A record id cited in a text, and where."""

    target: str
    position: Position


def check_texts(
    record: Record, origins: dict[str, TextOrigin]
) -> tuple[list[Diagnostic], list[Citation]]:
    """Footnote problems of ``record``'s texts and the citations they make (resolved later);
    ``origins``: where each text starts in the file."""
    problems: list[Diagnostic] = []
    citations: list[Citation] = []
    for field, origin in origins.items():
        text = getattr(record, field, "")
        if not isinstance(text, str):
            continue
        mentions = list(iter_mentions(text))
        calls = {m.target for m in mentions if m.kind == "appel"}
        definitions = {m.target for m in mentions if m.kind == "definition"}
        for mention in mentions:
            where = origin.position(text, mention.offset)
            note = quote(f"[^{mention.target}]")
            if mention.kind in ("citation", "note-citation"):
                citations.append(Citation(mention.target, where))
            elif mention.kind == "appel" and mention.target not in definitions:
                problems.append(error(where, "X010", f"note {note} appelée mais jamais définie"))
            elif mention.kind == "definition" and mention.target not in calls:
                problems.append(warning(where, "X010", f"note {note} définie mais jamais appelée"))
    return problems, citations


def check_citations(citations: list[Citation], references: set[str]) -> Iterator[Diagnostic]:
    for citation in citations:
        if citation.target not in references:
            cited = quote("@" + citation.target)
            yield error(citation.position, "X009", f"citation d'une référence inconnue {cited}")
