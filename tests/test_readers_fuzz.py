"""Property tests: any text given to a reader yields records or located diagnostics, never an
exception (bounded budget: the suite stays fast)."""

from __future__ import annotations

import json
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from biblio import dates
from biblio.convert import bibtex, csljson, ris
from biblio.convert.common import date_from_text
from biblio.diagnostics import ERROR, Diagnostic
from biblio.importing import plan_import
from biblio.load.raw import RawRecord
from biblio.model import Corpus

# No example database, caches in a scratch folder: tests never write into the working tree.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="biblio-hypothesis-"))
BUDGET = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of each syntax, so that generated texts reach the readers' inner paths.
BIBTEX_PIECES = st.sampled_from(
    ["@", "@article", "@string", "@xdata", "@comment", "{", "}", "(", ")", ",", "=", "#", '"',
     "\n", " ", "a", "title", "crossref", "xdata", "year", "2020", "\\'e", "%", "key"]
)  # fmt: skip
RIS_PIECES = st.sampled_from(
    ["TY  - ", "ER  - ", "AU  - ", "TI  - ", "SN  - ", "DA  - ", "PY  - ", "N1  - biblio:",
     "\n", "\r\n", " ", "JOUR", "Journal Article", "x", ",", "2020", "\\", "\u2028"]
)  # fmt: skip
JSON_PIECES = st.sampled_from(
    ["[", "]", "{", "}", ",", ":", '"type"', '"title"', '"issued"', '"author"', '"custom"',
     '"date-parts"', '"x"', "1", "null", "true", '"note"', '"biblio:date: x"', " ", "\n"]
)  # fmt: skip


def _texts(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=200), st.lists(pieces, max_size=60).map("".join))


_VALUES = st.one_of(st.text(max_size=30), st.sampled_from(["2020", "10.1/x", "0014-2085", ""]))
_NAMES = st.sampled_from(
    ["title", "author", "editor", "year", "date", "doi", "isbn", "issn", "pagetotal", "url",
     "crossref", "xdata", "typedoc", "journal", "keywords", "langid", "urldate", "brouillon",
     "complements", "numero", "et_al", "section"]
)  # fmt: skip
# Well-formed entries with any values: they reach the field checks and the import plan.
BIBTEX_ENTRIES = st.lists(
    st.tuples(
        st.sampled_from(["article", "book", "misc", "xdata", "inbook", "thing", "string"]),
        st.sampled_from(["a", "b", "a"]),
        st.lists(st.tuples(_NAMES, _VALUES), max_size=6),
    ),
    max_size=5,
).map(
    lambda entries: "\n".join(
        f"@{kind}{{{key},"
        + ",".join(
            f"{name} = {{{value.replace('{', '').replace('}', '')}}}" for name, value in fields
        )
        + "}"
        for kind, key, fields in entries
    )
)
RIS_TAGS = st.sampled_from(
    ["TY", "AU", "TI", "T2", "SN", "DA", "PY", "N1", "UR", "DO", "KW", "SP", "EP", "LA", "Y2",
     "ER", "ID", "M3"]
)  # fmt: skip
RIS_LINES = st.lists(
    st.one_of(
        st.tuples(RIS_TAGS, _VALUES).map(lambda t: f"{t[0]}  - {t[1]}"),
        st.sampled_from(["N1  - biblio:termes: x", "N1  - biblio:auteurs: x", "TY  - Book"]),
        st.text(max_size=20),
    ),
    max_size=30,
).map("\n".join)
_CSL_KEYS = st.one_of(
    _NAMES, st.sampled_from(["custom", "issued", "type", "id", "note", "date-parts"])
)
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), _VALUES),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_CSL_KEYS, inner, max_size=5)
    ),
    max_leaves=20,
)
CSL_ITEMS = st.lists(_JSON, max_size=4).map(json.dumps)


