"""Citations and footnotes written in Markdown texts, and their positions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# [@id] or [@a; @b]: in-text citation; [^@id]: footnote citing a record.
CITATION = re.compile(r"\[(\^?)(@[\w:.-]+(?:\s*;\s*@[\w:.-]+)*)\]")
CITED_ID = re.compile(r"@([\w:.-]+)")
FOOTNOTE_CALL = re.compile(r"\[\^([^\]@\s]+)\](?!:)")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]@\s]+)\]:", re.MULTILINE)


@dataclass(frozen=True)
class Mention:
    """A citation or footnote found in a text, at a character offset."""

    kind: str  # "citation", "note-citation", "appel", "definition"
    target: str
    offset: int


def iter_mentions(text: str) -> Iterator[Mention]:
    for match in CITATION.finditer(text):
        kind = "note-citation" if match.group(1) else "citation"
        for cited in CITED_ID.finditer(match.group(2)):
            yield Mention(kind, cited.group(1), match.start(2) + cited.start())
    if "[^" not in text:  # most texts have no footnote: skip the slow line-by-line search
        return
    for match in FOOTNOTE_CALL.finditer(text):
        yield Mention("appel", match.group(1), match.start())
    for match in FOOTNOTE_DEFINITION.finditer(text):
        yield Mention("definition", match.group(1), match.start())
