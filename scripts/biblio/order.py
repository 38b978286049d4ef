"""Reading order of the sections: the bibliography's table of contents."""

from __future__ import annotations

from collections.abc import Iterable

from biblio.model import Section


def sections_in_order(sections: Iterable[Section]) -> list[Section]:
    """Depth-first, siblings by ``ordre``: the bibliography's table of contents."""
    all_sections = list(sections)
    children: dict[str, list[Section]] = {}
    for section in all_sections:
        children.setdefault(section.parent, []).append(section)
    ordered: list[Section] = []
    pending = sorted(children.get("", []), key=_sibling_key, reverse=True)
    while pending:
        section = pending.pop()
        if section in ordered:
            continue
        ordered.append(section)
        pending.extend(sorted(children.get(section.id, []), key=_sibling_key, reverse=True))
    # Sections under an unknown parent or in a loop (reported by the validator) come last.
    ordered.extend(sorted((s for s in all_sections if s not in ordered), key=lambda s: s.id))
    return ordered


def _sibling_key(section: Section) -> tuple[int, str]:
    return (section.ordre, section.id)
