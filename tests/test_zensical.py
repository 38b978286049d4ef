"""The site built by Zensical (``make build-zensical``), checked in Debian's chromium as a
reader uses it: a section with citation links and footnotes, a reference, a term's tooltip,
search, the downloads; and no request leaves 127.0.0.1."""

from __future__ import annotations

import functools
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from biblio.zensical_build import main as build_with_zensical
from conftest import REPO, chromium_path, copy_repo

playwright_api = pytest.importorskip("playwright.sync_api")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zensical-depot")
    copy_repo(root)
    site = root / "site-zensical"
    # What a build killed mid-way leaves beside the site: the next build removes it.
    for leftover in LEFTOVERS:
        (root / leftover / "index.html").parent.mkdir()
        (root / leftover / "index.html").write_text("ancien", encoding="utf-8")
    assert build_with_zensical(["--racine", str(root), "--sortie", str(site)]) == 0
    return site


LEFTOVERS = (".site-zensical.construction-tue", ".site-zensical.ancien.tue")


def test_the_site_replaces_the_old_one_and_no_leftover_stays(zensical_site: Path) -> None:
    assert (zensical_site / "index.html").exists()
    beside = sorted(p.name for p in zensical_site.parent.glob(".site-zensical*"))
    assert beside == []


@functools.cache
def _number(reference: str) -> str:
    """The reference's number, as its citations show it: « (18) »."""
    record = yaml.safe_load((REPO / "references" / f"{reference}.yaml").read_text("utf-8"))
    return f"({record['numero']})"


@pytest.fixture(scope="module")
def base_url(zensical_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(zensical_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    # Nothing may be fetched from a third party (Zensical's theme loads GLightbox from a CDN
    # unless the site serves it).
    page.on(
        "request",
        lambda r: None if r.url.startswith(base_url) else page.problems.append(r.url),
    )
    yield page
    context.close()


def test_section_citations_and_footnotes(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/sections/ateliers-sante-ville/")
    page.wait_for_load_state("networkidle")
    citation = page.locator('.md-content a[href$="references/motard-tessier-2016/"]').first
    assert citation.inner_text() == _number("motard-tessier-2016")
    footnotes = page.locator(".md-content .footnote li")
    assert footnotes.count() >= 2
    citation.click()
    page.wait_for_url("**/references/motard-tessier-2016/")
    page.wait_for_load_state("networkidle")
    assert "Ateliers santé ville" in page.locator("h1").inner_text()
    assert page.problems == []


def test_reference_page_and_term_tooltip(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/references/loi-hpst-2009/")
    assert "LOI n° 2009-879" in page.locator("h1").inner_text()
    page.goto(f"{base_url}/sections/communautes-professionnelles/")
    term = page.locator(".md-content .biblio-terme", has_text="CPTS").first
    assert term.get_attribute("href") == "/glossaire/cpts/"  # not a « .md » link
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Communauté professionnelle territoriale de santé" in tooltip.inner_text()
    term.click()
    page.wait_for_url("**/glossaire/cpts/")
    assert page.problems == []


def test_french_search(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/recherche/?q=sante mentale")
    page.wait_for_selector(".pagefind-ui__result", timeout=15000)
    page.wait_for_load_state("networkidle")
    selector = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a"
    results = [a.get_attribute("href") for a in page.query_selector_all(selector)]
    assert "/glossaire/clsm/" in results[:3], results
    assert page.problems == []


def test_downloads_feed_and_published_addresses(zensical_site: Path) -> None:
    bib = (zensical_site / "telechargements" / "bibliographie.bib").read_text("utf-8")
    assert bib.count("\n@") > 100
    feed = ET.parse(zensical_site / "veille.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    published = (zensical_site / "urls.txt").read_text("utf-8").split()
    assert "/glossaire/cpts/" in published
    for address in published:
        assert (zensical_site / address.lstrip("/") / "index.html").is_file(), address


def test_a_lightbox_opens_with_the_site_own_script(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/connaissances/statistiques/")
    page.locator("a.glightbox").first.click()
    page.locator(".gslide-image img").first.wait_for(state="visible", timeout=5000)
    assert page.problems == []
