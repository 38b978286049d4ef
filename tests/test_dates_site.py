"""Dates in the new forms, typed in YAML records: validated, shown, browsed and sorted."""

from __future__ import annotations

from pathlib import Path

import pytest

from biblio.cli import main
from biblio.render.pages import generated_pages
from biblio.validate.runner import load_base

# As a documentalist types them: YAML needs no quotes for any of these.
TYPED = {
    "saison": "2017-22",
    "intervalle": "2017/2019",
    "ouvert": "2017/..",
    "approx": "2017~",
    "incertaine": "2017?",
    "ancienne": "0950",
    "antique": "-0100",
    "decennie": "201X",
    "siecle": "XIIIe siècle",
}


def _base(base_copy: Path) -> Path:
    for name, date in TYPED.items():
        (base_copy / "references" / f"{name}.yaml").write_text(
            f"type: rapport\ntitre: Rapport {name}\ndate: {date}\n", encoding="utf-8"
        )
    (base_copy / "references" / "loi-antique.yaml").write_text(
        "type: loi\ntitre: Loi ancienne\ndate: -0450~\n", encoding="utf-8"
    )
    return base_copy


def test_typed_forms_validate_and_a_date_in_words_warns(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["valider", "--racine", str(_base(base_copy))]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "references/siecle.yaml:3:7: avertissement: date en texte libre « XIIIe siècle » "
        "gardée telle quelle (formes reconnues : AAAA, AAAA-MM, AAAA-MM-JJ, saison AAAA-21 à "
        "AAAA-24, intervalle AAAA/AAAA ou AAAA/.., date incertaine AAAA? ou approximative "
        "AAAA~, ou « s.d. » si inconnue) [R010]",
        "0 erreur, 1 avertissement",
    ]


def test_pages_show_sort_and_file_the_new_forms(base_copy: Path) -> None:
    report = load_base(_base(base_copy), use_cache=False)
    refs = {r.id: r for r in report.corpus.references}
    assert refs["antique"].year == "-0100"
    pages = generated_pages(report.corpus, "https://exemple.fr/", report.donnees)
    assert "| Date | été 2017 |" in pages["references/saison.md"]
    assert "| Date | 100 av. J.-C. |" in pages["references/antique.md"]
    assert "| Date | XIIIe siècle |" in pages["references/siecle.md"]
    years = pages["parcourir/annees.md"]
    order = [years.index(f"[{label}]") for label in ("2017", "2016", "2010", "950")]
    assert order == sorted(order)  # newest first
    assert years.index("[950]") < years.index("[100 av. J.-C.]") < years.index("[Sans date]")
    assert "parcourir/annees/av-0100.md" in pages
    assert "parcourir/annees/0100.md" not in pages
    assert "# 100 av. J.-C." in pages["parcourir/annees/av-0100.md"]
    # « XIIIe siècle » has no year: filed « Sans date », as « s.d. » is.
    assert "Rapport siecle" in pages["parcourir/annees/sans-date.md"]
    timeline = pages["connaissances/chronologie.md"]
    assert "de 450 av. J.-C. à 2009." in timeline
    assert timeline.index("| vers 450 av. J.-C. |") < timeline.index("| 2009-07-21 |")
    statistics = pages["connaissances/statistiques.md"]
    assert statistics.index("| 100 av. J.-C. |") < statistics.index("| 950 |")
    assert statistics.index("| 950 |") < statistics.index("| 2010 |")


RIS_EXPORT = """TY  - RPRT
TI  - Rapport saisonnier
PY  - 2017
DA  - 2017///Summer
ER  -

TY  - BOOK
TI  - Chartes anciennes
PY  - 13th cent
ER  -

TY  - RPRT
TI  - Rapport pluriannuel
PY  - 2017-2019
ER  -
"""
CSL_EXPORT = """[
  {"id": "a", "type": "report", "title": "Rapport circa", "issued": {"literal": "ca. 1850"}},
  {"id": "b", "type": "report", "title": "Rapport saison",
   "issued": {"date-parts": [[2018, 23]]}},
  {"id": "c", "type": "report", "title": "Rapport intervalle",
   "issued": {"date-parts": [[2018, 3], [2018, 6]]}}
]
"""
BIB_EXPORT = """@report{d1, title = {Rapport EDTF}, date = {2019~}}
@report{d2, title = {Rapport ancien}, year = {2019/2020}}
@report{d3, title = {Rapport mois}, year = {2019}, month = {mar}}
"""


def test_imports_keep_the_dates_as_libraries_write_them(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = {"dates.ris": RIS_EXPORT, "dates.json": CSL_EXPORT, "dates.bib": BIB_EXPORT}
    for name, text in exports.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [str(tmp_path / name) for name in exports]
    main(["importer", *files, "--racine", str(base_copy)])
    capsys.readouterr()
    report = load_base(base_copy, use_cache=False)
    found = {r.titre: r.date for r in report.corpus.references}
    assert found["Rapport saisonnier"] == "2017-22"
    assert found["Chartes anciennes"] == "13th cent"
    assert found["Rapport pluriannuel"] == "2017/2019"
    assert found["Rapport circa"] == "1850~"
    assert found["Rapport saison"] == "2018-23"
    assert found["Rapport intervalle"] == "2018-03/2018-06"
    assert (found["Rapport EDTF"], found["Rapport ancien"]) == ("2019~", "2019/2020")
    assert found["Rapport mois"] == "2019-03"
    assert [d.code for d in report.diagnostics] == ["R010"]  # the date in words, kept
