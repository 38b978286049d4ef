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
