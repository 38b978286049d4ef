"""Dates of records: checking, French rendering, sorting, exchange formats (pure).

- ``model``: the plain forms (AAAA, AAAA-MM, AAAA-MM-JJ, « s.d. ») checked without a parser,
  EDTF level 1 read with the ``edtf`` package, why a value is refused, how it sorts;
- ``french``: the forms in French words (« été 2017 », « vers 2017 », « 2017-2019 »);
- ``text``: dates as exports write them (« Spring 2017 », « ca. 1850 », ``2019/03/05/``);
- ``formats``: CSL-JSON, BibLaTeX and RIS dates, written and read.
"""

from biblio.dates.formats import (
    biblatex_date,
    csl_date,
    from_biblatex,
    from_csl_date,
    from_ris,
    ris_date,
    ris_is_exact,
)
from biblio.dates.french import display, french, year_label
from biblio.dates.model import (
    NO_DATE,
    DateValue,
    Point,
    date_problem,
    is_literal,
    is_plain_date,
    parse,
    sort_key,
    year_of,
)
from biblio.dates.text import from_text

__all__ = [
    "NO_DATE",
    "DateValue",
    "Point",
    "biblatex_date",
    "csl_date",
    "date_problem",
    "display",
    "french",
    "from_biblatex",
    "from_csl_date",
    "from_ris",
    "from_text",
    "is_literal",
    "is_plain_date",
    "parse",
    "ris_date",
    "ris_is_exact",
    "sort_key",
    "year_label",
    "year_of",
]
