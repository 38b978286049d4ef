"""One strict end-to-end build of the site, and the generate-then-build path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from biblio.cli import main
from biblio.render.schema_page import render_schema_page


def _mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The banner on Material's end of life is known (see the README); keep the log readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_strict_build_of_the_repo_site(repo_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = _mkdocs("build", "--strict", "-d", str(site), cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == []
    page = (site / "format-des-fiches" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in (site / "index.html").read_text(encoding="utf-8")
    assert "date_consultation" in page


def test_broken_record_fails_the_build_with_its_position(repo_copy: Path, tmp_path: Path) -> None:
    (repo_copy / "references" / "chauvin-2021.yaml").write_text(
        "type: rapport\ntitre: T\ndate: 2021-13\n", encoding="utf-8"
    )
    result = _mkdocs("build", "--strict", "-d", str(tmp_path / "site"), cwd=repo_copy)
    assert result.returncode != 0
    assert "references/chauvin-2021.yaml:3:7: erreur: date invalide" in result.stderr


def test_generated_pages_match_the_plugin_pages(repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    assert main(["generer", "--racine", str(repo_copy), "--sortie", str(out)]) == 0
    assert (out / "format-des-fiches.md").read_text(encoding="utf-8") == render_schema_page()
