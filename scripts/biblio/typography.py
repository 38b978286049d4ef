"""French typography for everything the site prints, in one place.

French puts a space before « ; ? ! : » and inside « »; a plain space there lets a phone wrap
the sign to the next line, alone. Record texts, sections and hand-written pages are typed
with plain spaces (as the printed edition's extraction gives them): the spaces are made
non-breaking when the page is rendered, never in the records themselves.

- a narrow no-break space (U+202F) before « ; ? ! »;
- a no-break space (U+00A0) before « : », after « « » and before « » »;
- code, preformatted text and keyboard input are left alone, and so are addresses: only a
  space that is already there is changed, and an address has none before its « : » or « ? ».

``french_spacing`` works on text; ``apply_to_tree`` on a Python-Markdown element tree, so that
every builder running the site's Markdown extension (MkDocs, Zensical) gets it.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET

NBSP = "\u00a0"
NNBSP = "\u202f"
_BEFORE_HIGH_SIGN = re.compile(r"[ \u00a0\u2009](?=[;?!])")
_BEFORE_COLON = re.compile(r"[ \u2009](?=:)")
_AFTER_OPENING_QUOTE = re.compile(r"«[ \u2009\u202f]")
_BEFORE_CLOSING_QUOTE = re.compile(r"[ \u2009\u202f]»")
# Elements whose text is not prose: code, keyboard input, what the browser never shows.
LEFT_ALONE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "math", "svg"})


@functools.lru_cache(maxsize=50_000)  # side bars repeat titles; `make serve` rebuilds
def french_spacing(text: str) -> str:
    """``text`` with the spaces French typography asks for made non-breaking."""
    if not any(space in text for space in " \u00a0\u2009\u202f"):
        return text
    text = _BEFORE_HIGH_SIGN.sub(NNBSP, text)
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
    return _BEFORE_CLOSING_QUOTE.sub(NBSP + "»", text)


def apply_to_tree(element: ET.Element) -> None:
    """French spacing in the text of ``element`` and its descendants (code left alone)."""
    if element.tag in LEFT_ALONE:
        return
    if element.text:
        element.text = french_spacing(element.text)
    for child in element:
        apply_to_tree(child)
        if child.tail:
            child.tail = french_spacing(child.tail)
