"""The core owns the address promise: every builder path gets the same files and fails the
same way when a promised address would vanish (``biblio generer``, the MkDocs plugin,
``biblio adresses`` on any builder's output)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from biblio import urls
from biblio.cli import main
from biblio.publish import built_site_urls, page_url, site_files
from biblio.validate.runner import load_base
from conftest import REPO


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("index.md", ""),
        ("glossaire/index.md", "glossaire/"),
        ("glossaire/cpts.md", "glossaire/cpts/"),
        ("contribuer.md", "contribuer/"),
        ("a/README.md", "a/"),
    ],
)
def test_page_addresses_follow_directory_urls(path: str, address: str) -> None:
    assert page_url(path) == address


def test_core_addresses_are_the_ones_mkdocs_publishes(built_site: Path) -> None:
    report = load_base(REPO)
    files = site_files(REPO, report.corpus, report.donnees)
    assert files.missing == ()
    redirects = urls.read_redirects(REPO)
    assert set(files.published) == built_site_urls(built_site, redirects)
    listed = (built_site / urls.PUBLISHED).read_text("utf-8")
    assert listed == files.files[urls.PUBLISHED]


def _rename_aci(root: Path) -> None:
    # « aci » is a term no other record links to: renaming its file is a valid change.
    glossary = root / "glossaire"
    (glossary / "aci.yaml").rename(glossary / "accord-conventionnel.yaml")


def test_generer_fails_on_a_broken_promise_and_writes_nothing(
    repo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename_aci(repo_copy)
    out = tmp_path / "pages"
    assert main(["generer", "--racine", str(repo_copy), "--sortie", str(out)]) == 1
    assert "ne mène(nt) plus à aucune page : /glossaire/aci/" in capsys.readouterr().err
    assert not out.exists()
    (repo_copy / "redirections.yaml").write_text(
        "glossaire/aci/: glossaire/accord-conventionnel/\n", "utf-8"
    )
    assert main(["generer", "--racine", str(repo_copy), "--sortie", str(out)]) == 0
    moved = (out / "glossaire" / "aci" / "index.html").read_text("utf-8")
    assert 'url=../../glossaire/accord-conventionnel/"' in moved
    listed = (out / urls.PUBLISHED).read_text("utf-8").split()
    assert "/glossaire/accord-conventionnel/" in listed
    assert "/glossaire/aci/" not in listed


def test_adresses_checks_what_a_builder_wrote(
    built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["adresses", "--racine", str(REPO), "--site", str(built_site)]) == 0
    damaged = tmp_path / "site"
    shutil.copytree(built_site, damaged)
    shutil.rmtree(damaged / "glossaire" / "cpts")
    assert main(["adresses", "--racine", str(REPO), "--site", str(damaged)]) == 1
    assert "/glossaire/cpts/" in capsys.readouterr().err
    assert main(["adresses", "--racine", str(REPO), "--site", str(tmp_path / "rien")]) == 2
