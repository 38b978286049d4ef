"""Markdown building blocks: escaping untrusted text, links between pages, citations.

Texts from records (commentaries, definitions, section texts) are Markdown written by many
hands: they go through ``untrusted`` so that no raw HTML reaches a page and no attribute
list (``{: onclick=… }``, ``{: data-title=… }``) applies to what they make. The site's Markdown
extension (``biblio.markdown_ext``) then removes unsafe links and images and passes the page
through the HTML allowlist (``render.safe_html``).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping

from biblio.cite import cached_citation as format_citation
from biblio.dates import year_label
from biblio.model import Reference
from biblio.render.titles import note_call, note_call_html
from biblio.validate.markdown import CITATION, CITED_ID

# « <tag », « </tag », « <!-- », « <?php »: the start of raw HTML. Autolinks stay.
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])(?!(?:https?://|mailto:)[^>\s]+>)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|{}])")
# « { » opens an attribute list (attr_list): escaped, it is shown as is and sets nothing.
_ATTRIBUTE_LIST = re.compile(r"([{}])")
CITATION_CLASS = "biblio-citation"  # a citation link: its title, the reference, is a tooltip
# Bibliographic text (a citation, a notice): quoted as published, so no glossary tooltip
# there (``biblio.markdown_ext``). ``NO_TERMS`` marks the paragraph it ends.
NO_TERMS_CLASS = "biblio-sans-glossaire"
NO_TERMS = f"{{: .{NO_TERMS_CLASS} }}"
_TAG = re.compile(r"(<[^>]+>)")


# Code, where Markdown shows every character as typed (an escape would be shown too). Only
# the forms Markdown surely reads as code: a plain fence (superfences: up to three spaces,
# ``` or ~~~, a language at most) closed by the very same fence, and a code span on one line
# (Python-Markdown's BACKTICK_RE); anything else is escaped, as the rest of the text.
_FENCED = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*[\w#.+-]*[ \t]*\n"
    r".*?^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_CODE_SPAN = re.compile(r"(?<!\\)(?:\\{2})*(`+)(?!`).+?(?<!`)\1(?!`)")


def _outside_code(text: str, escape: Callable[[str], str]) -> str:
    """``text`` with ``escape`` applied everywhere but in code blocks and code spans."""
    parts = []
    position = 0
    for fenced in _FENCED.finditer(text):
        parts.append(_outside_spans(text[position : fenced.start()], escape))
        parts.append(fenced.group(0))
        position = fenced.end()
    parts.append(_outside_spans(text[position:], escape))
    return "".join(parts)


def _outside_spans(text: str, escape: Callable[[str], str]) -> str:
    parts, position = [], 0
    for span in _CODE_SPAN.finditer(text):
        parts += [escape(text[position : span.start()]), span.group(0)]
        position = span.end()
    return "".join([*parts, escape(text[position:])])


def _neutralise(text: str) -> str:
    return _ATTRIBUTE_LIST.sub(r"\\\1", _HTML_START.sub("&lt;", text))


@functools.lru_cache(maxsize=20_000)  # `make serve` rebuilds: unchanged texts are reused
def untrusted(text: str) -> str:
    """Record Markdown with raw HTML and attribute lists neutralised: « <script> » is shown,
    never run, and « {: onclick=… } » is shown, never applied. In code, which Markdown shows
    as typed, nothing is escaped: « `a{b}` » does not show a backslash."""
    return _outside_code(text, _neutralise)


def plain(text: str) -> str:
    """Text shown as is in Markdown (titles, names): special characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _HTML_START.sub("&lt;", text)).replace("\n", " ")


def href(page: str, target: str) -> str:
    """Relative link from docs page ``page`` to docs file ``target`` (both docs-relative)."""
    folder = posixpath.dirname(page)
    if not folder:
        return target
    if posixpath.dirname(target) == folder:
        return target[len(folder) + 1 :]
    # posixpath.relpath resolves absolute paths first: slow when called 50,000 times.
    return "../" * (folder.count("/") + 1) + target


# In a link's title, « " » would end it and « (' » makes Python-Markdown end the link early.
_TITLE_ENTITIES = str.maketrans({'"': "&quot;", "(": "&#40;", ")": "&#41;"})


def link(page: str, target: str, text: str, title: str = "") -> str:
    title_part = f' "{" ".join(title.split()).translate(_TITLE_ENTITIES)}"' if title else ""
    return f"[{text}]({href(page, target)}{title_part})"


def reference_page(ref_id: str) -> str:
    return f"references/{ref_id}.md"


def term_page(term_id: str) -> str:
    return f"glossaire/{term_id}.md"


def section_page(section_id: str) -> str:
    return f"sections/{section_id}.md"


