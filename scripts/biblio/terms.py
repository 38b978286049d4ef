"""Finding glossary terms in running text: acronyms, names and their French variants.

Used by the site's Markdown extension (tooltips) and by the backlinks of term pages, so that
both agree on what « mentions a term » means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from biblio.model import Term

_WORD = r"[\w\u00c0-\u024f]"
# Markdown that the short definition does not need: notes, citations, emphasis, links.
_NOTES = re.compile(r"\[\^?@?[^\]]*\](?!\()")
_LINKS = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])")
MAX_SHORT = 220


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term_id: str


class TermFinder:
    """One regular expression for all terms; the longest form wins at a given place."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.forms: dict[str, str] = {}  # casefolded form (or exact acronym) → term id
        acronyms: list[str] = []
        names: list[str] = []
        for term in terms:
            if term.sigle:
                acronyms.append(term.sigle)
                self.forms[term.sigle] = term.id
            for name in (term.terme, *term.variantes):
                if name and name != term.sigle:
                    names.append(name)
                    self.forms.setdefault(_key(name), term.id)
        self.pattern = _compile(acronyms, names)
        # What ``mentioned`` depends on: equal for the finders of equal glossaries.
        self._signature = (self.pattern, tuple(sorted(self.forms.items())))

    def find(self, text: str) -> Iterator[TermMatch]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            found = match.group(0)
            term_id = self.forms.get(found) or self.forms.get(_key(found))
            if term_id:
                yield TermMatch(match.start(), match.end(), term_id)

    def mentioned(self, text: str) -> set[str]:
        key = (self._signature, text)
        found = _MENTIONED.get(key)
        if found is None:
            if len(_MENTIONED) >= _MENTIONED_MAX:
                _MENTIONED.clear()
            found = _MENTIONED[key] = frozenset(m.term_id for m in self.find(text))
        return set(found)


# `make serve` rebuilds: the terms an unchanged text mentions, for an unchanged glossary (a
# new finder is made each build: its signature, not the finder, is the key).
_MENTIONED: dict[tuple[object, str], frozenset[str]] = {}
_MENTIONED_MAX = 50_000


def _key(form: str) -> str:
    return " ".join(form.split()).replace("’", "'").casefold()


def _compile(acronyms: list[str], names: list[str]) -> re.Pattern[str] | None:
    if not acronyms and not names:
        return None
    # Acronyms are matched as written (« CLS », not « cls »); names in any case.
    forms = [re.escape(a) for a in acronyms] + [f"(?i:{_flexible(n)})" for n in names]
    forms.sort(key=len, reverse=True)
    return re.compile(rf"(?<!{_WORD})(?:{'|'.join(forms)})(?!{_WORD})")


def _flexible(name: str) -> str:
    """A name whose spaces may be any whitespace (texts are wrapped) and whose apostrophes
    may be straight or curly."""
    escaped = re.escape(name)
    escaped = re.sub(r"(\\ )+", r"\\s+", escaped)
    return re.sub("['’]", "['’]", escaped)


def short_definition(term: Term) -> str:
    """The definition's first sentence (or two if short), as plain text for a tooltip."""
    text = _LINKS.sub(r"\1", term.definition)
    text = _EMPHASIS.sub("", _NOTES.sub("", text))
    text = " ".join(text.split())
    sentences = _SENTENCE_END.split(text)
    short = sentences[0]
    if len(short) < 80 and len(sentences) > 1:
        short = f"{short} {sentences[1]}"
    if len(short) > MAX_SHORT:
        short = short[: MAX_SHORT - 1].rsplit(" ", 1)[0] + "…"
    return short
