"""``biblio liens`` against a local server serving each case (never the internet)."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

import pytest

from biblio.cli import main
from biblio.links import cache
from biblio.links.check import LinkResult, Settings, check_urls
from link_server import link_server

CASES = {
    "/ok": ("ok", 200),
    "/redirige": ("redirection", 200),
    "/absent": ("erreur-client", 404),
    "/parti": ("erreur-client", 410),
    "/interdit": ("interdit-ou-limite", 403),
    "/limite": ("interdit-ou-limite", 429),
    "/panne": ("erreur-serveur", 500),
    "/lent": ("delai-depasse", None),
    "/coupure": ("connexion", None),
    "/boucle": ("erreur-client", None),
}
FAST = Settings(timeout=0.5, retry_delay=0.05)


async def fake_dns(host: str, port: int) -> object:
    if host.endswith(".invalid"):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return [(socket.AF_INET, socket.SOCK_STREAM, 0, "", ("127.0.0.1", port))]


def test_each_case_is_classified() -> None:
    with link_server() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        urls = [base + path for path in CASES] + ["http://nulle-part.invalid/page"]
        results = asyncio.run(check_urls(urls, FAST, resolve=fake_dns))
        hits = dict(server.hits)
    found = {r.url.removeprefix(base): (r.statut, r.code) for r in results}
    assert found == {**CASES, "http://nulle-part.invalid/page": ("dns", None)}
    redirected = next(r for r in results if r.url.endswith("/redirige"))
    assert redirected.cible == f"{base}/ok"
    assert redirected.detail == "2 redirection(s), code 301"
    # A retry for what may pass (5xx, timeout, reset, 429), none for a clear answer.
    assert (hits["/panne"], hits["/lent"], hits["/coupure"], hits["/limite"]) == (2, 2, 2, 2)
    assert (hits["/absent"], hits["/parti"], hits["/interdit"]) == (1, 1, 1)


def test_the_system_resolver_is_used_by_default() -> None:
    with link_server() as server:
        url = f"http://localhost:{server.server_port}/ok"
        (result,) = asyncio.run(check_urls([url], FAST))
    assert result.statut == "ok"


def test_per_host_limit_is_respected() -> None:
    with link_server() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        active = {"now": 0, "max": 0}

        settings = Settings(timeout=5, concurrency=10, per_host=2)
        urls = [f"{base}/ok/{i}" for i in range(30)]
        original = server.RequestHandlerClass.do_GET

        def counting(handler: object) -> None:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
            try:
                original(handler)  # type: ignore[arg-type]
            finally:
                active["now"] -= 1

        server.RequestHandlerClass.do_GET = counting  # type: ignore[method-assign]
        try:
            results = asyncio.run(check_urls(urls, settings))
        finally:
            server.RequestHandlerClass.do_GET = original  # type: ignore[method-assign]
    assert {r.statut for r in results} == {"ok"}
    assert active["max"] <= 2


def write_base(root: Path, urls: dict[str, str]) -> None:
    """A small base whose page-web references point at ``urls`` (id → URL)."""
    (root / "references").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: essai\n", encoding="utf-8")
    for ref_id, url in urls.items():
        (root / "references" / f"{ref_id}.yaml").write_text(
            f"type: page-web\ntitre: Page {ref_id}\nurl: {url}\ndate_consultation: 2022-10-01\n",
            encoding="utf-8",
        )


def test_command_reports_dead_links_with_an_archive_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with link_server() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        write_base(
            tmp_path,
            {
                "vivante": f"{base}/ok",
                "morte": f"{base}/absent",
                "limitee": f"{base}/interdit",
                "demenagee": f"{base}/redirige",
            },
        )
        code = main(["liens", "--racine", str(tmp_path), "--delai", "1"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        f"references/morte.yaml: lien mort {base}/absent (erreur-client 404) — archive : "
        f"https://web.archive.org/web/20221001/{base}/absent",
        "4 lien(s) vérifié(s), 1 mort(s) : 1 accès refusé ou limité, 1 en ligne, "
        "1 introuvable, 1 redirigée",
    ]
    report = json.loads((tmp_path / "build" / "liens" / "liens.json").read_text("utf-8"))
    assert report["morts"] == 1
    moved = next(item for item in report["liens"] if item["references"] == ["demenagee"])
    assert (moved["statut"], moved["cible"]) == ("redirection", f"{base}/ok")
    markdown = (tmp_path / "build" / "liens" / "liens.md").read_text("utf-8")
    assert "## Introuvable (1) — 404, 410… : lien mort" in markdown
    assert f"version archivée : <https://web.archive.org/web/20221001/{base}/absent>" in markdown


def test_no_dead_link_means_success_and_json_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with link_server() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        write_base(tmp_path, {"a": f"{base}/ok", "b": f"{base}/interdit", "c": f"{base}/panne"})
        code = main(["liens", "--json", "--racine", str(tmp_path), "--delai", "1"])
    assert code == 0  # 403 and 500 are not dead links
    assert json.loads(capsys.readouterr().out)["par_statut"] == {
        "erreur-serveur": 1,
        "interdit-ou-limite": 1,
        "ok": 1,
    }


def test_a_second_run_within_a_day_only_rechecks_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with link_server() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        write_base(tmp_path, {"a": f"{base}/ok", "b": f"{base}/absent", "c": f"{base}/redirige"})
        main(["liens", "--racine", str(tmp_path)])
        first = dict(server.hits)
        main(["liens", "--racine", str(tmp_path)])
        second = dict(server.hits)
        main(["liens", "--racine", str(tmp_path), "--sans-cache"])
        third = dict(server.hits)
    capsys.readouterr()
    assert (first["/ok"], first["/absent"], first["/redirige"]) == (2, 1, 1)  # /ok via /etape
    assert (second["/ok"], second["/absent"], second["/redirige"]) == (2, 2, 1)
    assert (third["/ok"], third["/absent"], third["/redirige"]) == (4, 3, 2)


def test_cached_results_expire_after_a_day(tmp_path: Path) -> None:
    path = tmp_path / "liens.json"
    now = 1_000_000.0
    cache.save(
        path,
        {
            "https://a.fr": LinkResult("https://a.fr", "ok", 200, verifie_le=now - 3600),
            "https://b.fr": LinkResult("https://b.fr", "ok", 200, verifie_le=now - 25 * 3600),
            "https://c.fr": LinkResult("https://c.fr", "erreur-client", 404, verifie_le=now),
        },
    )
    assert list(cache.still_valid(cache.load(path), now)) == ["https://a.fr"]
    path.write_text("{cassé", encoding="utf-8")
    assert cache.load(path) == {}


def test_bad_options_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_base(tmp_path, {})
    assert main(["liens", "--racine", str(tmp_path), "--simultanes", "0"]) == 2
    assert "doivent être positifs" in capsys.readouterr().err