def citation_markdown(ref: Reference) -> str:
    """The house-style citation as Markdown (its HTML with text escaped for Markdown);
    Légifrance's note call at the end of the title as a superscript (``titles``)."""
    parts = _TAG.split(format_citation(ref).html)
    text = "".join(p if _TAG.fullmatch(p) else _MARKDOWN_SPECIAL.sub(r"\\\1", p) for p in parts)
    call = note_call(ref)[1]
    if not call:
        return text
    # The title's end: the last « (1) » closing a part of the citation (one inside the title,
    # « loi n° 1 (1), modifiant… (1) », is not the note call).
    ends = list(re.finditer(rf"\s{re.escape(call)}(?=[,.]|<|$)", text))
    if not ends:
        return text
    last = ends[-1]
    return text[: last.start()] + " " + note_call_html(call) + text[last.end() :]


def title_markdown(ref: Reference, distinct: Mapping[str, str] | None = None) -> str:
    """A reference's title as Markdown: escaped, Légifrance's note call « (1) » as a
    superscript, and what tells it apart from another record of the same title (``distinct``,
    ``SiteContext.distinct``)."""
    title, call = note_call(ref)
    shown = plain(title) + (f" {note_call_html(call)}" if call else "")
    part = (distinct or {}).get(ref.id, "")
    return f"{shown} — {plain(part)}" if part else shown


def label(ref: Reference) -> str:
    """How a text cites ``ref``: its number « (18) », else « (Auteur, année) »."""
    if ref.numero:
        return f"({ref.numero})"
    who = ""
    if ref.auteurs:
        first = ref.auteurs[0]
        who = first.organisation or first.nom
    who = who or (ref.editeurs[0] if ref.editeurs else "")
    year = year_label(ref.year) if ref.year else ""
    return "(" + ", ".join(p for p in (who, year) if p) + ")"


def with_citations(
    page: str, text: str, references: dict[str, Reference], notes: dict[str, str] | None = None
) -> str:
    """``text`` with ``[@id]`` as links to the reference (citation on hover). ``[^@id]`` becomes
    the footnote ``notes[id]``; on a page without footnotes (``notes`` None), a link too."""

    def replace(match: re.Match[str]) -> str:
        ids = [m.group(1) for m in CITED_ID.finditer(match.group(2))]
        if match.group(1) and notes is not None:  # [^@id]: a footnote whose text is the citation
            return "".join(f"[^{notes[ref_id]}]" for ref_id in ids)
        links = []
        for ref_id in ids:
            ref = references[ref_id]
            citation = format_citation(ref).text
            cited = link(page, reference_page(ref_id), label(ref), citation)
            links.append(f"{cited}{{ .{CITATION_CLASS} }}")
        return " ".join(links)

    return CITATION.sub(replace, untrusted(text))


def with_footnotes(
    page: str, text: str, references: dict[str, Reference], prefix: str
) -> tuple[str, str]:
    """``text`` with its citations (see ``with_citations``) and the definitions of its citing
    footnotes, named ``prefix1``, ``prefix2``… in order of appearance."""
    cited: list[str] = []
    for match in CITATION.finditer(text):
        if match.group(1):
            cited.extend(m.group(1) for m in CITED_ID.finditer(match.group(2)))
    notes = {ref_id: f"{prefix}{index}" for index, ref_id in enumerate(dict.fromkeys(cited), 1)}
    definitions = [
        f"[^{name}]: [{citation_markdown(references[ref_id])}]"
        f"({href(page, reference_page(ref_id))})"
        for ref_id, name in notes.items()
    ]
    return with_citations(page, text, references, notes), "\n".join(definitions)


def annex(*blocks: str) -> str:
    """Blocks that help to navigate but are not the page's content: not indexed for search
    (Pagefind), so that a page is found for what it is about, not for its neighbours."""
    body = "\n\n".join(b for b in blocks if b)
    if not body:
        return ""
    return f'<div class="biblio-annexe" data-pagefind-ignore="all" markdown>\n\n{body}\n\n</div>'


NOT_INDEXED = "---\ntemplate: sans-index.html\n---\n\n"  # front matter: page left out of search


def for_screen_readers(text: str) -> str:
    """Markdown ``text`` read by screen readers, not shown: a link stays explicit (RGAA 6.1)
    without printing a title the page shows just above it (``text`` is already escaped)."""
    return f'<span class="biblio-masque">{text}</span>'


def shortened(text: str, length: int) -> str:
    """``text`` cut at a word before ``length`` characters, with « … » (side bars, tables
    of contents, breadcrumbs)."""
    return text if len(text) <= length else text[: length - 2].rsplit(" ", 1)[0] + "…"
