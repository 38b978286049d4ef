"""``biblio liens`` against hostile servers and damaged caches."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from biblio.cli import main
from biblio.links import cache
from biblio.links.check import TIMEOUT, Settings, check_urls
from link_server import link_server
from test_liens import write_base


def test_a_server_dripping_its_headers_is_cut_off_and_classed_as_a_timeout() -> None:
    # Each byte comes well within the read timeout; the whole answer would take 3 s per try.
    settings = Settings(timeout=0.5, retry_delay=0.05)
    with link_server() as server:
        url = f"http://127.0.0.1:{server.server_port}/goutte"
        start = time.monotonic()
        [result] = asyncio.run(check_urls([url], settings))
        elapsed = time.monotonic() - start
    assert result.statut == TIMEOUT
    assert result.detail == "pas de réponse en 0.5 s"
    assert elapsed < 2.5  # two tries of 0.5 s and the pause between them


@pytest.mark.parametrize("damaged", ["[]", "42", '{"https://a.fr": 3}', "\x00garbage{", "null"])
def test_a_damaged_cache_is_ignored_and_rebuilt(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    damaged: str,
) -> None:
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path / "cache"))
    path = cache.cache_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(damaged, encoding="utf-8")
    assert cache.load(path) == {}
    with link_server() as server:
        write_base(tmp_path, {"a": f"http://127.0.0.1:{server.server_port}/ok"})
        code = main(["liens", "--racine", str(tmp_path), "--delai", "1"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "erreur inattendue" not in captured.err
    assert list(cache.load(path)) == [f"http://127.0.0.1:{server.server_port}/ok"]
