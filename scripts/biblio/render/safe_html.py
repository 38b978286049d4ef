"""The allowlist every page's HTML passes (nh3, bindings to Rust's ammonia).

Record texts are written by many hands. The core escapes their raw HTML and attribute lists
(``render.text``) and the site's Markdown extension removes unsafe links; this is the last
word: whatever Markdown made of a record, only these tags, attributes and addresses reach a
page. Tooltip texts are made plain text for Material, whose ``content.tooltips`` feature
copies an element's ``title`` into the tooltip as HTML (``innerHTML``).
"""

from __future__ import annotations

import html
import re

import nh3

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt"}
    | {"em", "hr", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span"}
    | {"strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
    | {f"h{level}" for level in range(1, 7)}
)
ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "tabindex", "role", "data-terme"},
    # Robust Links (an archived copy of a document, render.robust_links).
    "a": {"href", "data-originalurl", "data-versionurl", "data-versiondate"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "span": {"aria-current"},  # the breadcrumbs' last step (render.navigation)
    "td": {"style"},
    "th": {"style"},
}
# The search index's own markup (data-pagefind-weight, -ignore); ours, in generated pages.
DATA_PREFIXES = {"data-pagefind-"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# What a browser drops from an address before reading it: C0 controls and spaces at the
# ends, tabs and line breaks anywhere (WHATWG URL standard).
_URL_TRIM = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_URL_DROPPED = re.compile(r"[\t\n\r]")
_OTHER_HOST = re.compile(r"^[/\\]{2}")
_CHARACTER_REFERENCE = re.compile(r"&(?=[#A-Za-z])")


def url_scheme(value: str) -> str:
    """The scheme a browser reads in ``value`` (entities decoded), "" for a relative one."""
    address = _URL_DROPPED.sub("", _URL_TRIM.sub("", html.unescape(value)))
    match = _SCHEME.match(address.lower())
    return match.group(1) if match else ""


def is_safe_url(value: str) -> bool:
    """http(s), mailto, or relative."""
    scheme = url_scheme(value)
    return not scheme or scheme in SAFE_SCHEMES


def is_local_url(value: str) -> bool:
    """A relative address on this site: no scheme, no other host (``//host``, ``/\\host``)."""
    address = _URL_DROPPED.sub("", _URL_TRIM.sub("", html.unescape(value)))
    return not url_scheme(value) and not _OTHER_HOST.match(address)


def tooltip_text(text: str) -> str:
    """``text`` as a ``title`` that shows exactly ``text`` once Material has parsed it as HTML:
    « < » and character references escaped, so no element is ever made from it."""
    plain = " ".join(text.split())
    return _CHARACTER_REFERENCE.sub("&amp;", plain).replace("<", "&lt;")


# A COinS (render.metadata.coins): an empty span whose title is a query of percent-encoded
# values, read by Zotero's connector; it holds no « < » and no character reference.
_COINS = re.compile(r"ctx_ver=Z39\.88-2004(?:&[a-z_.]+=[A-Za-z0-9._~%-]*)*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "title":
        if element == "span" and _COINS.fullmatch(value):
            return value
        return tooltip_text(value)
    if attribute in ("data-originalurl", "data-versionurl"):
        return value if is_safe_url(value) and url_scheme(value) else None
    if attribute == "data-versiondate":
        return value if _DAY.fullmatch(value) else None
    if element == "img" and attribute == "src":
        return value if is_local_url(value) else None  # no image from another host
    if attribute == "style":
        return value if re.fullmatch(r"text-align: (left|right|center);?", value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_filter,
    link_rel=None,
    generic_attribute_prefixes=set(DATA_PREFIXES),
    url_schemes=set(SAFE_SCHEMES),
)


def clean(fragment: str) -> str:
    """``fragment`` with only the allowed tags, attributes and addresses."""
    return _CLEANER.clean(fragment)
