"""``biblio importer``: Zotero exports become records, duplicates are set aside, bad files
write nothing."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from biblio.cli import main
from biblio.importing import detect_format, read_entries
from biblio.validate.runner import load_base
from conftest import FIXTURES

ZOTERO = FIXTURES / "zotero"
TODAY = datetime.date.today().isoformat()


def import_files(root: Path, *names: str, options: tuple[str, ...] = ()) -> int:
    files = [str(ZOTERO / name) if (ZOTERO / name).exists() else name for name in names]
    return main(["importer", *files, *options, "--racine", str(root)])


def record(root: Path, ref_id: str) -> dict[str, object]:
    data = yaml.safe_load((root / "references" / f"{ref_id}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def new_files(root: Path, before: set[str]) -> list[str]:
    return sorted({p.name for p in (root / "references").iterdir()} - before)


@pytest.fixture
def before(repo_copy: Path) -> set[str]:
    return {p.name for p in (repo_copy / "references").iterdir()}


# Each Zotero-style export: the files it creates, and the entries it sets aside as duplicates
# of the repository's records.
EXPORTS = {
    "better-biblatex.bib": (
        ["agence-2021-guide.yaml", "fabrique-2022-enquete.yaml", "sebai-2017-approche.yaml"],
        ["doublon de references/loi-modernisation-2016.yaml (même titre, même année)"],
    ),
    "zotero.ris": (
        ["langlois-2021-ateliers.yaml"],
        ["doublon de references/ars-contrats-locaux-de-sante.yaml (même titre, même année)"],
    ),
    "endnote.ris": (["ministere-2019-maisons.yaml", "ridard-2018-centres.yaml"], []),
    "zotero-csl.json": (
        ["martin-2022-deserts.yaml", "ordonnance-2021-584-2.yaml", "union-2022-guide.yaml"],
        [],
    ),
}


@pytest.mark.parametrize("name", EXPORTS)
def test_zotero_exports_import_and_validate(
    name: str, repo_copy: Path, before: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    created, skipped = EXPORTS[name]
    assert import_files(repo_copy, name) == 0
    out = capsys.readouterr().out
    assert new_files(repo_copy, before) == created
    assert [line.split(" — ")[1] for line in out.splitlines() if line.startswith("doublon")] == (
        skipped
    )
    assert "validation des fiches créées : 0 erreur, 0 avertissement" in out
    report = load_base(repo_copy)
    assert (report.errors, report.warnings) == (0, 0)


def test_better_biblatex_fields(repo_copy: Path) -> None:
    import_files(repo_copy, "better-biblatex.bib")
    guide = record(repo_copy, "agence-2021-guide")
    assert guide["titre"] == (
        "Guide méthodologique des contrats locaux de santé : œuvrer à la coordination"
    )
    assert guide["auteurs"] == [
        {"organisation": "Agence régionale de santé Occitanie"},
        {"nom": "Rivet", "prenom": "Savinien", "particule": "de"},
        {"nom": "Berg", "prenom": "Anna", "particule": "van der"},
    ]
    assert guide["type"] == "rapport"
    assert guide["genre"] == "Guide"
    assert guide["commentaire"] == (
        "Ce guide présente les étapes d'un CLS : diagnostic, *gouvernance* et suivi "
        "(25\u00a0% des contrats & plus)."  # « ~ » is TeX's no-break space
    )
    assert guide["date_ajout"] == TODAY
    web = record(repo_copy, "fabrique-2022-enquete")
    assert (web["type"], web["date"], web["date_consultation"]) == (
        "page-web",
        "2022-04-12",
        "2022-10-03",
    )
    article = record(repo_copy, "sebai-2017-approche")
    assert (article["doi"], article["pages"], article["issn"]) == (
        "10.3917/spub.176.0729",
        "729–733",
        "0995-3914",
    )


def test_the_law_from_better_biblatex_keeps_what_has_no_field(repo_copy: Path) -> None:
    import_files(repo_copy, "better-biblatex.bib", options=("--doublons",))
    law = record(repo_copy, "loi-2016-41")
    assert law["type"] == "loi"
    assert (law["nor"], law["publication"]) == ("SSAX1413225L", "JORF")
    assert law["complements"] == {
        "bibtex:file": "/home/doc/Zotero/storage/AB12CD34/loi.pdf",
        "bibtex:shorttitle": "Loi de modernisation",
    }


def test_endnote_ris_with_bom_crlf_and_multiline_abstract(repo_copy: Path) -> None:
    import_files(repo_copy, "endnote.ris")
    report = record(repo_copy, "ministere-2019-maisons")
    assert report["auteurs"] == [
        {"organisation": "Ministère des Solidarités et de la Santé"},
        {"nom": "Durand", "prenom": "Marie"},
    ]
    assert report["commentaire"] == (
        "Cet état des lieux décrit les MSP de la région.\nIl couvre 120 structures\n"
        "et leurs projets de santé."
    )
    assert (report["type"], report["date"], report["mots_cles"]) == (
        "rapport",
        "2019",
        ["MSP", "exercice coordonné"],
    )
    article = record(repo_copy, "ridard-2018-centres")
    assert (article["pages"], article["date"]) == ("112-130", "2018-05")
    assert article["complements"] == {"ris:N1": "Note de lecture interne"}


def test_csl_json_literal_dates_organisations_and_extra_lines(repo_copy: Path) -> None:
    import_files(repo_copy, "zotero-csl.json")
    guide = record(repo_copy, "union-2022-guide")
    assert guide["date"] == "2022-21"  # from the literal « printemps 2022 »
    assert guide["type"] == "guide"
    assert guide["auteurs"][0] == {
        "organisation": "Union régionale des professionnels de santé Occitanie"
    }
    assert (guide["section"], guide["termes"]) == ("communautes-professionnelles", ["cpts"])
    assert guide["complements"] == {"csl:note": "tex.howpublished: guichet"}
    assert record(repo_copy, "martin-2022-deserts")["date"] == "2022-11"


def test_importing_the_same_file_twice_creates_nothing_the_second_time(
    repo_copy: Path, before: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for name in EXPORTS:
        import_files(repo_copy, name)
    first = new_files(repo_copy, before)
    capsys.readouterr()
    for name in EXPORTS:
        assert import_files(repo_copy, name) == 0
        assert "0 fiche(s) créée(s)" in capsys.readouterr().out
    assert new_files(repo_copy, before) == first


def test_duplicates_inside_one_import_are_caught(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ZOTERO / "zotero.ris").read_text(encoding="utf-8")
    (tmp_path / "deux-fois.ris").write_text(text + "\n" + text, encoding="utf-8")
    assert import_files(base_copy, str(tmp_path / "deux-fois.ris")) == 0
    out = capsys.readouterr().out
    assert "2 fiche(s) créée(s), 0 en brouillon, 2 doublon(s), 0 refusée(s)" in out
    assert "doublon de la fiche" in out


def test_simulation_writes_nothing(
    repo_copy: Path, before: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_files(repo_copy, "zotero-csl.json", options=("--simulation",)) == 0
    assert "serait créée : references/union-2022-guide.yaml" in capsys.readouterr().out
    assert new_files(repo_copy, before) == []


def test_section_option(repo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import_files(repo_copy, "endnote.ris", options=("--section", "centres-de-sante"))
    assert record(repo_copy, "ridard-2018-centres")["section"] == "centres-de-sante"
    assert import_files(repo_copy, "endnote.ris", options=("--section", "inconnue")) == 2
    assert "section inconnue « inconnue »" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "casse.bib",
            "@report{a,\n  title = {T},\n  date = {2020}\n  url = {https://x.fr}\n}\n",
            "refusée : casse.bib:4:1 — notice illisible : « } » attendu : manque-t-il une "
            "virgule à la fin du champ précédent ? [F003]",
        ),
        (
            "casse.json",
            '[\n  {"id": "a", "type": "report",\n   "title": "T" "issued": 2020}\n]\n',
            "refusée : casse.json:3:17 — JSON : virgule attendue [F003]",
        ),
    ],
)
def test_an_unreadable_entry_is_refused_and_the_others_come_in(
    name: str,
    text: str,
    expected: str,
    base_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = {p.name for p in (base_copy / "references").iterdir()}
    good = ZOTERO / "zotero-csl.json"  # a good file in the same run comes in all the same
    (tmp_path / name).write_text(text, encoding="utf-8")
    code = main(["importer", str(good), str(tmp_path / name), "--racine", str(base_copy)])
    out = capsys.readouterr().out
    assert code == 1
    assert expected.replace(f"{name}:", f"{tmp_path / name}:") in out.splitlines()
    assert "3 fiche(s) créée(s), 0 en brouillon, 0 doublon(s), 1 refusée(s)" in out
    assert len(new_files(base_copy, before)) == 3


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "casse.ris",
            "Notice exportée\nTY  - RPRT\nTI  - T\nDA  - 2020\nER  - \n",
            "casse.ris:1:1: avertissement: ligne hors d'une fiche RIS ignorée : "
            "« Notice exportée » [F003]",
        ),
        (
            "date.ris",
            "TY  - ELEC\nTI  - T\nUR  - https://x.fr\nY2  - hier\nER  - \n",
            "date.ris:4:1: avertissement: valeur de « date_consultation » mise de côté dans "
            "« complements » : « hier » [R011]",
        ),
    ],
)
def test_a_problem_in_an_entry_is_a_warning_and_the_entry_comes_in(
    name: str,
    text: str,
    expected: str,
    base_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["importer", str(tmp_path / name), "--racine", str(base_copy)]) == 0
    out = capsys.readouterr().out
    assert expected.replace(f"{name}:", f"{tmp_path / name}:") in out.splitlines()
    assert "1 fiche(s) créée(s), 0 en brouillon, 0 doublon(s), 0 refusée(s)" in out


def test_format_is_detected_from_content_not_extension() -> None:
    assert detect_format("\ufeffTY  - JOUR\r\nER  - \r\n", "export.txt") == "ris"
    assert detect_format("% commentaire\n@online{a,\n}", "export.txt") == "bibtex"
    assert detect_format('  [{"id": "a"}]', "export.bib") == "csljson"
    assert detect_format("rien", "x.ris") == "ris"
    assert detect_format("rien", "x.txt") is None


def test_a_latin1_file_is_refused_with_its_position(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "latin1.ris").write_bytes("TY  - RPRT\nTI  - Santé\nER  - \n".encode("latin-1"))
    assert import_files(base_copy, str(tmp_path / "latin1.ris")) == 1
    assert ":2:11 — encodage invalide" in capsys.readouterr().out


def test_a_second_ris_value_for_a_field_is_kept_not_dropped() -> None:
    text = (
        "TY  - JOUR\nTI  - T\nT2  - Revue A\nJO  - Rev. A\nSN  - 1234-5678\n"
        "SN  - 978-2-1234-5680-3\nDA  - 2020/01/02\nDA  - 2021\nM1  - 3\nER  - \n"
    )
    (raw,), problems = read_entries(text.encode(), "x.ris")
    assert problems == []
    assert (raw.data["publication"], raw.data["issn"], raw.data["date"]) == (
        "Revue A",
        "1234-5678",
        "2020-01-02",
    )
    assert raw.data["isbn"] == "978-2-1234-5680-3"  # SN holds both: each goes to its field
    assert raw.data["complements"] == {
        "ris:JO": "Rev. A",
        "ris:DA": "2021",
        "ris:M1": "3",
    }
