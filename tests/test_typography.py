"""French typography on every page the site prints: no plain space before « ; ? ! : » or
inside « », so that a phone never wraps a sign alone to the next line; code left alone."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from biblio.typography import NBSP, NNBSP, french_spacing

# Text left as typed: code, scripts. The check covers each page's content (``.md-content``):
# the theme's header and side tables of contents print titles that Python-Markdown's toc
# extension folds to plain spaces (its ``name``); they are single lines or short items.
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
    html = html.replace("&nbsp;", NBSP)
    assert f"Titre{NBSP}: sous-titre{NNBSP}?" in html
    assert f"Texte{NNBSP}; et <code>code ; ici ?</code> puis «{NBSP}citation{NBSP}»" in html
    assert "bloc : de code ?" in html


class _Prose(HTMLParser):
    """Text of a page outside code, scripts and the head."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.content_depth = 0  # where the page's content starts in ``open`` (0: outside)
        self.scanned = 0  # text nodes of the content read (0: the check saw nothing)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "hr", "meta", "link", "input", "wbr", "source"):
            return
        self.open.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if not self.content_depth and "md-content" in classes:
            self.content_depth = len(self.open)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        if len(self.open) < self.content_depth:
            self.content_depth = 0

    def handle_data(self, data: str) -> None:
        if self.content_depth and not NOT_PROSE.intersection(self.open):
            self.scanned += 1
            self.found += [
                data[max(0, m.start() - 30) : m.end() + 5] for m in PLAIN_SPACE.finditer(data)
            ]


def test_no_page_of_the_built_site_has_a_plain_space_before_a_french_sign(
    built_site: Path,
) -> None:
    faults = {}
    scanned = set()
    for page in sorted(built_site.rglob("*.html")):
        parser = _Prose()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.scanned:
            scanned.add(page.relative_to(built_site).as_posix())
        if parser.found:
            faults[str(page.relative_to(built_site))] = parser.found[:3]
    assert faults == {}
    # The check read the pages' content (not nothing, if the theme's markup changed).
    assert {"glossaire/cpts/index.html", "sections/textes-de-loi/index.html"} <= scanned
    assert len(scanned) > 200
