"""Dates of records: the plain forms, checked by a regular expression, and EDTF level 1.

A record's ``date`` is written AAAA, AAAA-MM, AAAA-MM-JJ or « s.d. » (the plain forms: nearly
every record; checked here without any parser, since this check runs for each of 10,000 records
on every load), or in the Library of Congress Extended Date/Time Format, level 1 (ISO 8601-2):
seasons ``2017-21`` (21 spring … 24 winter), intervals ``2017/2019`` with open (``..``) or
unknown (empty) ends, uncertain ``2017?``, approximate ``2017~`` or both ``2017%``, years before
1000 ``0950`` and before our era ``-0100``, unspecified digits ``201X``, long years ``Y170000``.
EDTF values are read by the ``edtf`` package, imported the first time one is met, and turned
into the small immutable values below, which the renderers and exports use.

Year 0 is refused, as in the plain forms: a negative year ``-0100`` is read as the year 100
before our era, the citation processors' convention (not ISO's astronomical numbering).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import io
import re
from dataclasses import dataclass
from typing import Any

NO_DATE = "s.d."
PLAIN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only
# What an EDTF value (of level 1, or of level 2 to say it is not taken) may contain; anything
# else is not handed to the parser.
_EDTF_CHARACTERS = re.compile(r"^[0-9XYSE?~%./{}\[\],-]{4,40}$")
SEASONS = {"21": "printemps", "22": "été", "23": "automne", "24": "hiver"}
_SEASON_FIRST_MONTH = {"21": 3, "22": 6, "23": 9, "24": 12}


def is_plain_date(text: str, full: bool = False) -> bool:
    """True if ``text`` is a real AAAA, AAAA-MM or AAAA-MM-JJ date (only the last if ``full``)."""
    match = PLAIN.match(text)
    if not match:
        return False
    year, month, day = match.groups()
    if day is None:  # (datetime knows no year 0)
        return not full and year != "0000" and (month is None or "01" <= month <= "12")
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Point:
    """One date as written: year (``2017``, ``-0100``, ``196X``, ``170000`` for ``Y170000``),
    month (``03``, a season ``21``–``24``, ``XX`` if unspecified, ``""``), day, qualifier
    (``?`` uncertain, ``~`` approximate, ``%`` both, ``""``)."""

    year: str
    month: str = ""
    day: str = ""
    qualifier: str = ""

    @property
    def year_number(self) -> int:
        """The year, its unspecified digits read as 0 (``196X`` → 1960)."""
        return int(self.year.replace("X", "0"))

    @property
    def is_season(self) -> bool:
        return self.month in SEASONS

    def sort_key(self) -> tuple[int, int, int]:
        """(year, month, day), a season at its first month, unknown parts at 0."""
        month = _SEASON_FIRST_MONTH.get(self.month) or _number(self.month)
        return self.year_number, month, _number(self.day)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


@dataclass(frozen=True)
class DateValue:
    """A parsed date: one point, or an interval whose ends may be open (``..``) or unknown."""

    start: Point | None  # None: an interval's open or unknown start
    end: Point | None = None  # None in an interval: open or unknown end
    interval: bool = False
    open_start: bool = False
    open_end: bool = False

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for p in (self.start, self.end) if p is not None)


def is_literal(text: str) -> bool:
    """A date written in words that no form above can hold (« 13th cent »): kept as text."""
    return text != NO_DATE and any(c.isalpha() for c in text) and parse(text) is None


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> DateValue | None:
    """The value of a plain or EDTF level 1 date; None for anything else (« s.d. » included)."""
    if is_plain_date(text):
        year, month, day = PLAIN.match(text).groups()  # type: ignore[union-attr]
        return DateValue(Point(year, month or "", day or ""))
    value = _from_edtf(text)
    return value if value is not None and not date_value_problem(value) else None


def date_problem(text: str) -> str | None:
    """None if ``text`` is a plain or EDTF level 1 date, else why not in French ("" when no
    single reason can be told)."""
    if parse(text) is not None:
        return None
    value = _from_edtf(text)
    if value is not None:
        return date_value_problem(value)
    if _edtf_object(text) is not None:
        return "forme EDTF de niveau 2 ou heure, non prises en charge"
    match = re.match(r"^(-?[0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$", text)
    if match is None:
        return ""
    year, month, day = match.groups()
    if not ("01" <= month <= "12" or month in SEASONS):
        return f"mois « {month} » inexistant"
    return date_value_problem(DateValue(Point(year, month, day or "")))


@functools.lru_cache(maxsize=1024)
def _from_edtf(text: str) -> DateValue | None:
    """The value the ``edtf`` parser reads in ``text`` if of level 1 (not checked further)."""
    parsed = _edtf_object(text)
    if parsed is None:
        return None
    import edtf

    return _value(parsed, edtf)


@functools.lru_cache(maxsize=1024)
def _edtf_object(text: str) -> Any:
    """What the ``edtf`` parser makes of ``text`` (any level), or None."""
    if not _EDTF_CHARACTERS.match(text):
        return None
    import edtf  # about 0.1 s to import: only when a value is not a plain date

    # The parser prints to standard output when one of its value classes fails (« trying
    # to Level1Interval… »): that would corrupt ``biblio valider --format json``.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            return edtf.parse_edtf(text)
        except Exception:  # the parser's own errors, and those of its value classes
            return None


def _value(parsed: Any, edtf: Any) -> DateValue | None:
    kind = type(parsed)
    if kind in (edtf.Interval, edtf.Level1Interval):
        start, end = _end(parsed.lower, edtf), _end(parsed.upper, edtf)
        if start is None or end is None:
            return None
        return DateValue(
            start if isinstance(start, Point) else None,
            end if isinstance(end, Point) else None,
            interval=True,
            open_start=start == "..",
            open_end=end == "..",
        )
    point = _point(parsed, edtf)
    return DateValue(point) if point else None


def _end(section: Any, edtf: Any) -> Point | str | None:
    """An interval's end: a point, ``..`` (open), ``""`` (unknown) or None (not level 1)."""
    if type(section) is edtf.UnspecifiedIntervalSection:
        return ".." if section.is_open else ""
    return _point(section, edtf)


