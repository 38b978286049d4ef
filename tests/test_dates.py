"""Dates: the plain forms, EDTF level 1, dates in words; French, sorting, exchange formats."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio import dates
from biblio.cite import format_citation
from biblio.convert import bibtex, csljson, ris
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Position, Reference
from biblio.validate.record import check_record
from conftest import TESTS

# Every form we accept, with its French words (« \u202f » is French's narrow no-break space).
FRENCH = {
    "2017": "2017",
    "2017-03": "mars 2017",
    "2017-03-01": "1er mars 2017",
    "2017-03-15": "15 mars 2017",
    "2017-21": "printemps 2017",
    "2017-22": "été 2017",
    "2017-23": "automne 2017",
    "2017-24": "hiver 2017",
    "2017/2019": "2017-2019",
    "2017-03/2017-06": "mars-juin 2017",
    "2017-03-15/2017-03-20": "15-20 mars 2017",
    "2017-03-15/2017-06-02": "15 mars-2 juin 2017",
    "2017-03/2018-06": "mars 2017 – juin 2018",
    "2017-21/2017-22": "printemps-été 2017",
    "2017/..": "depuis 2017",
    "2017-03-15/..": "depuis le 15 mars 2017",
    "2017-22/..": "depuis l'été 2017",
    "../2017": "jusqu'en 2017",
    "../2017-03-15": "jusqu'au 15 mars 2017",
    "../2017-21": "jusqu'au printemps 2017",
    "../2017-23": "jusqu'à l'automne 2017",
    "2017/": "à partir de 2017 (fin inconnue)",
    "2017-21/": "à partir du printemps 2017 (fin inconnue)",
    "/2017": "jusqu'en 2017 (début inconnu)",
    "2017?": "2017 (date incertaine)",
    "2017~": "vers 2017",
    "2017%": "vers 2017 (date incertaine)",
    "2017-03~": "vers mars 2017",
    "2017~/..": "depuis 2017 environ",
    "1850~/1860~": "vers 1850-1860",
    "2017?/2019?": "2017-2019 (dates incertaines)",
    "2017~/2019": "vers 2017 – 2019",
    "0950": "950",
    "-0100": "100 av. J.-C.",
    "-0100/0050": "100 av. J.-C. – 50 apr. J.-C.",
    "Y170000": "170\u202f000",
    "Y-12000": "12\u202f000 av. J.-C.",
    "201X": "années 2010",
    "19XX": "entre 1900 et 1999",
    "2017-XX": "2017 (mois inconnu)",
    "2017-03-XX": "mars 2017 (jour inconnu)",
}
PLAIN = ("2017", "2017-03", "2017-03-01", "2017-03-15")
EDTF = [value for value in FRENCH if value not in PLAIN]


@pytest.mark.parametrize(("value", "words"), FRENCH.items())
def test_each_form_in_french(value: str, words: str) -> None:
    assert dates.french(value) == words
    assert dates.date_problem(value) is None


def test_golden_renderings_and_exports(check_golden: Callable[[Path, str], None]) -> None:
    """Each form: French words, house style, CSL-JSON, BibLaTeX, RIS (reviewed by hand)."""
    lines = []
    for value in [*FRENCH, "s.d.", "13th cent"]:
        csl = json.dumps(dates.csl_date(value), ensure_ascii=False)
        field, text = dates.biblatex_date(value)
        tags = " ".join(f"{tag}  - {text}" for tag, text in dates.ris_date(value))
        note = "" if dates.ris_is_exact(value) else f" + N1  - biblio:date: {value}"
        lines += [
            f"[{value}]",
            f"  français : {dates.french(value)}",
            f"  citation : {dates.display(value)}",
            f"  CSL-JSON : {csl}",
            f"  BibLaTeX : {field} = {{{text}}}",
            f"  RIS : {tags}{note}",
        ]
    check_golden(TESTS / "golden" / "dates.txt", "\n".join(lines) + "\n")


def test_plain_dates_and_words_are_displayed_as_written() -> None:
    # The house style prints plain dates as in the printed edition.
    for value in (*PLAIN, "s.d.", "13th cent"):
        assert dates.display(value) == value
    assert dates.display("2017-22") == "été 2017"
    assert dates.display("0950") == "950"  # no leading zero in print


INVALID = {
    "2016-13": "mois « 13 » inexistant",
    "2017-42": "mois « 42 » inexistant",
    "2017-25": "forme EDTF de niveau 2 ou heure, non prises en charge",  # a level 2 season
    "2017-02-29": "le 29/02/2017 n'existe pas",
    "2017-02-29~": "le 29/02/2017 n'existe pas",
    "0000": "l'année 0 n'existe pas (l'an 1 avant notre ère s'écrit -0001)",
    "2017-03/2016": "la fin (2016) précède le début (2017-03)",
    "2004-06~-11": "forme EDTF de niveau 2 ou heure, non prises en charge",
    "{1667,1668}": "forme EDTF de niveau 2 ou heure, non prises en charge",
    "2017-01-01T10:00:00": "",
    "2017-1": "",
    "../..": "intervalle sans aucune date (« ../.. »)",
    "17": "",
    "2017..2019": "",
    "٢٠١٧": "",  # digits, but not ASCII ones
}


@pytest.mark.parametrize(("value", "problem"), INVALID.items())
def test_invalid_values_say_why(value: str, problem: str) -> None:
    assert dates.date_problem(value) == problem
    assert dates.parse(value) is None


def _check(value: object, field: str = "date") -> tuple[dict[str, object], list[str]]:
    data = {"type": "rapport", "titre": "T", "date": "2017", field: value}
    raw = RawRecord("reference", "x", data, Marks("references/x.yaml"), Position("f"))
    values, problems = check_record(raw)
    return values, [p.format() for p in problems]


EXPECTED_FORMS = (
    "attendu AAAA, AAAA-MM, AAAA-MM-JJ, saison AAAA-21 à AAAA-24, intervalle AAAA/AAAA ou "
    "AAAA/.., date incertaine AAAA? ou approximative AAAA~, ou « s.d. » si inconnue"
)


@pytest.mark.parametrize("value", [*FRENCH, "s.d."])
def test_validator_accepts_every_form(value: str) -> None:
    assert _check(value) == ({"type": "rapport", "titre": "T", "date": value}, [])
    assert _check(value, "date_maj") == (
        {"type": "rapport", "titre": "T", "date": "2017", "date_maj": value},
        [],
    )


def test_validator_diagnostics_are_exact() -> None:
    assert _check("2016-13")[1] == [
        f"references/x.yaml:1:1: erreur: date invalide « 2016-13 » : mois « 13 » inexistant "
        f"({EXPECTED_FORMS}) [R004]"
    ]
    assert _check("2017-03/2016")[1] == [
        "references/x.yaml:1:1: erreur: date invalide « 2017-03/2016 » : la fin (2016) "
        f"précède le début (2017-03) ({EXPECTED_FORMS}) [R004]"
    ]
    assert _check("2017 - 2019")[1] == [
        "references/x.yaml:1:1: erreur: date invalide « 2017 - 2019 » — vouliez-vous dire "
        f"« 2017/2019 » ? ({EXPECTED_FORMS}) [R004]"
    ]
    # Full dates stay AAAA-MM-JJ only: no EDTF in date_consultation, date_ajout…
    assert _check("2017~", "date_consultation")[1] == [
        "references/x.yaml:1:1: erreur: date invalide « 2017~ » (attendu AAAA-MM-JJ) [R004]"
    ]


def test_dates_in_words_are_kept_with_a_warning() -> None:
    values, problems = _check("13th cent")
    assert values["date"] == "13th cent"
    assert problems == [
        "references/x.yaml:1:1: avertissement: date en texte libre « 13th cent » gardée telle "
        f"quelle (formes reconnues : {EXPECTED_FORMS.removeprefix('attendu ')}) [R010]"
    ]
    values, problems = _check("printemps 2017")
    assert values["date"] == "printemps 2017"
    assert "vouliez-vous dire « 2017-21 » ?" in problems[0]
    assert problems[0].endswith("[R010]")


FROM_TEXT = {
    "2019": "2019",
    "2019/03/05/": "2019-03-05",
    "2019/03//": "2019-03",
    "2019-3": "2019-03",
    "2019.03.05": "2019-03-05",
    "2019-03-05 10:00": "2019-03-05",
    "2019-03-05T10:00:00Z": "2019-03-05",
    "2017///Spring": "2017-21",
    "2017///Fall": "2017-23",
    "2017-2019": "2017/2019",
    "2017 – 2019": "2017/2019",
    "2017/2019": "2017/2019",
    "ca. 1850": "1850~",
    "c. 1850": "1850~",
    "circa 1850": "1850~",
    "vers 1850": "1850~",
    "1850 environ": "1850~",
    "[ca 1850]": "1850~",
    "ca. 1850-1860": "1850~/1860~",
    "1850 ?": "1850?",
    "[1850?]": "1850?",
    "[2017]": "2017",
    "March 2017": "2017-03",
    "juin 2021": "2021-06",
    "15 mars 2017": "2017-03-15",
    "1er mars 2017": "2017-03-01",
    "March 15, 2017": "2017-03-15",
    "Spring 2017": "2017-21",
    "printemps 2017": "2017-21",
    "été 2017": "2017-22",
    "Winter 2017": "2017-24",
    "s. d.": "s.d.",
    "n.d.": "s.d.",
    "Sans date": "s.d.",
    "13th cent": "13th cent",
    "XIIIe  siècle": "XIIIe siècle",
    "copyright 2017": "copyright 2017",
    "2017-02-30": "2017-02-30",
}


@pytest.mark.parametrize(("text", "expected"), FROM_TEXT.items())
def test_dates_as_exports_write_them(text: str, expected: str) -> None:
    assert dates.from_text(text) == expected


def _reference(date: str) -> Reference:
    return Reference(id="x", type="rapport", titre="T", position=Position("f"), date=date)


SORTED = ["../0050", "-0100", "0950", "1850~/1860~", "2016", "2017-21", "2017-06~", "2017/.."]


def test_years_and_sorting() -> None:
    years = {value: _reference(value).year for value in FRENCH}
    assert years["2017/2019"] == years["2017-21"] == years["2017~"] == "2017"
    assert years["../2017"] == "2017"  # an open start: by its end
    assert (years["-0100"], years["0950"], years["201X"], years["Y170000"]) == (
        "-0100",
        "0950",
        "2010",
        "170000",
    )
    assert _reference("s.d.").year == _reference("13th cent").year == ""
    assert _reference("ca. 1850, rev. 1870").year == "1850"  # words: their first year
    assert sorted(SORTED, key=dates.sort_key) == [
        "-0100",
        "../0050",
        "0950",
        "1850~/1860~",
        "2016",
        "2017/..",
        "2017-21",
        "2017-06~",
    ]
    assert dates.year_label("-0100") == "100 av. J.-C."


@pytest.mark.parametrize("value", EDTF)
def test_new_forms_in_citations(value: str) -> None:
    citation = format_citation(_reference(value)).text
    assert citation == f"T, {dates.french(value)}"


def test_citation_with_update_date() -> None:
    citation = format_citation(dataclasses.replace(_reference("2017-22"), date_maj="2019~"))
    assert citation.text == "T, été 2017, màj vers 2019"


CSL = {
    "2017-21": {"date-parts": [[2017]], "season": 1},
    "2017/2019": {"date-parts": [[2017], [2019]]},
    "2017-03/2017-06": {"date-parts": [[2017, 3], [2017, 6]]},
    "2017-21/2017-22": {"date-parts": [[2017, 21], [2017, 22]]},
    "2017~": {"date-parts": [[2017]], "circa": True},
    "1850~/1860~": {"date-parts": [[1850], [1860]], "circa": True},
    "2017?": {"date-parts": [[2017]], "raw": "2017?"},
    "2017/..": {"date-parts": [[2017]], "raw": "2017/.."},
    "-0100": {"date-parts": [[-100]]},
    "0950": {"date-parts": [[950]]},
    "13th cent": {"literal": "13th cent"},
    "s.d.": {"literal": "s.d."},
    "2016-11": {"date-parts": [[2016, 11]]},
}


@pytest.mark.parametrize(("value", "item"), CSL.items())
def test_csl_dates(value: str, item: dict[str, object]) -> None:
    assert dates.csl_date(value) == item
    assert dates.from_csl_date(item) == value


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"date-parts": [[2017, 22]]}, "2017-22"),  # CSL's pseudo-month for summer
        ({"date-parts": [["2017", "3"]], "season": "x"}, "2017-03"),
        ({"date-parts": [[2017]], "season": "Spring"}, "2017-21"),
        ({"date-parts": [[2017]], "season": 3}, "2017-23"),
        ({"date-parts": [[2017]], "circa": "1"}, "2017~"),
        ({"date-parts": [[2017, 0, 0]]}, "2017"),
        ({"date-parts": [[2017], [2017]]}, "2017"),
        ({"raw": "2017-03-05"}, "2017-03-05"),
        ({"raw": "Spring 2017"}, "2017-21"),
        ({"literal": "ca. 1850"}, "1850~"),
        ({"literal": "13th cent"}, "13th cent"),
        ({"raw": "2017~", "date-parts": [[2017]]}, "2017~"),
        ("2017", "2017"),
        ({}, ""),
        ({"date-parts": [["¹"]], "literal": "s.d."}, "s.d."),  # not a digit int() reads
        ({"date-parts": [["9" * 5000]]}, ""),  # beyond int()'s limit
    ],
)
def test_csl_dates_as_others_write_them(item: object, expected: str) -> None:
    assert dates.from_csl_date(item) == expected


@pytest.mark.parametrize(
    ("date", "year", "month", "expected"),
    [
        ("2017/2019", "", "", "2017/2019"),
        ("2017-21", "", "", "2017-21"),
        ("", "2017", "mar", "2017-03"),
        ("", "2017", "3", "2017-03"),
        ("", "2017", "mars", "2017-03"),
        ("", "2017/2019", "", "2017/2019"),
        ("", "13th cent", "", "13th cent"),
        ("", "2017~", "3", "2017~"),
    ],
)
def test_biblatex_dates_read(date: str, year: str, month: str, expected: str) -> None:
    assert dates.from_biblatex(date, year, month) == expected


def test_ris_dates() -> None:
    assert dates.ris_date("2016-11") == [("PY", "2016"), ("DA", "2016/11")]
    assert dates.ris_date("2017-21") == [("PY", "2017"), ("DA", "2017///Spring")]
    assert dates.ris_date("2017-03~") == [("PY", "2017"), ("DA", "2017/03//")]
    assert dates.ris_date("-0100") == []
    assert dates.ris_is_exact("2017-21")
    assert not dates.ris_is_exact("2017/2019")
    assert dates.from_ris(["2017///Spring", "2017"]) == "2017-21"


ROUND_TRIP = [*EDTF, "s.d.", "13th cent", "2016-11"]


@pytest.mark.parametrize("value", [*ROUND_TRIP, "50 % {environ} ~ 1850"])
@pytest.mark.parametrize("field", ["date", "date_maj"])
@pytest.mark.parametrize("module", [bibtex, ris, csljson], ids=["bibtex", "ris", "csljson"])
def test_each_form_survives_export_then_import(module: object, field: str, value: str) -> None:
    ref = dataclasses.replace(_reference("2016"), **{field: value})
    raws, problems = module.parse(module.dump([ref]), "export")  # type: ignore[attr-defined]
    assert problems == []
    assert raws[0].data[field] == value


@pytest.mark.parametrize("value", ROUND_TRIP)
def test_csl_date_survives_without_our_custom_data(value: str) -> None:
    """What Zotero gives back (no ``custom``): the CSL date alone carries the value."""
    items = json.loads(csljson.dump([_reference(value)]))
    del items[0]["custom"]
    raws, _ = csljson.parse(json.dumps(items), "export")
    assert raws[0].data["date"] == value


def test_ris_writes_a_note_only_when_it_cannot_say_the_date() -> None:
    assert "biblio:date" not in ris.dump([_reference("2017-21")])
    text = ris.dump([_reference("2017/2019")])
    assert "PY  - 2017\nDA  - 2017///\n" in text
    assert "N1  - biblio:date: 2017/2019\n" in text


def test_bibtex_writes_edtf_in_date_and_words_in_year() -> None:
    assert "  date = {2017-21},\n" in bibtex.dump([_reference("2017-21")])
    assert "  year = {13th cent \\& more},\n" in bibtex.dump([_reference("13th cent & more")])


EDTF_ALPHABET = st.text(alphabet="0123456789X?~%/.-Y ", max_size=25)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), EDTF_ALPHABET, st.sampled_from(ROUND_TRIP)))
def test_any_text_gives_a_date_or_a_reason_never_an_exception(text: str) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        problem = dates.date_problem(text)
        parsed = dates.parse(text)
        shown = dates.french(text)
        normalised = dates.from_text(text)
        dates.sort_key(text)
        dates.year_of(text)
    assert out.getvalue() == ""  # the parser prints nothing
    assert (problem is None) == (parsed is not None)
    assert isinstance(shown, str)
    assert isinstance(normalised, str)
    if parsed is not None:
        assert shown
        assert "None" not in shown
        assert dates.from_csl_date(dates.csl_date(text)) == text
        assert dates.from_biblatex(dates.biblatex_date(text)[1]) == text
        assert dates.from_text(text) == text
    if dates.date_problem(normalised) is None and normalised != dates.NO_DATE:
        assert dates.from_text(normalised) == normalised  # reading twice changes nothing


def test_biber_reads_every_form_of_our_biblatex_export(tmp_path: Path) -> None:
    biber = shutil.which("biber")
    if biber is None:
        if os.environ.get("CI"):
            pytest.fail("biber absent : .ci/run doit l'installer (paquet Debian)")
        pytest.skip("biber absent (paquet Debian ; obligatoire en CI)")
    refs = [dataclasses.replace(_reference(v), id=f"d{i}") for i, v in enumerate(EDTF)]
    (tmp_path / "dates.bib").write_text(bibtex.dump(refs), encoding="utf-8")
    result = subprocess.run(
        [biber, "--tool", "dates.bib"], cwd=tmp_path, capture_output=True, text=True
    )
    log = (tmp_path / "dates.bib.blg").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARN" not in log, log
    assert "ERROR" not in log, log
    rewritten = (tmp_path / "dates_bibertool.bib").read_text(encoding="utf-8")
    entries = rewritten.split("\n@")
    assert len(entries) == len(EDTF)
    # No date dropped (biber writes a range with an open start as its end year).
    assert all("  DATE = {" in e or "  ENDYEAR = {" in e for e in entries)


def test_author_year_label_of_a_date_before_our_era() -> None:
    from biblio.render.text import label

    assert label(_reference("-0100~")) == "(100 av. J.-C.)"
    assert label(_reference("2017/2019")) == "(2017)"


@pytest.mark.parametrize("value", ROUND_TRIP)
def test_each_form_survives_the_record_writer(value: str) -> None:
    """What ``biblio importer`` writes reads back the same (``-0100`` needs its quotes)."""
    from biblio.convert import yaml_record
    from biblio.load.yaml_tree import parse_yaml

    text = yaml_record.dump(_reference(value))
    assert parse_yaml(text, "x.yaml").data["date"] == value


def test_the_parser_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """``edtf`` prints when one of its classes fails: ``--format json`` must stay JSON."""
    from biblio.dates import model

    model._edtf_object.cache_clear()
    assert dates.date_problem("../2-0?94595") == ""
    assert capsys.readouterr().out == ""
