"""Dates in French words, for the site and the house citation style.

| Written | Shown |
|---|---|
| ``2017``, ``2017-03``, ``2017-03-01`` | « 2017 », « mars 2017 », « 1er mars 2017 » |
| ``2017-21`` … ``2017-24`` | « printemps 2017 », « été 2017 », « automne 2017 », « hiver 2017 » |
| ``2017~`` / ``2017?`` / ``2017%`` | « vers 2017 » / « 2017 (date incertaine) » / both |
| ``2017/2019``, ``2017-03/2017-06`` | « 2017-2019 », « mars-juin 2017 » |
| ``2017/..``, ``../2017`` | « depuis 2017 », « jusqu'en 2017 » |
| ``2017/``, ``/2017`` | « à partir de 2017 (fin inconnue) », « jusqu'en 2017 (début inconnu) »|
| ``0950``, ``-0100``, ``Y170000`` | « 950 », « 100 av. J.-C. », « 170 000 » |
| ``196X``, ``19XX``, ``2017-XX`` | « années 1960 », « entre 1900 et 1999 », « 2017 (mois inconnu) »

An uncertain date is shown « 2017 (date incertaine) » rather than « 2017 ? »: in a citation,
a zone ending in « ? » reads as a question and changes the separator after it, and the words
say it to readers who do not know the bibliographic convention.

``display`` is what the house style prints: the plain forms as written (``2016-11``, as in
the printed edition; a year before 1000 without its leading zero), the other forms in words.
"""

from __future__ import annotations

from biblio.dates.model import NO_DATE, SEASONS, DateValue, Point, is_plain_date, parse

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
NNBSP = "\u202f"
_UNCERTAIN = " (date incertaine)"


def display(text: str) -> str:
    """The house style's form: plain dates and « s.d. » as written (years before 1000 aside:
    « 950 », not « 0950 »), the other forms in words."""
    if text == NO_DATE or (is_plain_date(text) and text[0] != "0"):
        return text
    return french(text)


def french(text: str) -> str:
    """``text`` in French words; a date in words (« 13th cent ») is returned as written."""
    value = parse(text)
    if value is None:
        return text
    if not value.interval and value.start is not None:
        return _qualified(value.start)
    return _interval(value)


def year_label(year: str) -> str:
    """``0950`` → « 950 », ``-0100`` → « 100 av. J.-C. », ``170000`` → « 170 000 »."""
    number = int(year)
    digits = f"{abs(number):,}".replace(",", NNBSP) if abs(number) > 9999 else str(abs(number))
    return f"{digits} av. J.-C." if number < 0 else digits


def _words(point: Point) -> str:
    """The point without its qualifier: « 15 mars 2017 », « printemps 2017 »…"""
    if "X" in point.year:
        return _unspecified_year(point.year)
    year = year_label(point.year)
    if not point.month:
        return year
    if point.month == "XX":
        return f"{year} (mois et jour inconnus)" if point.day else f"{year} (mois inconnu)"
    month = SEASONS.get(point.month) or MONTHS[int(point.month) - 1]
    if point.day == "XX":
        return f"{month} {year} (jour inconnu)"
    return f"{_day(point.day)} {month} {year}" if point.day else f"{month} {year}"


def _day(day: str) -> str:
    return "1er" if int(day) == 1 else str(int(day))


def _unspecified_year(year: str) -> str:
    unknown = year.count("X")
    low = int(year.replace("X", "0"))
    if unknown == 1 and low >= 0:
        return f"années {year_label(str(low))}"
    high = low + (10**unknown - 1) * (1 if low >= 0 else -1)
    first, last = sorted((low, high))
    return f"entre {year_label(str(first))} et {year_label(str(last))}"


def _qualified(point: Point) -> str:
    """A point on its own: « vers 2017 », « 2017 (date incertaine) »."""
    words = _words(point)
    if point.qualifier in ("~", "%"):
        words = f"vers {words}"
    return words + (_UNCERTAIN if point.qualifier in ("?", "%") else "")


def _qualifier_suffix(point: Point) -> str:
    """What follows a point after « depuis », « jusqu'à »…: « 2017 environ », not « vers 2017 »."""
    suffix = " environ" if point.qualifier in ("~", "%") else ""
    return suffix + (_UNCERTAIN if point.qualifier in ("?", "%") else "")


def _with_article(point: Point) -> str:
    """« le 15 mars 2017 », « le printemps 2017 », « l'été 2017 », « les années 1960 », or the
    bare words when French puts no article (« mars 2017 », « 2017 »)."""
    words = _words(point)
    if words.startswith("années"):
        return f"les {words}"
    if point.day and point.day != "XX" and point.month != "XX":
        return f"le {words}"
    if point.is_season:
        return f"le {words}" if point.month == "21" else f"l'{words}"
    return words


def _since(point: Point, unknown_end: bool) -> str:
    words = _with_article(point)
    if unknown_end:
        contracted = _contract("de", words, bare="de")
        return f"à partir {contracted}{_qualifier_suffix(point)} (fin inconnue)"
    return f"depuis {words}{_qualifier_suffix(point)}"


def _until(point: Point, unknown_start: bool) -> str:
    contracted = _contract("à", _with_article(point), bare="en")
    return f"jusqu'{contracted}{_qualifier_suffix(point)}" + (
        " (début inconnu)" if unknown_start else ""
    )


def _contract(preposition: str, words: str, bare: str) -> str:
    """« à le » → « au », « de les » → « des »…; ``bare`` before words with no article."""
    for article, forms in (("le ", ("au ", "du ")), ("les ", ("aux ", "des "))):
        if words.startswith(article):
            return (forms[0] if preposition == "à" else forms[1]) + words[len(article) :]
    if words.startswith("l'"):
        return f"{preposition} {words}"
    if words.startswith("entre "):
        return f"{preposition} {words}" if preposition == "à" else f"d'{words}"
    return f"{bare} {words}"


def _interval(value: DateValue) -> str:
    start, end = value.start, value.end
    if start is None and end is not None:
        return _until(end, unknown_start=not value.open_start)
    if end is None and start is not None:
        return _since(start, unknown_end=not value.open_end)
    if start is None or end is None:  # « ../.. » is not a date the parser accepts
        return ""
    if start.qualifier == end.qualifier:
        words = _range(_bare(start), _bare(end))
        if start.qualifier in ("~", "%"):
            words = f"vers {words}"
        return words + (" (dates incertaines)" if start.qualifier in ("?", "%") else "")
    return f"{_qualified(start)} – {_qualified(end)}"


def _bare(point: Point) -> Point:
    return Point(point.year, point.month, point.day)


def _range(start: Point, end: Point) -> str:
    """« 2017-2019 », « mars-juin 2017 », « 15-20 mars 2017 », « 15 mars-2 juin 2017 », else
    both ends in full around a spaced dash."""
    simple = all(p.year.isdigit() and "X" not in p.month + p.day for p in (start, end))
    if simple and start.year == end.year and start.month and end.month:
        same_month = start.month == end.month
        if start.day and end.day:
            first = _day(start.day) if same_month else _words(start).rsplit(" ", 1)[0]
            return f"{first}-{_words(end)}"
        if not start.day and not end.day:
            return f"{_words(start).rsplit(' ', 1)[0]}-{_words(end)}"
    if simple and not (start.month or end.month) and len(start.year) == len(end.year) == 4:
        return f"{year_label(start.year)}-{year_label(end.year)}"
    era = " apr. J.-C." if start.year_number < 0 < end.year_number else ""
    return f"{_words(start)} – {_words(end)}{era}"
