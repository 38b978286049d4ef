"""French typography on every page the site prints: no plain space before « ; ? ! : » or
inside « », so that a phone never wraps a sign alone to the next line; code left alone."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from biblio.typography import NBSP, NNBSP, french_spacing

# Text left as typed: code, scripts. The check covers the whole page: its title, the
# theme's header, navigation and tables of contents (which print the headings' titles), the
# content and the footer.
NOT_PROSE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "svg"})
PLAIN_SPACE = re.compile(r"[ \u2009](?=[;?!:])|«[ \u2009]|[ \u2009]»")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quoi ? Oui ; non !", f"Quoi{NNBSP}? Oui{NNBSP}; non{NNBSP}!"),
        ("Note : voir", f"Note{NBSP}: voir"),
        ("« santé »", f"«{NBSP}santé{NBSP}»"),
        (f"déjà{NBSP}?", f"déjà{NNBSP}?"),  # a no-break space becomes the narrow one
        ("https://exemple.org/?q=a:b", "https://exemple.org/?q=a:b"),  # no space: unchanged
        ("Vraiment?", "Vraiment?"),  # a missing space is not added (it may be code or a URL)
    ],
)
def test_french_spacing(text: str, expected: str) -> None:
    assert french_spacing(text) == expected


def test_the_markdown_extension_spaces_prose_and_leaves_code_alone() -> None:
    html = markdown.markdown(
        "# Titre : sous-titre ?\n\nTexte ; et `code ; ici ?` puis « citation ».\n\n"
        "    bloc : de code ?\n",
        extensions=["biblio.markdown_ext"],
    )
    html = unescape(html)  # the no-break spaces are written as references
    assert f"Titre{NBSP}: sous-titre{NNBSP}?" in html
    assert f"Texte{NNBSP}; et <code>code ; ici ?</code> puis «{NBSP}citation{NBSP}»" in html
    assert "bloc : de code ?" in html


class _Prose(HTMLParser):
    """Text of a page outside code and scripts, with the part of the page it is in."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.classes: list[str] = []  # classes of the open elements, innermost last
        self.parts: set[str] = set()  # the parts of the page whose text was read
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "hr", "meta", "link", "input", "wbr", "source"):
            return
        self.open.append(tag)
        self.classes.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                self.classes.pop()
            self.classes.pop()

    def handle_data(self, data: str) -> None:
        if NOT_PROSE.intersection(self.open) or not data.strip():
            return
        classes = " ".join(self.classes)
        self.parts.update(p for p in PARTS if p in classes or p in self.open)
        self.found += [
            data[max(0, m.start() - 30) : m.end() + 5] for m in PLAIN_SPACE.finditer(data)
        ]


# Parts of a page (a class, or the title's tag) whose text the check must have read.
PARTS = ("title", "md-header__topic", "md-nav--secondary", "md-content", "md-footer")


def test_no_page_of_the_built_site_has_a_plain_space_before_a_french_sign(
    built_site: Path,
) -> None:
    faults = {}
    scanned: dict[str, set[str]] = {}
    for page in sorted(built_site.rglob("*.html")):
        parser = _Prose()
        parser.feed(page.read_text(encoding="utf-8"))
        scanned[page.relative_to(built_site).as_posix()] = parser.parts
        if parser.found:
            faults[str(page.relative_to(built_site))] = parser.found[:3]
    assert faults == {}
    # The check read every part of the pages (not nothing, if the theme's markup changed).
    assert scanned["sections/textes-de-loi/index.html"] == set(PARTS)
    assert scanned["references/cres-paca-synthese-ateliers-2021/index.html"] == set(PARTS)
    assert sum("md-content" in parts for parts in scanned.values()) > 200