def _check(records: list[RawRecord], problems: list[Diagnostic], fmt: str) -> None:
    """Located diagnostics, and every entry in exactly one state: created (or as a draft),
    duplicate, or refused (an error of the reader, for an entry that gave no record)."""
    assert all(isinstance(d, Diagnostic) and d.ligne >= 1 for d in problems)
    for raw in records:
        raw.exchange_format = fmt
    plan = plan_import(Corpus(), records, "2026-01-01")
    assert len(plan.created) + len(plan.skipped) == len(records)
    assert len({c.path for c in plan.created}) == len(plan.created)  # one file each
    # The only errors are the readers' refusals (unreadable entry or file): never a record
    # that is both created and refused.
    assert {d.code for d in problems if d.gravite == ERROR} <= {"F003", "F013"}


@BUDGET
@given(st.one_of(_texts(BIBTEX_PIECES), BIBTEX_ENTRIES))
def test_bibtex_reader_never_raises(text: str) -> None:
    _check(*bibtex.parse(text, "x.bib"), "bibtex")


@BUDGET
@given(st.one_of(_texts(RIS_PIECES), RIS_LINES))
def test_ris_reader_never_raises(text: str) -> None:
    _check(*ris.parse(text, "x.ris"), "ris")


@BUDGET
@given(st.one_of(_texts(JSON_PIECES), CSL_ITEMS))
def test_csljson_reader_never_raises(text: str) -> None:
    records, problems = csljson.parse(text, "x.json")
    _check(records, problems, "csljson")
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return
    if isinstance(document, list):  # each item: one record, or one refusal
        refused = [d for d in problems if d.gravite == ERROR]
        assert len(records) + len(refused) == len(document)


_DATE_VALUES = st.one_of(
    st.sampled_from(
        ["2001", "2001/09/01/", "2013/04/18", "2019///", "99", "YEAR/MONTH/DAY/", "///",
         "2013/02/15/received", "vers 2017", "2017-21", "s.d.", "2001/00/00/"]
    ),
    st.text(alphabet="0123456789/-ab ", min_size=1, max_size=12),
).map(str.strip).filter(bool)  # fmt: skip
_DATE_LINES = st.lists(st.tuples(st.sampled_from(["PY", "Y1", "DA"]), _DATE_VALUES), max_size=6)


def _is_date(value: str) -> bool:
    return dates.date_problem(date_from_text(value)) is None


@BUDGET
@given(_DATE_LINES, st.one_of(st.none(), _DATE_VALUES))
def test_several_ris_dates_keep_every_value_and_read_the_first_that_is_a_date(
    lines: list[tuple[str, str]], noted: str | None
) -> None:
    """Whatever date lines a record has (and our ``biblio:date`` note or not): no value is lost
    (each is the date's source or kept in ``ris:TAG``); without a note, the first PY/Y1 that is a
    date is the one read."""
    body = [f"{tag}  - {value}" for tag, value in lines]
    note = [f"N1  - biblio:date: {noted}"] if noted is not None else []
    text = "\n".join(["TY  - JOUR", "TI  - T", *body, *note, "ER  - ", ""])
    ((record,), _) = ris.parse(text, "x.ris")
    kept = record.data.get("complements", {})
    taken: dict[str, list[str]] = {}
    for tag in ("PY", "Y1", "DA"):
        remaining = kept.get(f"ris:{tag}", "").split("\n") if f"ris:{tag}" in kept else []
        given_values = [v for t, v in lines if t == tag]
        for value in remaining:  # each kept value was given (none invented, none doubled)
            given_values.remove(value)
        taken[tag] = given_values
    if noted is not None:  # only the forms our writer derives from the note are taken
        derived = {(t, v) for t, v in dates.ris_date(str(record.data["date"]))}
        assert all((t, v) in derived for t, values in taken.items() for v in values)
        return
    year_lines = taken["PY"] + taken["Y1"]
    assert len(year_lines) <= 1
    assert len(taken["DA"]) <= 1
    assert bool(year_lines or taken["DA"]) == ("date" in record.data)
    candidates = [v for t, v in lines if t in ("PY", "Y1")]
    if any(_is_date(v) for v in candidates):
        assert year_lines == [next(v for v in candidates if _is_date(v))]
