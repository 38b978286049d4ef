"""Metadata that citation managers read on a page: Highwire ``citation_*`` tags and COinS.

Zotero's connector (translator « Embedded Metadata », zotero/translators) saves a page as the
item its ``<meta>`` tags describe. The item type comes from one place, ``ZOTERO_TYPES``,
keyed on the CSL type every document type of the schema declares; a few Highwire tags force a
type (``citation_journal_title``, ``citation_technical_report_institution``…) and ``DC.type``
names the Zotero type of the others (``statute``, ``webpage``…).

The tags travel in the page's front matter (``biblio_meta``) and the theme
(``overrides/main.html``) writes them, escaped, in the page's head: MkDocs and Zensical both
read front matter. Everything here is pure and deterministic.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import markdown

from biblio.model import Person, Reference
from biblio.render.text import label, untrusted
from biblio.schema import TYPES_BY_ID
from biblio.validate.markdown import CITATION, CITED_ID

# CSL type of a document type → Zotero item type. A new document type of the schema maps
# through its CSL type; a test checks that every type lands on a Zotero type.
ZOTERO_TYPES: dict[str, str] = {
    "article-journal": "journalArticle",
    "article-newspaper": "newspaperArticle",
    "article-magazine": "magazineArticle",
    "book": "book",
    "chapter": "bookSection",
    "legislation": "statute",
    "bill": "bill",
    "legal_case": "case",
    "paper-conference": "conferencePaper",
    "report": "report",
    "speech": "presentation",
    "thesis": "thesis",
    "webpage": "webpage",
    "post-weblog": "blogPost",
    "dataset": "dataset",
    "manuscript": "manuscript",
    "software": "computerProgram",
    "document": "document",
    "interview": "interview",
    "motion_picture": "videoRecording",
    "map": "map",
}
DEFAULT_ZOTERO_TYPE = "document"

# The Highwire tag that forces the item type, and which field of the record it carries.
_FORCING_TAG: dict[str, str] = {
    "journalArticle": "citation_journal_title",
    "report": "citation_technical_report_institution",
    "thesis": "citation_dissertation_institution",
    "conferencePaper": "citation_conference_title",
    "bookSection": "citation_book_title",
}
# Types whose container (revue, site, journal) is read from PRISM by the RDF translator.
_PRISM_CONTAINER = {"newspaperArticle", "magazineArticle", "webpage", "blogPost"}
# Types whose first « éditeur » is the institution of the forcing tag, not a publisher.
_INSTITUTION_TYPES = {"report", "thesis"}
# Types with a « publisher » field in Zotero (on the others the connector would drop it).
_PUBLISHER_TYPES = {"book", "bookSection", "conferencePaper", "document", "dataset", "map"}
_PAGES = re.compile(r"^\s*(\w+)\s*[-\u2013]\s*(\w+)\s*$")
META_KEY = "biblio_meta"  # front matter key read by overrides/main.html


def zotero_type(ref: Reference) -> str:
    """The Zotero item type of ``ref``, from its document type's CSL type."""
    spec = TYPES_BY_ID.get(ref.type)
    return ZOTERO_TYPES.get(spec.csl, DEFAULT_ZOTERO_TYPE) if spec else DEFAULT_ZOTERO_TYPE


def author_value(person: Person, single: bool) -> str:
    """A ``citation_author`` value the translator reads back as this author.

    The translator splits a value with a comma on its first comma (« Nom, Prénom ») and one
    without a comma on its last space, so an organisation is written with a trailing comma
    (« Haute Autorité de santé, »: one last name, nothing split). Commas and semicolons inside
    a name would split it: they become the look-alikes « ‚ » (U+201A) and « ； ». When the
    page has one author and words on both sides of the comma, the translator would take the
    comma for a list separator: a final semicolon makes it a list of one.
    """
    if person.is_organisation:
        value = _no_separators(person.organisation) + ","
    else:
        family = _no_separators(" ".join(p for p in (person.particule, person.nom) if p))
        given = _no_separators(person.prenom)
        value = f"{family}, {given}" if given else family + ","
    parts = re.split(r"\s*,\s*", value)
    if single and " " in parts[0] and " " in parts[1]:
        value += ";"
    return value


