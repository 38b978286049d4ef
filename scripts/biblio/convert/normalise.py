"""Values written another usual way, put the way the schema wants them (every reader).

An export says the same thing in many ways: a DOI as an address, two ISBN in one field, a
page count as printed, HTML entities or LaTeX accents left in a value, stray control
characters. When the meaning is clear the value is rewritten, never refused.
"""

from __future__ import annotations

import html
import re
from typing import Any

from biblio import schema
from biblio.convert.latex import latex_to_text
from biblio.diagnostics import Diagnostic, quote, warning
from biblio.load.raw import RawRecord

# C0 and C1 control characters but tab and line feed (a carriage return is dropped too).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A resolver's address (doi.org, dx.doi.org, doi.acm.org…) or a « doi: » label before a DOI.
_DOI_PREFIX = re.compile(
    r"^\s*(?:(?:https?://)?(?:[\w-]+\.)*doi\.[a-z.]+/|doi\s*:\s*)(?=10\.)", re.I
)
_ISBN = re.compile(r"(?<![\dXx])(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx](?![\dXx])")
_ISSN = re.compile(r"(?<![\d])\d{4}-?\d{3}[\dXx](?![\dXx])")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});")
_LATEX = re.compile(r"\\(?:['`^\"~=.][A-Za-z{]|[A-Za-z]+\s*\{)|\{\\")
_PAGE_COUNT = re.compile(r"^\s*(\d+)\s*(?:p\.?|pp\.?|pages?|s\.)?\s*$", re.I)
# Fields whose value is a code or an address: never decoded as text.
_CODES = {"url", "doi", "isbn", "issn", "nor", "jorftext", "eli", "type", "id"}
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ONE_LINE = {f.name for f in schema.REFERENCE_FIELDS if f.kind == schema.TEXT}


def normalise(raw: RawRecord, latex: bool = True, decode: bool = True) -> list[Diagnostic]:
    """Rewrite the values of ``raw`` in place; a warning for what was dropped. ``latex``:
    decode LaTeX left in values (not for BibTeX, whose reader has already decoded it);
    ``decode``: entities and LaTeX decoded at all (not in our own exports, whose texts are
    what the records hold, « {\\ » or « &amp; » included)."""
    problems: list[Diagnostic] = []
    data = raw.data
    for name in list(data):
        cleaned, dropped = _clean(data[name], decode and name not in _CODES, latex)
        data[name] = cleaned
        if dropped:
            message = (
                f"{dropped} caractère(s) de contrôle retiré(s) de {quote(name)} "
                "(invisibles, sans place dans une fiche)"
            )
            problems.append(warning(raw.marks.value((name,)), "F012", message))
    for name in _ONE_LINE & data.keys():
        if isinstance(data[name], str):
            data[name] = one_line(data[name])
    if isinstance(data.get("doi"), str):
        data["doi"] = bare_doi(data["doi"])
    for name, pattern in (("isbn", _ISBN), ("issn", _ISSN)):
        if isinstance(data.get(name), str):
            data[name] = identifier_list(data[name], pattern)
    _pagination(raw)
    return problems


def one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space; no-break spaces kept (French typography)."""
    return _SPACES.sub(" ", text).strip(" ")


def bare_doi(text: str) -> str:
    """``https://doi.org/10.1/x``, ``doi:10.1/x`` → ``10.1/x``."""
    return _DOI_PREFIX.sub("", text).strip()


def identifier_list(text: str, pattern: re.Pattern[str]) -> str | list[str]:
    """The identifiers found in ``text``: one as text, several as a list, none: ``text``."""
    found = [" ".join(m.split()) for m in pattern.findall(text)]
    if not found:
        return text.strip()
    unique = list(dict.fromkeys(found))
    return unique[0] if len(unique) == 1 else unique


def _pagination(raw: RawRecord) -> None:
    """A page count that is not one number (``xviii+214``) is kept as printed."""
    value = raw.data.get("nombre_pages")
    if value is None or isinstance(value, int):
        return
    text = str(value).strip()
    match = _PAGE_COUNT.match(text)
    if match and int(match.group(1)) > 0:
        raw.data["nombre_pages"] = int(match.group(1))
        return
    del raw.data["nombre_pages"]
    raw.data.setdefault("pagination", text)
    raw.marks.values.setdefault(("pagination",), raw.marks.value(("nombre_pages",)))


def _clean(value: Any, decode: bool, latex: bool) -> tuple[Any, int]:
    """``value`` with control characters dropped (and entities decoded if ``decode``)."""
    if isinstance(value, str):
        text, dropped = _CONTROL.subn("", value.replace("\r\n", "\n"))
        return (decode_text(text, latex) if decode else text), dropped
    if isinstance(value, list):
        items = [_clean(v, decode, latex) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, dict):
        pairs = {k: _clean(v, decode, latex) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs.items()}, sum(n for _, n in pairs.values())
    return value, 0


def decode_text(text: str, latex: bool = True) -> str:
    """HTML entities (``&amp;``, ``&#233;``) and LaTeX accents (``{\\'e}``) left in a value."""
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    if latex and "\\" in text and _LATEX.search(text):
        text = latex_to_text(text)
    return text
