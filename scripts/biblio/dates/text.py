"""Dates as exports write them, read into our forms; what cannot be read safely stays as text.

``from_text`` accepts, besides the plain and EDTF forms as they are:
- numbers with other separators: ``2019/03/05/`` (RIS), ``2019-3``, ``2019.03.05``,
  ``2019-03-05 10:00``, ``2019-03-05T10:00:00Z``; RIS's fourth part ``2017///Spring``;
- year ranges ``2017-2019``, ``2017 – 2019`` → ``2017/2019``;
- approximate and uncertain dates: ``ca. 1850``, ``c. 1850``, ``circa 1850``, ``vers 1850``,
  ``1850 environ``, ``[ca 1850]`` → ``1850~``; ``ca. 1850-1860`` → ``1850~/1860~``;
  ``1850 ?``, ``[1850?]`` → ``1850?``; ``[2017]`` (a date supplied by the cataloguer) → ``2017``;
- months and seasons in English or French words: ``March 2017``, ``15 mars 2017``,
  ``March 15, 2017``, ``1er mars 2017``, ``Spring 2017``, ``printemps 2017``, ``Fall 2017``;
- « s.d. », « s. d. », « n.d. », « sans date », « no date » → « s.d. ».

Anything else (« 13th cent », « XIIIe siècle », « copyright 2017 ») is returned as written: the
validator keeps it as a date in words, with a warning (R010), rather than guess.
"""

from __future__ import annotations

import re

from biblio.dates.model import NO_DATE, parse

_NO_DATE_WORDS = {"s.d.", "s. d.", "s.d", "sd", "n.d.", "n. d.", "n.d", "nd", "sans date"}
_NO_DATE_WORDS |= {"no date", "undated", "non daté", "non datée"}
_MONTH_WORDS = (
    "janvier january jan janv",
    "février fevrier february feb fév fev févr fevr",
    "mars march mar",
    "avril april apr avr",
    "mai may",
    "juin june jun",
    "juillet july jul juil",
    "août aout august aug",
    "septembre september sep sept",
    "octobre october oct",
    "novembre november nov",
    "décembre decembre december dec déc",
)
MONTH_NUMBERS = {
    word: number for number, words in enumerate(_MONTH_WORDS, 1) for word in words.split()
}
SEASON_NUMBERS = {
    "spring": 21,
    "printemps": 21,
    "summer": 22,
    "été": 22,
    "ete": 22,
    "autumn": 23,
    "fall": 23,
    "automne": 23,
    "winter": 24,
    "hiver": 24,
}
_FILLERS = {"de", "d", "of", "the", "le", "er", "st", "nd", "rd", "th"}
# (Digits are ASCII digits: ``int`` would refuse some of what ``\d`` takes, « ¹ ».)
_NUMERIC = re.compile(
    r"^(\d{4})(?:[-/.](\d{0,2})(?:[-/.](\d{0,2})(?:/(.*))?)?)?(?:[ T]\d.*)?$", re.ASCII
)
_YEAR_RANGE = re.compile(r"^(\d{4}) ?[-–—/] ?(\d{4})$", re.ASCII)
_APPROXIMATE_BEFORE = re.compile(
    r"^(?:ca\.?|c\.|circa|env\.|environ|vers|approx\.?|approximately|around|about) ?(.+)$",
    re.IGNORECASE,
)
_APPROXIMATE_AFTER = re.compile(r"^(.+?),? (?:environ|env\.|ca\.?|circa|approx\.?)$")
_UNCERTAIN = re.compile(r"^(.+?) ?\?$")
_BRACKETS = re.compile(r"^\[(.+)\]$")


def from_text(text: str) -> str:
    """Our form of a date written as ``text`` (see the module's list), or ``text`` as written
    (spaces tidied) when it is not a date we can read safely."""
    text = " ".join(str(text).split())
    if text.casefold() in _NO_DATE_WORDS:
        return NO_DATE
    found = _read(text, depth=0)
    return found if found is not None else text


def _read(text: str, depth: int) -> str | None:
    if parse(text) is not None:
        return text
    if depth > 2 or not text:
        return None
    for reader in (_numeric, _year_range, _words):
        found = reader(text)
        if found is not None and parse(found) is not None:
            return found
    return _qualified(text, depth)


def _numeric(text: str) -> str | None:
    match = _NUMERIC.match(text)
    if match is None:
        return None
    year, month, day, other = match.groups()
    parts = [year]
    if month and int(month):
        parts.append(f"{int(month):02d}")
        if day and int(day):
            parts.append(f"{int(day):02d}")
    season = SEASON_NUMBERS.get((other or "").strip().casefold())
    if season and len(parts) == 1:
        parts.append(str(season))
    return "-".join(parts)


def _year_range(text: str) -> str | None:
    match = _YEAR_RANGE.match(text)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def _words(text: str) -> str | None:
    """« 15 mars 2017 », « March 15, 2017 », « printemps 2017 »: only date words allowed."""
    tokens = re.findall(r"[0-9]+|[^\W\d_]+", text.casefold())
    numbers = [t for t in tokens if t.isascii() and t.isdigit()]
    years = [t for t in numbers if len(t) == 4]
    days = [t for t in numbers if len(t) <= 2]
    words = [t for t in tokens if t not in numbers and t not in _FILLERS]
    known = [t for t in words if t in MONTH_NUMBERS or t in SEASON_NUMBERS]
    if len(years) != 1 or len(words) != 1 or len(known) != 1 or len(days) > 1:
        return None
    if known[0] in SEASON_NUMBERS:
        return None if days else f"{years[0]}-{SEASON_NUMBERS[known[0]]}"
    month = f"{years[0]}-{MONTH_NUMBERS[known[0]]:02d}"
    return f"{month}-{int(days[0]):02d}" if days else month


def _qualified(text: str, depth: int) -> str | None:
    """``ca. 1850``, ``1850 ?``, ``[ca 1850]``, ``[2017]``: the date inside, qualified."""
    for pattern, qualifier in (
        (_BRACKETS, ""),
        (_APPROXIMATE_BEFORE, "~"),
        (_APPROXIMATE_AFTER, "~"),
        (_UNCERTAIN, "?"),
    ):
        match = pattern.match(text)
        inner = _read(match.group(1).strip(), depth + 1) if match else None
        if inner is not None:
            qualified = "/".join(_qualify(part, qualifier) for part in inner.split("/"))
            return qualified if parse(qualified) is not None else None
    return None


def _qualify(point: str, qualifier: str) -> str:
    """``1850`` + ``~`` → ``1850~``; ``1850?`` + ``~`` → ``1850%``; open ends unchanged."""
    if not qualifier or point in ("", "..") or point.endswith(qualifier):
        return point
    if point.endswith(("?", "~", "%")):
        return point[:-1] + "%"
    return point + qualifier
