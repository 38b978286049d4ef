"""Shared fixtures: scratch copies of bases, golden-file handling."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    # The record cache goes to a scratch folder, never into the working tree (subprocesses
    # inherit the variable).
    os.environ["BIBLIO_CACHE_DIR"] = tempfile.mkdtemp(prefix="biblio-cache-")
    # Hypothesis keeps its caches (.hypothesis/) in a scratch folder too.
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="biblio-hypothesis-"))


# Suites that build the whole site or drive a browser: `pytest -m "not lent"` (or
# `make test-rapide`) runs the rest in a fraction of the time.
SLOW_MODULES = frozenset(
    {
        "test_browser.py",
        "test_print_pdf.py",
        "test_serve.py",
        "test_site_build.py",
        "test_zensical.py",
    }
)
BROWSER_MODULES = frozenset(
    {"test_browser.py", "test_serve.py", "test_zensical.py", "test_print_pdf.py"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.name
        if module in SLOW_MODULES or "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.lent)
        if module in BROWSER_MODULES:
            item.add_marker(pytest.mark.navigateur)


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
    copy_repo(root)
    return root


SITE_FOLDERS = ("references", "glossaire", "sections", "docs", "overrides", "donnees")
SITE_FILES = ("mkdocs.yml", "urls-stables.txt", "redirections.yaml", "pagefind.yml")


def copy_repo(root: Path) -> None:
    """The records and everything the site's build reads, copied into ``root``."""
    for name in SITE_FOLDERS:
        shutil.copytree(REPO / name, root / name)
    for name in SITE_FILES:
        shutil.copyfile(REPO / name, root / name)


def run_mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # The banner on Material's end of life is known (see the README); keep the log readable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once (strict) for the whole session."""
    root = tmp_path_factory.mktemp("site-depot")
    copy_repo(root)
    site = root / "site"
    result = run_mkdocs("build", "--strict", "-d", str(site), cwd=root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == []
    return site


def chromium_path() -> str:
    """Debian's chromium; in CI a missing browser fails the test, never skips it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium absent : .ci/run doit installer le paquet Debian chromium")
        pytest.skip("chromium absent (paquet Debian ; obligatoire en CI)")
    return path


def leave_page(page: Any) -> None:
    """Navigate ``page`` to a blank page before its browser is closed. A preview page reloads
    itself when a rebuild ends: closed in the middle of that reload, chromium may never answer
    (seen: ``context.close()`` waiting for ever); a reload may also abort this navigation, which
    is then tried again."""
    from playwright.sync_api import Error

    for _ in range(5):
        try:
            page.goto("about:blank", timeout=15000)
            return
        except Error:  # « net::ERR_ABORTED »: a reload began first
            page.wait_for_timeout(1000)
    page.goto("about:blank", timeout=15000)


def without_commentary(record: Path) -> str:
    """The text of a YAML record without its ``commentaire`` block (a test writes its own)."""
    text = record.read_text(encoding="utf-8")
    return re.sub(r"^commentaire: \|\n(?:(?:  .*)?\n)*", "", text, flags=re.MULTILINE)
