"""The bibliography's house citation style, in plain text and HTML.

``MOTARD Clémentine, TESSIER Stéphane, Les démarches Ateliers santé ville : la promotion de
la santé à l'œuvre dans les territoires, Santé publique, vol. 28, n°6, 2016-11, pp. 729-733``

Zones are separated by commas; after a zone ending in « ? » or « ! » only a space is
printed, as in the printed edition. French typography: a no-break space before « : »,
a narrow no-break space before « ; ? ! », no-break spaces inside « ».
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape

from biblio.dates import display
from biblio.model import Person, Reference

NBSP = "\u00a0"
NNBSP = "\u202f"
MAX_AUTHORS = 3


@dataclass(frozen=True)
class Citation:
    """One reference formatted in the house style."""

    text: str
    html: str


@dataclass(frozen=True)
class _Zone:
    text: str
    html: str
    separator: str = ", "


def format_citation(ref: Reference) -> Citation:
    """Format ``ref`` in the house style (pure: depends on the record only)."""
    text = html = ""
    for zone in _zones(ref):
        if not zone.text:
            continue
        if text:
            separator = _separator(text, zone.separator)
            text += separator
            html += separator
        text += zone.text
        html += zone.html
    return Citation(french_typography(text), french_typography(html))


@functools.lru_cache(maxsize=4096)
def cached_citation(ref: Reference) -> Citation:
    """``format_citation`` for a site build, where each reference is cited on several pages."""
    return format_citation(ref)


def _separator(before: str, wanted: str) -> str:
    if before.endswith(("?", "!")):
        return " "
    if wanted == ". " and before.endswith("."):
        return ", "
    return wanted


def _zones(ref: Reference) -> list[_Zone]:
    return [
        _plain(format_authors(ref.auteurs, ref.et_al)),
        _title(ref),
        _plain(ref.genre, ". "),
        _publication(ref),
        _plain(f"vol. {ref.volume}" if ref.volume else ""),
        _plain(f"n°{ref.numero_revue}" if ref.numero_revue else ""),
        _plain(", ".join(ref.editeurs)),
        _plain(_dates(ref)),
        _plain(_pages(ref)),
    ]


def _plain(text: str, separator: str = ", ") -> _Zone:
    return _Zone(text, escape(text, quote=False), separator)


def _title(ref: Reference) -> _Zone:
    html = escape(ref.titre, quote=False)
    if ref.langue != "fr":
        html = f'<span lang="{escape(ref.langue)}">{html}</span>'
    return _Zone(ref.titre, html)


def _publication(ref: Reference) -> _Zone:
    if not ref.publication:
        return _Zone("", "")
    prefix = "In " if ref.type == "chapitre" else ""
    html = f"{prefix}<em>{escape(ref.publication, quote=False)}</em>"
    return _Zone(prefix + ref.publication, html)


def _dates(ref: Reference) -> str:
    # Plain dates as printed (« 2016-11 »), the other forms in words (« été 2017 »).
    parts = [display(ref.date)] if ref.date else []
    if ref.date_maj:
        parts.append(f"màj {display(ref.date_maj)}")
    return ", ".join(parts)


def _pages(ref: Reference) -> str:
    if ref.pages:
        return f"pp. {ref.pages}" if re.search(r"[-–]", ref.pages) else f"p. {ref.pages}"
    if ref.nombre_pages:
        return f"{ref.nombre_pages} p."
    return ""


def format_person(person: Person) -> str:
    """« NOM Prénom », particle in capitals with the name; organisations as written."""
    if person.is_organisation:
        return person.organisation
    family = " ".join(p for p in (person.particule, person.nom) if p).upper()
    return " ".join(p for p in (family, person.prenom) if p)


def format_authors(authors: tuple[Person, ...], et_al: bool = False) -> str:
    """At most three authors, then « (et al.) » (also when the record says others exist)."""
    text = ", ".join(format_person(a) for a in authors[:MAX_AUTHORS])
    if text and (et_al or len(authors) > MAX_AUTHORS):
        text += " (et al.)"
    return text


_SPACES = "[ \u00a0\u202f]"
_BEFORE_COLON = re.compile(_SPACES + r"*:(?=\s|$)")
_BEFORE_PUNCT = re.compile(_SPACES + r"+([;?!])")
_OPEN_QUOTE = re.compile("«" + _SPACES + "*")
_CLOSE_QUOTE = re.compile(_SPACES + "*»")
_ABBREVIATION = re.compile(r"\b(vol\.|pp?\.) ")
_PAGE_COUNT = re.compile(r"(\d) p\.")


def french_typography(text: str) -> str:
    """No-break spaces where French typography wants them (URLs, with no space, are kept)."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_PUNCT.sub(NNBSP + r"\1", text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _ABBREVIATION.sub(r"\1" + NBSP, text)
    return _PAGE_COUNT.sub(r"\1" + NBSP + "p.", text)