def _no_separators(name: str) -> str:
    return " ".join(name.replace(",", "\u201a").replace(";", "\uff1b").split())


def _date(ref: Reference, item_type: str) -> str:
    value = ref.date_signature or ref.date if item_type == "statute" else ref.date
    value = value or ref.date_signature
    return value if value[:4].isdigit() else ""


def is_pdf(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def abstract(ref: Reference, references: dict[str, Reference]) -> str:
    """The commentary as plain text: Markdown rendered, tags dropped, citations as labels."""
    if not ref.commentaire:
        return ""

    def cite(match: re.Match[str]) -> str:
        ids = [m.group(1) for m in CITED_ID.finditer(match.group(2))]
        return " ".join(label(references[i]) if i in references else f"[@{i}]" for i in ids)

    return _text_only(CITATION.sub(cite, ref.commentaire))


# One converter, reset for each text: building one costs more than converting a commentary.
_CONVERTER = markdown.Markdown()


@functools.lru_cache(maxsize=20_000)  # `make serve` rebuilds: unchanged commentaries are reused
def _text_only(commentary: str) -> str:
    rendered = _CONVERTER.reset().convert(untrusted(commentary))
    parser = _TextOnly()
    parser.feed(rendered)
    parser.close()
    return " ".join("".join(parser.parts).split())


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "li", "br", "h1", "h2", "h3", "h4", "blockquote", "tr"}:
            self.parts.append(" ")


def embedded_metadata(ref: Reference, references: dict[str, Reference]) -> list[tuple[str, str]]:
    """The ``(name, content)`` of the page's ``<meta>`` tags for ``ref``, in a stable order."""
    item_type = zotero_type(ref)
    tags: list[tuple[str, str]] = [("citation_title", ref.titre)]
    single = len(ref.auteurs) == 1
    tags += [("citation_author", author_value(p, single)) for p in ref.auteurs]
    tags += [("citation_date", _date(ref, item_type))]
    tags += _container_tags(ref, item_type)
    tags += _identifier_tags(ref)
    tags += [
        ("citation_language", ref.langue),
        ("citation_public_url", ref.url),
        ("citation_pdf_url", ref.url if ref.url and is_pdf(ref.url) else ""),
        ("citation_abstract", abstract(ref, references)),
    ]
    tags = [(name, " ".join(value.split())) for name, value in tags if value.strip()]
    if not any(name == _FORCING_TAG.get(item_type) for name, _ in tags):
        tags.append(("DC.type", item_type))  # what names the type when no tag forces it
    return tags


def _container_tags(ref: Reference, item_type: str) -> list[tuple[str, str]]:
    institution = ref.editeurs[0] if ref.editeurs else ""
    if item_type in _INSTITUTION_TYPES and not institution:
        institution = next((p.organisation for p in ref.auteurs if p.is_organisation), "")
    forcing = _FORCING_TAG.get(item_type)
    tags: list[tuple[str, str]] = []
    if forcing in ("citation_journal_title", "citation_book_title", "citation_conference_title"):
        tags.append((forcing, ref.publication))
    elif forcing:
        tags.append((forcing, institution))
    if item_type in _PRISM_CONTAINER:
        # A web page's site: its publication, else who publishes it (« L'Assurance Maladie »).
        site = ref.editeurs[0] if item_type == "webpage" and ref.editeurs else ""
        tags.append(("prism.publicationName", ref.publication or site))
    if item_type in _PUBLISHER_TYPES:
        tags.append(("citation_publisher", "; ".join(ref.editeurs)))
    tags += [("citation_volume", ref.volume), ("citation_issue", ref.numero_revue)]
    pages = _PAGES.match(ref.pages)
    if pages:
        tags += [("citation_firstpage", pages.group(1)), ("citation_lastpage", pages.group(2))]
    else:
        tags.append(("citation_firstpage", ref.pages))
    return tags


