"""Generated pages turned into HTML as the site does it, and what a browser would make of it.

Shared by the hostile-input tests, the property tests and ``benchmarks/fuzz.py``: pages of
the core (``generated_pages``) are converted by Python-Markdown with the extensions listed in
``mkdocs.yml``, MkDocs aside (the guarantee does not depend on it).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import markdown

from biblio.markdown_ext import makeExtension
from biblio.render.safe_html import SAFE_SCHEMES, url_scheme

# Those of mkdocs.yml, in its order.
EXTENSIONS = ("tables", "footnotes", "attr_list", "md_in_html", "pymdownx.highlight")
EXTENSIONS += ("pymdownx.superfences", "toc")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "srcset", "data"})
URL_ATTRIBUTES |= {"xlink:href", "data-src", "data-href"}


def converter(root: Path) -> markdown.Markdown:
    """A Markdown converter set up like the site's, reading the glossary of ``root``."""
    return markdown.Markdown(extensions=[*EXTENSIONS, makeExtension(racine=str(root))])


def to_html(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


class Elements(HTMLParser):
    """Every element of an HTML text: its tag and attributes, values decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(text: str) -> list[tuple[str, dict[str, str]]]:
    return Elements(text).found


def made_by_inner_html(value: str) -> list[str]:
    """The elements a browser creates from ``value`` given to ``innerHTML`` (what Material's
    tooltips do with a ``title``)."""
    return [tag for tag, _ in elements(value)]


def unsafe(page_html: str) -> list[str]:
    """What in ``page_html`` could run a script or call another site, described; [] if none."""
    problems = []
    for tag, attributes in elements(page_html):
        if tag in ("script", "iframe", "object", "embed", "style", "form", "svg", "math"):
            problems.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on") or name == "srcdoc":
                problems.append(f"<{tag} {name}>")
            if name == "style" and not (tag in ("td", "th") and value.startswith("text-align")):
                problems.append(f"<{tag} style={value!r}>")
            scheme = url_scheme(html.unescape(value))
            if name in URL_ATTRIBUTES and scheme and scheme not in SAFE_SCHEMES:
                problems.append(f"<{tag} {name}={value!r}>")
            if tag == "img" and name == "src" and (scheme or value.lstrip().startswith("//")):
                problems.append(f"<img src={value!r}> (autre site)")
            if name == "title" and ("<" in value or made_by_inner_html(value)):
                problems.append(f"<{tag} title={value!r}> (HTML dans l'infobulle)")
            ours = name.startswith("data-pagefind-") or name == "data-terme"
            if name.startswith("data-") and not ours:
                problems.append(f"<{tag} {name}>")
    return problems