def _point(parsed: Any, edtf: Any) -> Point | None:
    kind = type(parsed)
    qualifier = ""
    if kind is edtf.UncertainOrApproximate:
        qualifier = str(parsed.ua) if parsed.ua else ""
        parsed, kind = parsed.date, type(parsed.date)
    if kind is edtf.LongYear and not parsed.significant_digits:
        return Point(parsed.year, qualifier=qualifier)
    if kind is edtf.Season:
        return Point(parsed.year, parsed.season, qualifier=qualifier)
    if kind is edtf.Unspecified and not parsed.significant_digits:
        qualifier = str(parsed.ua) if parsed.ua else qualifier
    elif kind is not edtf.Date or parsed.significant_digits:
        return None  # level 2, a time of day, significant digits
    return Point(parsed.year, parsed.month or "", parsed.day or "", qualifier)


def date_value_problem(value: DateValue) -> str:
    """What makes a value the parser accepts wrong for us (year 0, 29 February of a common
    year, an interval ending before it starts), or ""."""
    if not value.points:
        return "intervalle sans aucune date (« ../.. »)"
    for point in value.points:
        if point.year.lstrip("-") == "0000":
            return "l'année 0 n'existe pas (l'an 1 avant notre ère s'écrit -0001)"
        if point.day.isdigit() and point.month.isdigit() and 0 < point.year_number <= 9999:
            try:
                datetime.date(point.year_number, int(point.month), int(point.day))
            except ValueError:
                return f"le {int(point.day)}/{point.month}/{point.year} n'existe pas"
    start, end = value.start, value.end
    if start and end and start.sort_key() > _latest(end):
        return f"la fin ({_text(end)}) précède le début ({_text(start)})"
    return ""


def _latest(point: Point) -> tuple[int, int, int]:
    """The point's sort key with its missing parts at their latest (``2017`` ends in December)."""
    year, month, day = point.sort_key()
    return year, month or 99, day or 99


def _text(point: Point) -> str:
    return "-".join(p for p in (point.year, point.month, point.day) if p) + point.qualifier


def start_point(text: str) -> Point | None:
    """The point a date sorts by: its start, else (open start) its end."""
    value = parse(text)
    if value is None:
        return None
    return value.start or value.end


def year_of(text: str) -> str:
    """The year a date is filed under: ``2017`` for ``2017-21``, ``2017/2019`` or ``2017~``,
    ``1960`` for ``196X``, ``-0100``; in a date written in words, its first year of four
    digits; "" when there is none (« s.d. »)."""
    point = start_point(text)
    if point is not None:
        number = point.year_number
        return f"-{-number:04d}" if number < 0 else f"{number:04d}"
    found = re.search(r"(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])", text)
    return found.group(1) if found else ""


def sort_key(text: str) -> tuple[int, int, int]:
    """(year, month, day) of where a date starts, to sort by; undated values sort first."""
    point = start_point(text)
    if point is not None:
        return point.sort_key()
    year = year_of(text)
    return (int(year), 0, 0) if year else (-(10**12), 0, 0)
