"""Drafts (``brouillon: true``): imported records still missing what the schema requires."""

from __future__ import annotations

from pathlib import Path

import pytest

from biblio.cli import main
from biblio.render.pages import generated_pages
from biblio.validate.runner import load_base
from conftest import without_commentary

DRAFT = (
    "type: article-revue\nauteurs:\n- nom: Dupont\n  prenom: Jean\ndate: '2020'\nbrouillon: true\n"
)


def _write(base: Path, text: str, name: str = "brouillon-2020.yaml") -> None:
    (base / "references" / name).write_text(text, encoding="utf-8")


def test_a_draft_gaps_are_warnings_and_strict_fails_on_them(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(base_copy, DRAFT)
    assert main(["valider", "--racine", str(base_copy)]) == 0
    out = capsys.readouterr().out
    assert (
        "references/brouillon-2020.yaml:1:1: avertissement: fiche en brouillon : « titre » à "
        "compléter [R012]" in out
    )
    assert "« publication » à compléter pour le type « article-revue » [R012]" in out
    assert main(["valider", "--strict", "--racine", str(base_copy)]) == 1


def test_the_same_record_without_brouillon_is_an_error(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(base_copy, DRAFT.replace("brouillon: true\n", ""))
    assert main(["valider", "--racine", str(base_copy)]) == 1
    assert "erreur: champ obligatoire « titre » manquant [R002]" in capsys.readouterr().out


def test_drafts_are_previewed_with_a_banner_and_never_published(base_copy: Path) -> None:
    _write(base_copy, DRAFT.replace("type:", "titre: Brouillon\npublication: Revue\ntype:"))
    corpus = load_base(base_copy, use_cache=False).corpus
    assert "brouillon-2020" in {r.id for r in corpus.references}
    published = generated_pages(corpus)
    assert "references/brouillon-2020.md" not in published
    assert all("Brouillon" not in text for text in published.values())
    preview = generated_pages(corpus, preview=True)
    assert "Fiche à compléter" in preview["references/brouillon-2020.md"]


def test_removing_brouillon_once_complete_publishes_it(base_copy: Path) -> None:
    complete = DRAFT.replace("type:", "titre: Complète\npublication: Revue\ntype:")
    _write(base_copy, complete.replace("brouillon: true\n", ""))
    report = load_base(base_copy, use_cache=False)
    assert report.errors == 0
    pages = generated_pages(report.corpus)
    assert "Fiche à compléter" not in pages["references/brouillon-2020.md"]


def test_generer_leaves_drafts_out(base_copy: Path, tmp_path: Path) -> None:
    _write(base_copy, DRAFT)
    assert main(["generer", "--sortie", str(tmp_path / "sortie"), "--racine", str(base_copy)]) == 0
    assert not (tmp_path / "sortie" / "references" / "brouillon-2020.md").exists()
    assert (tmp_path / "sortie" / "references").is_dir()


def test_several_isbn_validate_render_and_export(base_copy: Path) -> None:
    _write(
        base_copy,
        "titre: Livre\ntype: ouvrage\ndate: '2020'\n"
        "isbn:\n- 2-218-05069-2\n- 978-2-1234-5680-3\nissn: 0014-2085\n",
        "livre-2020.yaml",
    )
    report = load_base(base_copy, use_cache=False)
    assert report.errors == 0
    (ref,) = [r for r in report.corpus.references if r.id == "livre-2020"]
    assert ref.isbn == ("2-218-05069-2", "978-2-1234-5680-3")
    assert ref.issn == ("0014-2085",)
    page = generated_pages(report.corpus)["references/livre-2020.md"]
    assert "| ISBN | 2-218-05069-2, 978-2-1234-5680-3 |" in page
    assert "| ISSN | 0014-2085 |" in page


def test_a_bad_isbn_in_a_list_is_located(base_copy: Path) -> None:
    _write(base_copy, "titre: L\ntype: ouvrage\ndate: '2020'\nisbn:\n- 2-218-05069-2\n- 123\n")
    report = load_base(base_copy, use_cache=False)
    assert [d.format() for d in report.diagnostics if d.code == "R007"] == [
        "references/brouillon-2020.yaml:6:3: erreur: ISBN invalide « 123 » (attendu 10 ou 13 "
        "chiffres (ISBN-13 commençant par 978 ou 979)) [R007]"
    ]


def test_a_published_text_cannot_cite_a_draft(base_copy: Path) -> None:
    _write(base_copy, DRAFT)
    article = base_copy / "references" / "article-2016.yaml"
    article.write_text(
        without_commentary(article) + "commentaire: Voir [@brouillon-2020].\n",
        encoding="utf-8",
    )
    report = load_base(base_copy, use_cache=False)
    assert [d.format() for d in report.diagnostics if d.code == "X009"] == [
        "references/article-2016.yaml:16:20: erreur: citation de la fiche en brouillon "
        "« @brouillon-2020 », non publiée : terminez-la (retirez « brouillon ») ou retirez le "
        "lien [X009]"
    ]


def test_an_empty_required_field_is_an_error_not_a_silent_loss(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(base_copy, "titre: ''\ntype: rapport\ndate: '2020'\n", "vide-2020.yaml")
    assert main(["valider", "--racine", str(base_copy)]) == 1
    out = capsys.readouterr().out
    assert "references/vide-2020.yaml:1:8: erreur: champ obligatoire « titre » vide [R002]" in out
