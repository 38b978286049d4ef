"""Shared fixtures: scratch copies of bases, golden-file handling."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    # The record cache goes to a scratch folder, never into the working tree (subprocesses
    # inherit the variable).
    os.environ["BIBLIO_CACHE_DIR"] = tempfile.mkdtemp(prefix="biblio-cache-")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="réécrire les fichiers attendus (golden) à partir de la sortie actuelle",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def check_golden(update_golden: bool) -> Callable[[Path, str], None]:
    """Compare ``text`` with the golden file, or rewrite it with --update-golden."""

    def check(path: Path, text: str) -> None:
        if update_golden or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update_golden:
                pytest.fail(f"fichier attendu absent, créé : {path} (à relire)")
        assert text == path.read_text(encoding="utf-8")

    return check


def flatten(text: str) -> str:
    """Whitespace aside: no-break spaces are spaces, a line break after a hyphen joins words."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def overlay(source: Path, target: Path) -> None:
    """Copy the files of ``source`` into ``target``, replacing same-named files."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.name != "attendu.txt":
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    """A scratch copy of the small valid base used by the tests."""
    root = tmp_path / "base"
    shutil.copytree(FIXTURES / "base", root)
    return root


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A scratch copy of the repository's real records and site configuration."""
    root = tmp_path / "depot"
    root.mkdir()
    for name in ("references", "glossaire", "sections", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root
