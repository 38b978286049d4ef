"""The ``biblio`` command as a documentalist uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from biblio.cli import main
from conftest import REPO


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "biblio", *args], capture_output=True, text=True, cwd=cwd
    )


def test_python_m_biblio_validates_the_repo_from_a_subfolder() -> None:
    result = run("valider", cwd=REPO / "references")
    assert result.returncode == 0
    assert result.stdout == "0 erreur, 0 avertissement\n"


def test_outside_a_repo_the_message_is_french_and_there_is_no_traceback(tmp_path: Path) -> None:
    result = run("valider", cwd=tmp_path)
    assert result.returncode == 2
    assert "aucun mkdocs.yml trouvé" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_diagnostics(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_copy / "references" / "motard-2016.yaml").write_text(
        "type: article-revue\ntitre: T\npublication: P\ndate: 2016-13\n", encoding="utf-8"
    )
    assert main(["valider", "--json", "--racine", str(base_copy)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [
        {
            "fichier": "references/motard-2016.yaml",
            "ligne": 4,
            "colonne": 7,
            "gravite": "erreur",
            "code": "R004",
            "message": "date invalide « 2016-13 » : mois « 13 » inexistant (attendu AAAA, "
            "AAAA-MM, AAAA-MM-JJ, saison AAAA-21 à AAAA-24, intervalle AAAA/AAAA ou AAAA/.., "
            "date incertaine AAAA? ou approximative AAAA~, ou « s.d. » si inconnue)",
        }
    ]
    assert captured.err == "1 erreur, 0 avertissement\n"


def test_export_json_of_the_repo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exporter", "--format", "json", "--racine", str(REPO)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["sections", "references", "glossaire"]
    motard = next(r for r in document["references"] if r["id"] == "motard-tessier-2016")
    assert motard["type"] == "article-journal"
    assert motard["author"][0] == {"family": "Motard", "given": "Clémentine"}
    assert motard["issued"] == {"date-parts": [[2016, 11]]}
    assert motard["abstract"].startswith("Après quinze années")
    assert motard["custom"]["numero"] == 18
    assert motard["custom"]["section"] == "ateliers-sante-ville"
    assert motard["custom"]["citation"].startswith("MOTARD Clémentine, TESSIER Stéphane, Les")
    cpts = next(t for t in document["glossaire"] if t["id"] == "cpts")
    assert {"id", "terme", "sigle", "definition", "sources", "voir_aussi"} <= set(cpts)
    section = next(s for s in document["sections"] if s["id"] == "ateliers-sante-ville")
    assert (section["numero"], section["parent"]) == ("2.2.1", "dynamiques-territoriales")
    assert document["sections"][0]["id"] == "introduction"


def test_export_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    main(["exporter", "--racine", str(REPO)])
    first = capsys.readouterr().out
    main(["exporter", "--racine", str(REPO)])
    assert capsys.readouterr().out == first


def test_export_to_a_file_never_overwrites_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "base.json"
    target.write_text("précieux", encoding="utf-8")
    assert main(["exporter", "--racine", str(REPO), "-o", str(target)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "précieux"
    assert main(["exporter", "--racine", str(REPO), "-o", str(target), "--force"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["references"]


def test_export_refuses_a_broken_base(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_copy / "glossaire" / "vide.yaml").write_text("", encoding="utf-8")
    assert main(["exporter", "--racine", str(base_copy)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "glossaire/vide.yaml:1:1: erreur" in captured.err


def test_generer_writes_pages_and_refuses_a_foreign_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pages"
    assert main(["generer", "--racine", str(REPO), "--sortie", str(out)]) == 0
    assert (out / "format-des-fiches.md").read_text(encoding="utf-8").startswith("# Format")
    assert main(["generer", "--racine", str(REPO), "--sortie", str(out)]) == 0  # regenerate
    foreign = tmp_path / "mes-notes"
    foreign.mkdir()
    (foreign / "notes.md").write_text("à garder", encoding="utf-8")
    assert main(["generer", "--racine", str(REPO), "--sortie", str(foreign)]) == 2
    assert (foreign / "notes.md").read_text(encoding="utf-8") == "à garder"


def test_an_unexpected_failure_shows_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(root: Path) -> None:
        raise RuntimeError("panne")

    monkeypatch.setattr("biblio.cli.load_base", boom)
    assert main(["valider", "--racine", str(REPO)]) == 3
    err = capsys.readouterr().err
    assert "erreur inattendue (RuntimeError : panne)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("fmt", "marker"), [("bibtex", "\n@"), ("ris", "\nTY  - "), ("csljson", '\n  {\n    "id"')]
)
def test_export_of_one_section_in_each_format(
    fmt: str, marker: str, repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["exporter", "--format", fmt, "--section", "sites-ressource", "--racine", str(repo_copy)]
    assert main(args) == 0
    out = "\n" + capsys.readouterr().out
    assert out.count(marker) == 13  # the 13 resource sites of section 4
    output = repo_copy / "sites.txt"
    assert main([*args, "-o", str(output)]) == 0
    assert main([*args, "-o", str(output)]) == 2  # never overwritten without --force
    assert "existe déjà" in capsys.readouterr().err


def test_the_command_line_speaks_french_in_its_usage_help_and_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["exporter", "--format", "xx"], [], ["valider", "--inconnu"]):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("utilisation : biblio"), err
        assert " : erreur : " in err, err
        assert "error" not in err, err
        assert "usage" not in err, err
    with pytest.raises(SystemExit):
        main(["valider", "--help"])
    out = capsys.readouterr().out
    assert "afficher cette aide et quitter" in out
    assert "show this help" not in out
