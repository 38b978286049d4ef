"""Dates in the exchange formats, written as each can say them and read back.

- CSL-JSON: ``date-parts`` (two for a range; CSL's pseudo-months 21–24 for seasons inside a
  range), ``season`` (1 spring … 4 winter), ``circa``, ``literal``. What these cannot say
  (uncertain, open or unknown ends, unspecified digits) also goes, exactly, in ``raw``.
- BibLaTeX: ``date`` takes EDTF level 1 as it is (biber reads it); a date in words goes to
  ``year``, which BibLaTeX prints as written.
- RIS: ``PY`` the year and ``DA`` ``AAAA/MM/JJ/`` (``2017///Spring`` for a season), the best
  RIS can do; the writer adds the exact value as a ``biblio:date`` note when they lose some of
  it (``ris_is_exact``), so that an import gives it back.
"""

from __future__ import annotations

import re
from typing import Any

from biblio.dates.model import NO_DATE, DateValue, Point, is_plain_date, parse
from biblio.dates.text import MONTH_NUMBERS, SEASON_NUMBERS, from_text

_CSL_SEASONS = {"21": 1, "22": 2, "23": 3, "24": 4}
_RIS_SEASONS = {"21": "Spring", "22": "Summer", "23": "Fall", "24": "Winter"}


def csl_date(value: str) -> dict[str, Any]:
    """The CSL-JSON date object of one of our dates."""
    if value == NO_DATE:
        return {"literal": NO_DATE}
    if is_plain_date(value):
        return {"date-parts": [[int(part) for part in value.split("-")]]}
    parsed = parse(value)
    if parsed is None:
        return {"literal": value}
    result = _csl_parts(parsed)
    if from_csl_date(result) != value:
        result["raw"] = value
    return result


def _csl_parts(parsed: DateValue) -> dict[str, Any]:
    points = parsed.points
    result: dict[str, Any] = {}
    if not parsed.interval and points[0].is_season:
        result["date-parts"] = [[points[0].year_number]]
        result["season"] = _CSL_SEASONS[points[0].month]
    else:
        result["date-parts"] = [_csl_numbers(p) for p in points]
    if any(p.qualifier in ("~", "%") for p in points):
        result["circa"] = True
    return result


def _csl_numbers(point: Point) -> list[int]:
    numbers = [point.year_number]
    if point.month.isdigit():  # a season in a range: CSL's pseudo-month 21–24
        numbers.append(int(point.month))
        if point.day.isdigit():
            numbers.append(int(point.day))
    return numbers


def from_csl_date(value: Any) -> str:
    """Our date from a CSL-JSON date object (``raw`` first when it is a date we read as is,
    then ``date-parts`` with ``season`` and ``circa``, then ``literal``), or from a string."""
    if not isinstance(value, dict):
        return from_text(str(value))
    raw = value.get("raw")
    if isinstance(raw, str) and parse(raw.strip()) is not None:
        return raw.strip()
    found = _from_date_parts(value)
    if found:
        return found
    return from_text(str(value.get("literal") or value.get("raw") or ""))


def _from_date_parts(value: dict[str, Any]) -> str:
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return ""
    points = [_csl_point(p) for p in parts[:2] if isinstance(p, list)]
    if not points or not points[0]:
        return ""
    season = _season(value.get("season"))
    if season and len(points) == 1 and "-" not in points[0].lstrip("-"):
        points[0] += f"-{season}"
    if value.get("circa") not in (None, False, 0, "", "0", "false"):
        points = [p + "~" for p in points if p]
    text = points[0] if len(points) == 1 or points[1] in ("", points[0]) else "/".join(points)
    return text if parse(text) is not None else ""


def _csl_point(numbers: list[Any]) -> str:
    """``[2017, 3, 15]`` → ``2017-03-15`` (0 or a missing part ends the date)."""
    values = []
    for part in numbers[:3]:
        text = str(part).strip()
        if not re.fullmatch(r"-?[0-9]{1,12}", text) or int(text) == 0:
            break
        values.append(int(text))
    if not values:
        return ""
    year = values[0]
    text = f"{year:05d}" if year < 0 else f"{year:04d}"  # -0100, 0950, 2017
    text = f"Y{year}" if abs(year) > 9999 else text
    if len(values) > 1 and (1 <= values[1] <= 12 or 21 <= values[1] <= 24):
        text += f"-{values[1]:02d}"
        if len(values) > 2 and values[1] <= 12:
            text += f"-{values[2]:02d}"
    return text


def _season(value: Any) -> str:
    text = str(value or "").strip().casefold()
    if text in ("1", "2", "3", "4"):
        return str(20 + int(text))
    number = SEASON_NUMBERS.get(text)
    return str(number) if number else ""


def biblatex_date(value: str) -> tuple[str, str]:
    """The BibLaTeX field and text of one of our dates: ``date`` (EDTF is BibLaTeX's own date
    syntax), or ``year`` for a date in words (to be escaped as LaTeX by the writer)."""
    if value != NO_DATE and parse(value) is None and any(c.isalpha() for c in value):
        return "year", value
    return "date", value


def from_biblatex(date: str, year: str = "", month: str = "") -> str:
    """Our date from BibLaTeX's ``date``, else its legacy ``year`` (a number, a range
    ``2017/2019``, words) and ``month`` (``3``, ``03``, ``mar``, ``march``, ``mars``)."""
    if date.strip():
        return from_text(date)
    year_value = from_text(year)
    month_text = month.strip().rstrip(".").casefold()
    number = int(month_text) if month_text.isdigit() else _month_number(month_text)
    if number and is_plain_date(year_value) and len(year_value) == 4 and 1 <= number <= 12:
        return f"{year_value}-{number:02d}"
    return year_value


def _month_number(text: str) -> int:
    return MONTH_NUMBERS.get(text, 0)


def ris_date(value: str) -> list[tuple[str, str]]:
    """``PY`` and ``DA`` for one of our dates: the nearest RIS can say (nothing for « s.d. »)."""
    if value == NO_DATE:
        return []
    if is_plain_date(value):
        return [("PY", value[:4]), ("DA", value.replace("-", "/"))]
    parsed = parse(value)
    point = (parsed.start or parsed.end) if parsed else None
    if point is None:
        return [("DA", value)]  # a date in words, as written
    if not 0 < point.year_number <= 9999:
        return []
    year = f"{point.year_number:04d}"
    if point.is_season:
        return [("PY", year), ("DA", f"{year}///{_RIS_SEASONS[point.month]}")]
    month = point.month if point.month.isdigit() else ""
    day = point.day if point.day.isdigit() and month else ""
    return [("PY", year), ("DA", f"{year}/{month}/{day}/")]


def from_ris(values: list[str]) -> str:
    """Our date from a record's ``DA`` and ``PY`` values: the most precise reading."""
    dates = [from_text(v) for v in values if v.strip()]
    return max(dates, key=len) if dates else ""


def ris_is_exact(value: str) -> bool:
    """Whether ``ris_date`` says all of ``value`` (else the writer adds a note)."""
    return from_ris([text for _, text in ris_date(value)]) == value
