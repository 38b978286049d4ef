"""`mkdocs build` replaces the site only with a complete one: a failed or killed build leaves
the previous site whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_mkdocs


def _snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def old_site(repo_copy: Path) -> Path:
    """A site already built, with a file of our own to recognise it."""
    site = repo_copy / "site"
    result = run_mkdocs("build", "--strict", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    (site / "ancien.txt").write_text("le site d'avant\n", encoding="utf-8")
    assert not list(repo_copy.glob(".site.*"))
    return site


def test_a_build_that_fails_on_a_vanished_address_keeps_the_old_site(
    repo_copy: Path, old_site: Path
) -> None:
    before = _snapshot(old_site)
    glossary = repo_copy / "glossaire"
    (glossary / "aci.yaml").rename(glossary / "accord-conventionnel.yaml")
    result = run_mkdocs("build", "--strict", cwd=repo_copy)
    assert result.returncode != 0
    assert _snapshot(old_site) == before
    assert not list(repo_copy.glob(".site.*"))


def test_a_broken_record_keeps_the_old_site(repo_copy: Path, old_site: Path) -> None:
    before = _snapshot(old_site)
    (repo_copy / "references" / "chauvin-2021.yaml").write_text(
        "type: rapport\ntitre: T\ndate: 2021-13\n", encoding="utf-8"
    )
    assert run_mkdocs("build", "--strict", cwd=repo_copy).returncode != 0
    assert _snapshot(old_site) == before


def test_a_killed_build_keeps_the_old_site_and_the_next_build_replaces_it(
    repo_copy: Path, old_site: Path
) -> None:
    before = _snapshot(old_site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=repo_copy,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Killed once it has written pages of the new site.
    while build.poll() is None and time.monotonic() < deadline:
        staging = list(repo_copy.glob(".site.construction-*"))
        if staging and (staging[0] / "references").exists():
            break
        time.sleep(0.01)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert _snapshot(old_site) == before
    result = run_mkdocs("build", "--strict", cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    assert not (old_site / "ancien.txt").exists()
    assert (old_site / "index.html").exists()
    assert not list(repo_copy.glob(".site.*"))


def test_the_built_site_follows_the_umask(repo_copy: Path) -> None:
    previous = os.umask(0o027)  # not 022: a fixed 0o755 would pass as well
    try:
        assert run_mkdocs("build", "--strict", cwd=repo_copy).returncode == 0
    finally:
        os.umask(previous)
    assert oct((repo_copy / "site").stat().st_mode & 0o777) == oct(0o750)
