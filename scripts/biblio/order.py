"""Reading order of the sections: the bibliography's table of contents."""

from __future__ import annotations

from collections.abc import Iterable

from biblio.model import Corpus, Reference, Section


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


def section_subtree(sections: Iterable[Section], root: str) -> set[str]:
    """Ids of ``root`` and of every section below it."""
    children: dict[str, list[str]] = {}
    for section in sections:
        children.setdefault(section.parent, []).append(section.id)
    found: set[str] = set()
    pending = [root]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, []))
    return found


def references_in_order(corpus: Corpus) -> list[Reference]:
    """Numbered references in edition order, then the others by id."""
    return sorted(corpus.references, key=lambda r: (r.numero is None, r.numero or 0, r.id))


def restrict_to_section(corpus: Corpus, root: str) -> Corpus:
    """The part of ``corpus`` under section ``root``: its sections and their references."""
    kept = section_subtree(corpus.sections, root)
    return Corpus(
        references=tuple(r for r in corpus.references if r.section in kept),
        terms=corpus.terms,
        sections=tuple(s for s in corpus.sections if s.id in kept),
    )
