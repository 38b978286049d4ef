"""What Zotero's connector saves from a page: its translators' rules, restated in Python.

Restated (not copied) from the sources, which are under the GNU Affero General Public License
version 3 or later:
- zotero/translators at 2814370161d05d799086825fac8d499db3a33aa3: « Embedded Metadata.js »
  (``HIGHWIRE_MAPPINGS``, ``_prefixes``, ``init``, ``addHighwireMetadata``,
  ``processHighwireCreators``, ``addLowQualityMetadata``), « RDF.js » (``detectType``:
  precedence of the type sources; PRISM ``publicationName``), « COinS.js »;
- zotero/utilities at 4051881d59c6c12d34417d4c226f37218051be90: ``cleanAuthor``
  (utilities.js) and ``parseContextObject`` (openurl.js).

Only what the site's pages use is restated; ``unsupported`` names the tags this model does
not know, so that a page that starts using one fails the test instead of passing unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

HIGHWIRE_MAPPINGS = {
    "citation_title": "title",
    "citation_publication_date": "date",
    "citation_cover_date": "date",
    "citation_date": "date",
    "citation_journal_title": "publicationTitle",
    "citation_journal_abbrev": "journalAbbreviation",
    "citation_inbook_title": "publicationTitle",
    "citation_book_title": "bookTitle",
    "citation_volume": "volume",
    "citation_issue": "issue",
    "citation_series_title": "series",
    "citation_conference_title": "conferenceName",
    "citation_conference": "conferenceName",
    "citation_dissertation_institution": "university",
    "citation_technical_report_institution": "institution",
    "citation_technical_report_number": "number",
    "citation_publisher": "publisher",
    "citation_isbn": "ISBN",
    "citation_abstract": "abstractNote",
    "citation_doi": "DOI",
    "citation_public_url": "url",
    "citation_language": "language",
}
HANDLED_SEPARATELY = {
    "citation_author",
    "citation_firstpage",
    "citation_lastpage",
    "citation_issn",
    "citation_pdf_url",
}
# Tags that force the item type (``hwType``); ``citation_title`` only guesses one.
FORCING = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
PREFIXES = {
    "bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "eprint",
    "eprints", "og", "article", "book", "music", "video", "so", "codemeta", "rdf",
}  # fmt: skip
# Namespaced properties this model restates; any other one is reported as unsupported.
RESTATED_STATEMENTS = {("dc", "type"), ("prism", "publicationName")}
ZOTERO_ITEM_TYPES = {
    "artwork", "audioRecording", "bill", "blogPost", "book", "bookSection", "case",
    "computerProgram", "conferencePaper", "dataset", "dictionaryEntry", "document", "email",
    "encyclopediaArticle", "film", "forumPost", "hearing", "instantMessage", "interview",
    "journalArticle", "letter", "magazineArticle", "manuscript", "map", "newspaperArticle",
    "patent", "podcast", "preprint", "presentation", "radioBroadcast", "report", "standard",
    "statute", "thesis", "tvBroadcast", "videoRecording", "webpage",
}  # fmt: skip


@dataclass
class Item:
    """The item the connector saves: type, fields, creators (last, first), attachments."""

    itemType: str  # Zotero's name
    fields: dict[str, str] = field(default_factory=dict)
    creators: list[tuple[str, str]] = field(default_factory=list)
    pdf: str = ""
    unsupported: list[str] = field(default_factory=list)


@dataclass
class Head:
    """What the translators read from a page: ``<meta>`` tags, language, title, links."""

    metas: list[tuple[str, str]] = field(default_factory=list)
    lang: str = ""
    title: str = ""
    canonical: str = ""
    coins: list[str] = field(default_factory=list)


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.head.lang = values.get("lang", "")
        elif tag == "meta" and (values.get("name") or values.get("property")):
            self.head.metas.append(
                (values.get("name") or values.get("property", ""), values.get("content", ""))
            )
        elif tag == "link" and values.get("rel") == "canonical":
            self.head.canonical = values.get("href", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "span" and "Z3988" in values.get("class", "").split() and "title" in values:
            self.head.coins.append(values["title"])

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head.title += data


def read_head(html_text: str) -> Head:
    parser = _HeadParser()
    parser.feed(html_text)
    parser.close()
    return parser.head


def trim_internal(text: str) -> str:
    return " ".join(text.split())


def content(head: Head, name: str, every: bool = False) -> str:
    """``getContentText``: the first meta whose name ends with ``name`` (all, comma-joined)."""
    values = [value for tag, value in head.metas if tag.endswith(name) and value]
    return ", ".join(values) if every else (values[0] if values else "")


def item_type(head: Head) -> tuple[str, list[tuple[str, str, str]], list[str]]:
    """``init``: the item type, the namespaced statements, and tags the model does not know."""
    hw_type = guess = ""
    statements: list[tuple[str, str, str]] = []
    unsupported: list[str] = []
    for names, value in head.metas:
        for tag in names.split() if value else ():
            parts = re.split(r"[.:_]", tag)
            prefix = parts[0].lower()
            if prefix in PREFIXES:
                prop = tag[len(parts[0]) + 1 :]
                prop = prop[:1].lower() + prop[1:]
                statements.append((prefix, prop, value))
                if (prefix, prop) not in RESTATED_STATEMENTS:
                    unsupported.append(tag)
                continue
            short = tag[tag.rfind("citation_") :] if "citation_" in tag else ""
            if short in FORCING:
                hw_type = FORCING[short]
            elif short in ("citation_title", "citation_series_title"):
                guess = guess or "journalArticle"
            elif short == "citation_isbn":
                guess = "book"
            if short and short not in HIGHWIRE_MAPPINGS and short not in HANDLED_SEPARATELY:
                unsupported.append(tag)
    if hw_type:
        return hw_type, statements, unsupported
    # RDF.js detectType: z > bib > prism > eprints > og > dc > so > default (the guess).
    dc_types = [v for p, prop, v in statements if p in ("dc", "dcterms") and prop == "type"]
    dc_type = dc_types[0] if dc_types and dc_types[0] in ZOTERO_ITEM_TYPES else ""
    default = guess or ("webpage" if statements else "")
    return dc_type or default, statements, unsupported


def clean_author(author: str, use_comma: bool) -> tuple[str, str]:
    """``ZU.cleanAuthor``: (last name, first name)."""
    author = re.sub(r"^[\s\u00a0.,/\[\]:]+", "", author)
    author = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", author)
    author = re.sub(r"[\s\u00a0]+", " ", author, count=1)
    if use_comma:
        author = re.sub(r"\.([^ ])", r". \1", author, count=1)
        names = re.split(r"[,\u060c] ?", author)
        last, first = (names[0], names[1]) if len(names) > 1 else (author, "")
    else:
        first, _, last = author.rpartition(" ")
    initials = re.fullmatch(r"[A-Z\u0400-\u042f]{1,3}", first)
    if initials and (len(first) == 1 or last.upper() != last):
        first = " ".join(f"{c}." for c in first)
    if first:
        names = re.split(r"(?:[\s.]+|(?=-))", re.sub(r"[\s,]+$", "", first.lstrip(" .")))
        first = " ".join(
            n + ("." if re.fullmatch(r"-?[A-Z\u0400-\u042f]", n) else "") for n in names
        )
        first = first.replace(" -", "-").strip()
    return last, first


def _fix_case(name: str) -> str:
    if name.upper() == name or name.lower() == name:
        return name.title()
    return name


def creators(head: Head) -> list[tuple[str, str]]:
    """``processHighwireCreators`` for ``citation_author``."""
    nodes = [value for tag, value in head.metas if tag.endswith("citation_author") and value]
    found: list[tuple[str, str]] = []
    last_seen = ""
    for node in nodes:
        names = re.split(r"\s*;\s*", node)
        if len(names) == 1 and len(nodes) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in names:
            name = name.strip()
            if not re.search(r"[^\s,\-.;]", name) or name == last_seen:
                continue
            last_seen = name
            family, given = clean_author(name, "," in name)
            if given:
                family, given = _fix_case(family), _fix_case(given)
            found.append((family, given))
    return found


def connector_item(head: Head, page_url: str) -> Item:
    """The item Embedded Metadata saves from ``head`` (fields as the translator sets them)."""
    kind, statements, unsupported = item_type(head)
    item = Item(kind, unsupported=unsupported)
    for prefix, prop, value in statements:
        if (prefix, prop) == ("prism", "publicationName"):
            item.fields.setdefault("publicationTitle", value)
    for name, zotero_field in HIGHWIRE_MAPPINGS.items():
        value = content(head, name, every=zotero_field in ("ISBN", "ISSN"))
        if value.strip():
            item.fields[zotero_field] = trim_internal(value)
    item.creators = creators(head)
    _pages(head, item)
    issn = content(head, "citation_issn", every=True)
    if issn:
        item.fields["ISSN"] = issn
    item.pdf = content(head, "citation_pdf_url")
    _low_quality(head, item, page_url)
    return item


def _pages(head: Head, item: Item) -> None:
    first = content(head, "citation_firstpage").replace("\u2013", "-")
    last = content(head, "citation_lastpage").replace("\u2013", "-")
    if "-" in first:
        first, _, rest = first.partition("-")
        last = last or rest
    if first.strip():
        item.fields["pages"] = first.strip() + (f"-{last.strip()}" if last.strip() else "")


def _low_quality(head: Head, item: Item, page_url: str) -> None:
    """``addLowQualityMetadata``: the fallbacks when a field is missing."""
    if not item.fields.get("title"):
        item.fields["title"] = head.title
    if not item.fields.get("abstractNote"):
        description = content(head, "description")
        if trim_internal(description):
            item.fields["abstractNote"] = trim_internal(description)
    item.fields.setdefault("url", head.canonical or page_url)
    item.fields.setdefault("language", head.lang)


def coins_item(title: str) -> Item:
    """``parseContextObject`` for the Dublin Core format (``COinS.js``): what a span gives."""
    item = Item("webpage")
    authors: list[dict[str, str]] = []  # « complexAu »: aulast, aufirst, aucorp in order
    for key, _, raw in (part.partition("=") for part in title.split("&")):
        value = unquote(raw.replace("+", " "))
        if not value:
            continue
        if key == "rft_val_fmt":
            if value != "info:ofi/fmt:kev:mtx:dc":
                item.unsupported.append(key)
        elif key == "rft_id":
            if value.startswith("info:doi"):
                item.fields["DOI"] = value[9:]
            elif re.match(r"https?://", value):
                item.fields["url"] = value
        elif key == "rft.title":
            in_container = item.itemType in ("journalArticle", "bookSection", "conferencePaper")
            item.fields["publicationTitle" if in_container else "title"] = value
        elif key in ("rft.aulast", "rft.aufirst"):
            _complex_author(authors, key.removeprefix("rft.au"), value)
        elif key == "rft.aucorp":
            authors.append({"last": value})
        elif key in _ANY_TYPE_KEYS:
            item.fields[_ANY_TYPE_KEYS[key]] = value
        elif item.itemType in ("thesis", "patent"):
            continue  # the remaining keys are read only for the other types
        elif key in _DC_ONLY_KEYS:
            item.fields[_DC_ONLY_KEYS[key]] = value
        elif key == "rft.type":
            if value in ZOTERO_ITEM_TYPES:
                item.itemType = value
        elif key != "ctx_ver":
            item.unsupported.append(key)
    item.creators = [(a.get("last", ""), a.get("first", "")) for a in authors]
    return item


_ANY_TYPE_KEYS = {
    "rft.date": "date",
    "rft.volume": "volume",
    "rft.issue": "issue",
    "rft.pages": "pages",
    "rft.issn": "ISSN",
    "rft.isbn": "ISBN",
    "rft.publisher": "publisher",
    "rft.place": "place",
}
_DC_ONLY_KEYS = {
    "rft.language": "language",
    "rft.source": "publicationTitle",
    "rft.description": "abstractNote",
}


def _complex_author(found: list[dict[str, str]], part: str, value: str) -> None:
    # As openurl.js: a last (first) name completes the previous author when it has none
    # (its check for an institution reads a property aucorp never sets).
    if found and not found[-1].get(part):
        found[-1][part] = value
    else:
        found.append({part: value})
