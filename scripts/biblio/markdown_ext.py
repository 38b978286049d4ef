"""Python-Markdown extension of the site: safe HTML, and glossary terms with their definition.

Runs in any builder that uses Python-Markdown (MkDocs, Zensical), on every page:

- links and images may only point to http(s), mailto or relative addresses (entities
  decoded, as a browser reads them), images only to this site; links and images get no
  ``title`` of their own, except the citations the core marks (``biblio-citation``); event
  attributes (``onclick``…) are removed — record texts are written by many hands;
- the first occurrence of a glossary term (acronym, name, variants) in each paragraph gets
  its short definition as a tooltip, shown on hover and on keyboard focus; the first on a
  page links to the term's page. A page about a term (its title carries ``data-terme``) does
  not link to itself, and bibliographic text the core marks (titles, publishers, citations:
  class ``biblio-sans-glossaire``) gets no tooltip;
- French typography (``biblio.typography``): no-break spaces before « ; ? ! : » and inside
  « », outside code;
- last, the page's HTML passes the allowlist of ``render.safe_html`` (nh3): only known tags,
  attributes and addresses remain, and every ``title`` is plain text for Material's tooltips.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from biblio.glossary_source import Glossary, load_glossary
from biblio.render.safe_html import SAFE_SCHEMES, clean, is_local_url, is_safe_url
from biblio.render.text import NO_TERMS_CLASS
from biblio.typography import NNBSP, apply_to_tree

__all__ = ["SAFE_SCHEMES", "BiblioExtension", "is_safe_url", "makeExtension"]

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")
_SKIPPED = frozenset({"a", "abbr", "code", "pre", "kbd", "script", "style", "button"})
_SKIPPED |= {f"h{level}" for level in range(1, 7)}
TERM_CLASS = "biblio-terme"
_BLOCKS = frozenset({"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption"})
# Links whose title the core writes (a citation's reference) or Markdown itself (footnotes).
TITLED_CLASSES = frozenset({"biblio-citation", "footnote-backref"})


NARROW_REFERENCE = "&#8239;"


class SafeLinks(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                unsafe_url = lowered in _URL_ATTRIBUTES and not is_safe_url(element.attrib[name])
                if lowered.startswith("on") or unsafe_url or lowered == "srcdoc":
                    del element.attrib[name]
                    if unsafe_url and element.tag in ("a", "img"):
                        _disarm(element)
            if element.tag == "img" and not is_local_url(element.get("src", "")):
                _disarm(element)  # an image from another host: every visitor would call it
            if element.tag in ("a", "img") and not TITLED_CLASSES & _classes(element):
                element.attrib.pop("title", None)


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _disarm(element: ET.Element) -> None:
    """A link or image whose address was refused becomes plain text (its label, its alt)."""
    if element.tag == "img":
        element.text = element.get("alt", "")
    element.tag = "span"
    for name in ("href", "src", "alt", "title"):
        element.attrib.pop(name, None)


class SafeHtml(Postprocessor):
    """The whole page through the allowlist, once Markdown has made its HTML.

    The narrow no-break space is written as a character reference, as the allowlist writes
    the no-break one (``&nbsp;``): the titles the toc extension and MkDocs take from headings
    (table of contents, page title, navigation) fold whitespace characters to plain spaces,
    never a reference; and this postprocessor is what they run on a heading's HTML."""

    def run(self, text: str) -> str:
        return clean(text).replace(NNBSP, NARROW_REFERENCE)


class GlossaryTooltips(Treeprocessor):
    def __init__(self, md: Markdown, glossary: Glossary, url_prefix: str = "") -> None:
        super().__init__(md)
        self.finder, self.tooltips = glossary.finder, glossary.tooltips
        self.url_prefix = url_prefix

    def run(self, root: ET.Element) -> None:
        # A term's own page shows its definition: no tooltip or link to itself there.
        self.own = {t for e in root.iter() if (t := e.get("data-terme"))}
        self.linked: set[str] = set(self.own)
        self.shown: set[str] = set()  # terms given a tooltip in the current paragraph
        self._walk(root)

    def _walk(self, parent: ET.Element) -> None:
        if parent.tag in _SKIPPED or {TERM_CLASS, NO_TERMS_CLASS} & _classes(parent):
            return
        if parent.tag in _BLOCKS:  # one tooltip per term and paragraph (or item, cell)
            outer, self.shown = self.shown, set()
        new_nodes = self._split(parent.text or "")
        if new_nodes:
            parent.text = new_nodes[0]
            for index, node in enumerate(new_nodes[1:]):
                parent.insert(index, node)
        for child in list(parent):
            self._walk(child)
            tail = self._split(child.tail or "")
            if tail:
                child.tail = tail[0]
                position = list(parent).index(child) + 1
                for offset, node in enumerate(tail[1:]):
                    parent.insert(position + offset, node)
        if parent.tag in _BLOCKS:
            self.shown = outer

    def _split(self, text: str) -> list[Any]:
        """[text before, element, (element.tail holds the rest)…], or [] if no term."""
        matches = [m for m in self.finder.find(text) if m.term_id not in self.own]
        result: list[Any] = [""]
        position = 0
        for match in matches:
            if match.term_id in self.shown:
                continue  # already explained in this paragraph: plain text
            self.shown.add(match.term_id)
            before = text[position : match.start]
            if len(result) == 1:
                result[0] = before
            else:
                result[-1].tail = before
            result.append(self._element(match.term_id, text[match.start : match.end]))
            position = match.end
        if len(result) == 1:
            return []
        result[-1].tail = text[position:]
        return result

    def _term_href(self, term_id: str) -> str:
        # MkDocs rewrites a docs-absolute « .md » link into the page's address; a builder
        # that does not (Zensical) is given the site's path prefix instead.
        if self.url_prefix:
            return f"{self.url_prefix}glossaire/{term_id}/"
        return f"/glossaire/{term_id}.md"

    def _element(self, term_id: str, shown: str) -> ET.Element:
        if term_id not in self.linked:
            self.linked.add(term_id)
            element = ET.Element("a", {"href": self._term_href(term_id)})
        else:
            # Not a link, but reachable with the keyboard so the tooltip shows on focus.
            element = ET.Element("abbr", {"tabindex": "0"})
        element.set("class", TERM_CLASS)
        element.set("title", self.tooltips[term_id])
        element.text = shown
        return element


class FrenchTypography(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        apply_to_tree(root)


class BiblioExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "racine": [".", "dossier de la base (celui de mkdocs.yml)"],
            "prefixe_url": [
                "",
                "début des adresses des termes (« / ») pour un outil qui ne réécrit pas les "
                "liens « .md » absolus ; vide : liens « .md » (MkDocs)",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        glossary = load_glossary(Path(self.getConfig("racine")))
        # After attr_list (8) and before toc (5) and MkDocs' link rewriting (0).
        md.treeprocessors.register(SafeLinks(md), "biblio_liens_surs", 7)
        tooltips = GlossaryTooltips(md, glossary, str(self.getConfig("prefixe_url")))
        md.treeprocessors.register(tooltips, "biblio_glossaire", 6)
        # Before toc (5): headings, and so the table of contents and titles, get it too.
        md.treeprocessors.register(FrenchTypography(md), "biblio_typographie", 5.5)
        # After raw HTML is put back (30), the footnotes (25) and « & » (20): the final text.
        md.postprocessors.register(SafeHtml(md), "biblio_html_sur", 1)


def makeExtension(**kwargs: Any) -> BiblioExtension:
    return BiblioExtension(**kwargs)
