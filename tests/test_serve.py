"""`make serve`: the preview rebuilds what an edit touches and the open page reloads itself
(MkDocs' live reload), in Debian's chromium; a broken record is reported, then recovered."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from conftest import chromium_path, leave_page

playwright_api = pytest.importorskip("playwright.sync_api")
RECORD = "references/loi-hpst-2009.yaml"
PAGE = "/references/loi-hpst-2009/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Preview:
    """A running `mkdocs serve --dirty` (what `make serve` runs) on a copy of the repo."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BIBLIO_STRICT": "false"}
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr"]
        self.process = subprocess.Popen(
            [*command, f"127.0.0.1:{self.port}"],
            cwd=root,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.log: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_for(self, marker: str, timeout: float = 120) -> None:
        assert self.process.stderr is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            self.log.append(line)
            if marker in line:
                return
            if not line and self.process.poll() is not None:
                pytest.fail("mkdocs serve s'est arrêté :\n" + "".join(self.log))
        pytest.fail(f"« {marker} » attendu dans le journal :\n" + "".join(self.log[-30:]))

    def edit(self, old: str, new: str) -> None:
        path = self.root / RECORD
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def preview(repo_copy: Path) -> Iterator[Preview]:
    running = Preview(repo_copy)
    try:
        running.wait_for("Serving on")
        time.sleep(3)  # the file watcher starts a moment after the server
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)
        assert running.process.stderr is not None
        running.process.stderr.close()


def _fetch(url: str) -> str:
    try:
        with urlopen(url, timeout=10) as response:  # the local preview only
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _eventually(check: Any, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_an_edit_shows_in_the_open_page_and_in_the_downloads(preview: Preview) -> None:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(preview.url + PAGE)
        assert "portant réforme" in page.locator("h1").inner_text()
        preview.edit("portant réforme", "PORTANT RÉFORME")
        # No reload by hand: MkDocs' live reload refreshes the page once rebuilt.
        page.wait_for_function(
            "(document.querySelector('h1')?.innerText ?? '').includes('PORTANT RÉFORME')",
            timeout=60000,
        )
        leave_page(page)
        browser.close()
    # Written just after the reload (they hold the whole base).
    assert _eventually(
        lambda: "PORTANT RÉFORME" in _fetch(preview.url + "/telechargements/bibliographie.ris")
    )
    # The preview's print page is the one of its start, and says so.
    assert "Aperçu local" in _fetch(preview.url + "/imprimer/")


def test_a_broken_record_shows_a_banner_and_the_preview_keeps_serving(preview: Preview) -> None:
    banner = ".biblio-apercu-erreurs"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(preview.url + PAGE)
        assert page.locator(banner).count() == 0
        preview.edit("date_signature: 2009-07-21", "date_signature: 2009-13-21")
        preview.wait_for(f"{RECORD}:3:")
        assert "2009-13-21" in preview.log[-1]
        # The page reloads by itself: the last good site, and the error in French on top.
        page.locator(banner).wait_for(state="visible", timeout=60000)
        text = page.locator(banner).inner_text()
        assert "la dernière modification n’est pas affichée" in text
        assert f"{RECORD}:3:" in text
        assert "2009-13-21" in text
        assert "portant réforme" in page.locator("h1").inner_text()
        # Another page answers at once (the preview is not stuck until the record is fixed).
        assert "Glossaire" in _fetch(preview.url + "/glossaire/")
        preview.edit("date_signature: 2009-13-21", "date_signature: 2009-07-21")
        page.wait_for_function(f"!document.querySelector('{banner}')", timeout=60000, polling=500)
        leave_page(page)
        browser.close()
    assert preview.process.poll() is None
    # No warning that calls for no action (dirty build, downloads written after the reload).
    noise = [line for line in preview.log if "dirty" in line or "telechargements/" in line]
    assert noise == []


def test_a_draft_is_previewed_with_its_banner(preview: Preview) -> None:
    draft = "titre: Fiche importée incomplète\ntype: article-revue\ndate: '2024'\nbrouillon: true\n"
    (preview.root / "references" / "brouillon-2024.yaml").write_text(draft, encoding="utf-8")
    page = preview.url + "/references/brouillon-2024/"
    assert _eventually(lambda: "Fiche à compléter" in _fetch(page), timeout=90)
    assert "admonition warning" in _fetch(page)
