"""A .bib text cut into its entries, so that one broken entry never hides the others.

BibTeX reads ``@type{…}`` blocks and ignores the text between them. Each block is found
here by counting braces (and quotes, for ``@type(…)`` blocks); a block left open ends at
the next line that starts with ``@type{`` (the usual damage: a missing closing brace), so
that only that entry is refused. Also here: the size bound on ``@string`` macros (a few
lines of nested concatenations can expand to gigabytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# Characters a block may reach once its macros are expanded (the longest real abstracts are
# a few tens of thousands).
MACRO_LIMIT = 1_000_000

_START = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])")
_INTERESTING = re.compile(r'[{}"()]|\n(?=@[ \t]*[A-Za-z][\w-]*[ \t]*[{(])')
_BARE_WORD = re.compile(r"[=#][ \t\r\n]*([^\s#,\"{}()=]+)")


@dataclass(frozen=True)
class Chunk:
    """One ``@type{…}`` block: its type (lower case), text and first line in the file."""

    kind: str
    text: str
    line: int
    closed: bool


def chunks(text: str) -> Iterator[Chunk]:
    """The blocks of ``text`` in order (the text between them is a comment)."""
    position, line = 0, 1
    while True:
        match = _START.search(text, position)
        if match is None:
            return
        line += text.count("\n", position, match.start())
        end, closed = _block_end(text, match.end(), match.group(2))
        yield Chunk(match.group(1).lower(), text[match.start() : end], line, closed)
        line += text.count("\n", match.start(), end)
        position = end


def _block_end(text: str, start: int, opener: str) -> tuple[int, bool]:
    """Where the block opened just before ``start`` ends, and whether it was closed."""
    depth, quoted = 0, False
    closer = "}" if opener == "{" else ")"
    for match in _INTERESTING.finditer(text, start):
        char = match.group(0)
        if char == "\n":  # a new entry starts at the beginning of a line: this one is open
            return match.start() + 1, False
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == closer and depth == 0 and not quoted:
            return match.end(), True
    return len(text), False


def skeleton(text: str) -> str:
    """The block without its braced and quoted values: what is left names the macros used."""
    parts: list[str] = []
    depth, quoted, last = 0, False, 0
    for match in re.finditer(r'[{}"]', text):
        char = match.group(0)
        inside = depth > 1 or quoted
        if not inside:
            parts.append(text[last : match.start()])
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth <= 1:
            quoted = not quoted
        last = match.end()
        if not (depth > 1 or quoted):
            parts.append(char)
    parts.append(text[last:])
    return "".join(parts)


def expanded_size(chunk: Chunk, macros: Mapping[str, str]) -> int:
    """An upper bound of the block's length once its macros are replaced by their text."""
    size = len(chunk.text)
    for match in _BARE_WORD.finditer(skeleton(chunk.text)):
        size += len(macros.get(match.group(1), ""))
        if size > MACRO_LIMIT:
            break
    return size
