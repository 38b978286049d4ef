"""``biblio ajouter``: a complete record skeleton from options, never overwriting."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from biblio.cli import main
from biblio.validate.runner import load_base


def add(root: Path, *options: str) -> int:
    return main(["ajouter", *options, "--racine", str(root)])


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)


def test_options_give_a_valid_record_and_its_path(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = add(
        repo_copy,
        *("--type", "rapport", "--titre", "Les CPTS en 2024", "--date", "2024"),
        *("--auteur", "de Rivet, Jean", "--auteur", "ARS Occitanie"),
        *("--section", "communautes-professionnelles", "--numero", "suivant"),
    )
    assert code == 0
    assert capsys.readouterr().out == "references/rivet-2024-cpts.yaml\n"
    text = (repo_copy / "references" / "rivet-2024-cpts.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {
        "type": "rapport",
        "titre": "Les CPTS en 2024",
        "auteurs": [
            {"nom": "Rivet", "prenom": "Jean", "particule": "de"},
            {"organisation": "ARS Occitanie"},
        ],
        "date": "2024",
        "date_ajout": datetime.date.today().isoformat(),
        "section": "communautes-professionnelles",
        "numero": 44,  # the repository's references are numbered 1 to 43
    }
    assert "# commentaire: |" in text  # what is left to fill in, as comments
    assert load_base(repo_copy).errors == 0


def test_required_fields_of_the_type_are_asked_for(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(repo_copy, "--type", "page-web", "--titre", "Une page") == 2
    assert "à indiquer : --url" in capsys.readouterr().err
    assert add(repo_copy, "--titre", "Sans type") == 2
    assert "à indiquer : --type" in capsys.readouterr().err


def test_bad_values_are_refused_in_french(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(repo_copy, "--type", "rapport", "--titre", "T", "--date", "2016-13") == 2
    assert "date invalide « 2016-13 »" in capsys.readouterr().err
    assert add(repo_copy, "--type", "raport", "--titre", "T", "--date", "2016") == 2
    assert "vouliez-vous dire « rapport » ?" in capsys.readouterr().err
    assert (
        add(repo_copy, "--type", "rapport", "--titre", "T", "--date", "2016", "--numero", "3") == 2
    )
    assert "le numéro 3 est déjà celui de" in capsys.readouterr().err


def test_an_existing_record_is_never_overwritten(
    repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ("--type", "rapport", "--titre", "Guide des CLS", "--date", "2020")
    assert add(repo_copy, *options) == 0
    assert add(repo_copy, *options) == 0
    assert capsys.readouterr().out.splitlines() == [
        "references/guide-2020-cls.yaml",
        "references/guide-2020-cls-2.yaml",
    ]
    assert add(repo_copy, *options, "--id", "loi-hpst-2009") == 2
    assert "déjà pris" in capsys.readouterr().err


def test_questions_in_a_terminal(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["page-web", "Mon titre", "https://exemple.fr/a"])
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    assert add(repo_copy) == 0
    assert asked == ["Type de document : ", "Titre : ", "URL : "]
    assert capsys.readouterr().out == "references/mon-sd-titre.yaml\n"