def _identifier_tags(ref: Reference) -> list[tuple[str, str]]:
    # Several ISBN or ISSN (a set, a series): one field in Zotero, values separated by spaces.
    isbn, issn = " ".join(ref.isbn), " ".join(ref.issn)
    return [("citation_doi", ref.doi), ("citation_isbn", isbn), ("citation_issn", issn)]


def front_matter(tags: list[tuple[str, str]], more: str = "") -> str:
    """YAML front matter carrying the tags, each a ``[name, content]`` pair.

    The description is blank: the connector takes the page's description for the abstract
    when there is none, and the site's description is not this document's abstract.
    ``more``: other front matter lines (the side bar, ``render.navigation``).
    """
    rows = "".join(f"- [{yaml_string(name)}, {yaml_string(value)}]\n" for name, value in tags)
    return f'---\ndescription: " "\n{META_KEY}:\n{rows}{more}---\n\n'


@functools.lru_cache(maxsize=50_000)  # side bars repeat titles; `make serve` rebuilds
def yaml_string(text: str) -> str:
    """A YAML double-quoted string in ASCII: any other character, and « <>& », escaped (no
    markup in the page's source, even to a builder that would show front matter as text)."""
    return '"' + _YAML_ESCAPED.sub(_yaml_escape, text) + '"'


_YAML_ESCAPED = re.compile(r'[^\x20-\x7e]|["\\<>&]')


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


# COinS (OpenURL ContextObject in a span): Zotero's connector offers every span of a page in a
# pick-list. Dublin Core format with the Zotero type in ``rft.type``: the translator reads
# ``rft.type`` when it meets it and ignores most keys after it, so it comes last.
def coins_block(refs: Iterable[Reference]) -> str:
    """The COinS of ``refs`` (each once), in one block for the end of a page that lists them.
    Zotero's connector finds every ``span.Z3988`` wherever it stands; inline after each entry,
    their long titles were scanned by each of Markdown's inline patterns, and a listing of a
    thousand references took three times as long to render (``make serve`` rebuilds)."""
    unique = {ref.id: ref for ref in refs}
    if not unique:
        return ""
    spans = "".join(coins(ref) for ref in unique.values())
    return f'<div class="biblio-coins">{spans}</div>'


@functools.lru_cache(maxsize=20_000)  # listed on several pages; `make serve` rebuilds
def coins(ref: Reference) -> str:
    """An empty ``span.Z3988`` describing ``ref`` (HTML; every value escaped)."""
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
        ("rft.title", ref.titre),
    ]
    for person in ref.auteurs:
        if person.is_organisation:
            pairs.append(("rft.aucorp", person.organisation))
        else:
            family = " ".join(p for p in (person.particule, person.nom) if p)
            pairs += [("rft.aulast", family), ("rft.aufirst", person.prenom)]
    item_type = zotero_type(ref)
    pairs += [
        ("rft.date", _date(ref, item_type)),
        ("rft.source", ref.publication),
        ("rft.publisher", ref.editeurs[0] if ref.editeurs else ""),
        ("rft.place", ref.lieu),
        ("rft.volume", ref.volume),
        ("rft.issue", ref.numero_revue),
        ("rft.pages", ref.pages),
        ("rft.issn", " ".join(ref.issn)),
        ("rft.isbn", " ".join(ref.isbn)),
        ("rft_id", f"info:doi/{ref.doi}" if ref.doi else ""),
        ("rft_id", ref.url),
        ("rft.language", ref.langue),
        ("rft.type", item_type),
    ]
    query = "&".join(
        f"{key}={quote(' '.join(value.split()), safe='')}" for key, value in pairs if value.strip()
    )
    return f'<span class="Z3988" title="{html.escape(query, quote=True)}"></span>'
