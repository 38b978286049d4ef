"""What a person sees, in Debian's chromium driven by Playwright, on the built site served
on 127.0.0.1: search in French, glossary tooltips by mouse and keyboard, lightbox,
permalinks, copy buttons, no console error, accessibility (axe-core), inert hostile text."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import chromium_path, run_mkdocs

playwright_api = pytest.importorskip("playwright.sync_api")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _serve(site: Path) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    return _serve(built_site)


# Module scope: Playwright's sync API keeps an event loop running while it is open, which
# would stop other modules' asyncio code (the link checker's tests).
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def search(page: Any, base_url: str, query: str) -> list[str]:
    """Addresses of the result pages, best first (sub-results left out)."""
    page.goto(f"{base_url}/recherche/?q={query}")
    page.wait_for_selector(".pagefind-ui__result", timeout=15000)
    page.wait_for_load_state("networkidle")
    selector = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a"
    return [a.get_attribute("href") for a in page.query_selector_all(selector)]


CLSM = {"/glossaire/clsm/", "/sections/conseils-locaux-de-sante-mentale/"}
ASV = {"/glossaire/asv/", "/sections/ateliers-sante-ville/"}


@pytest.mark.parametrize(
    ("query", "wanted", "top"),
    [
        ("sante mentale", CLSM, 2),  # both CLSM pages are the first two results
        ("hopital", {"/references/loi-hpst-2009/"}, 3),
        ("contrats locaux", {"/sections/contrats-locaux-de-sante/"}, 3),
        ("l'ASV", ASV, 2),
        ("atelier sante ville", ASV, 2),
        ("CPTS", {"/glossaire/cpts/"}, 1),  # the term page first
    ],
)
def test_french_search(page: Any, base_url: str, query: str, wanted: set[str], top: int) -> None:
    results = search(page, base_url, query)
    assert wanted <= set(results[:top]), results
    assert page.console_errors == []


def test_the_format_page_does_not_come_first_for_common_words(page: Any, base_url: str) -> None:
    # Its examples quote « santé » often; a reader looks for the base's content. A code of
    # the validator still finds it.
    assert "/format-des-fiches/" not in search(page, base_url, "sante")[:10]
    assert "/format-des-fiches/" in search(page, base_url, "R004")[:3]


def test_search_result_titles_carry_no_permalink_sign(page: Any, base_url: str) -> None:
    search(page, base_url, "CPTS")  # pagefind.yml leaves the headings' « ¶ » out
    titles = page.eval_on_selector_all(
        ".pagefind-ui__result-title", "e => e.map(x => x.textContent)"
    )
    assert titles
    assert not any("¶" in title for title in titles)


def test_header_search_as_you_type_with_the_keyboard_only(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/sections/communautes-professionnelles/")
    page.keyboard.press("/")  # the shortcut reaches the header's box
    field = page.locator("header #biblio-q")
    assert page.evaluate("document.activeElement.id") == "biblio-q"
    page.keyboard.type("cpts", delay=40)
    options = page.locator("#biblio-q-liste [role=option]")
    options.first.wait_for(timeout=15000)
    assert field.get_attribute("aria-expanded") == "true"
    # Each result says what it is; the term's page comes first.
    assert options.first.locator(".biblio-genre").inner_text().lower() == "terme"
    kinds = {o.inner_text().lower() for o in page.locator("#biblio-q-liste .biblio-genre").all()}
    assert "section" in kinds, kinds
    assert any(k.startswith("référence (") for k in kinds), kinds
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    assert field.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert page.locator(".biblio-recherche__panneau").is_hidden()
    page.keyboard.press("Control+k")
    page.keyboard.press("End")
    page.keyboard.type(" ")  # the panel opens again with the results
    options.first.wait_for(timeout=15000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossaire/cpts/")
    assert page.console_errors == []


def test_header_search_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="fr-FR"
    )
    page = context.new_page()
    page.goto(f"{base_url}/references/loi-hpst-2009/")
    field = page.locator("header #biblio-q")
    assert field.is_visible()
    # The title is no longer pushed down by a search form above it.
    assert page.locator("article h1").bounding_box()["y"] < 160
    field.tap()
    page.keyboard.type("sante mentale", delay=40)
    option = page.locator("#biblio-q-liste [role=option]").first
    option.wait_for(timeout=15000)
    for box in (field.bounding_box(), page.locator(".biblio-recherche__panneau").bounding_box()):
        assert box["x"] >= 0, box
        assert box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    url = option.get_attribute("data-url")
    option.tap()
    page.wait_for_url(f"**{url}")
    context.close()


@pytest.mark.parametrize("query", ["zzzz", "qqqq", "ophtalmologie", "sante zzzz"])
def test_a_query_that_matches_nothing_says_so(page: Any, base_url: str, query: str) -> None:
    # Pagefind answered a word it does not know with any indexed word that begins it:
    # « zzzz » found « Glossaire » (« de A à Z »), « ophtalmologie » the « -o » of a command.
    page.goto(f"{base_url}/recherche/?q={query}")
    status = page.locator(".biblio-resultats__etat")
    page.wait_for_function(
        "document.querySelector('.biblio-resultats__etat').textContent.length > 0"
    )
    assert status.inner_text().startswith(f"Aucun résultat pour «\u00a0{query}\u00a0»")
    assert status.locator("a").get_attribute("href").endswith("glossaire/")
    assert page.locator(".biblio-resultat").count() == 0
    page.goto(f"{base_url}/glossaire/")
    page.locator("header #biblio-q").fill(query)
    panel_status = page.locator(".biblio-recherche__etat")
    panel_status.wait_for(timeout=15000)
    page.wait_for_function(
        "document.querySelector('.biblio-recherche__etat').textContent.length > 0"
    )
    assert panel_status.inner_text().startswith("Aucun résultat")
    assert page.locator("#biblio-q-liste [role=option]").count() == 0
    assert page.console_errors == []


def _results_count(page: Any) -> int:
    text = page.locator(".biblio-resultats__etat").inner_text()
    return int(text.split()[0])


def test_results_page_keeps_the_query_and_filters_in_its_address(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/recherche/")
    field = page.locator("#biblio-resultats-q")
    field.fill("cpts")
    field.press("Enter")
    page.wait_for_selector(".biblio-resultat", timeout=15000)
    assert page.url.endswith("/recherche/?q=cpts")
    field.fill("hopital")
    field.press("Enter")
    page.wait_for_url("**/recherche/?q=hopital")
    page.wait_for_selector(".biblio-resultat a[href*='loi-hpst-2009']", timeout=15000)
    page.go_back()  # the previous search, not the previous page
    page.wait_for_url("**/recherche/?q=cpts")
    assert field.input_value() == "cpts"
    page.wait_for_selector(".biblio-resultat a[href$='/glossaire/cpts/']", timeout=15000)
    assert page.console_errors == []


def test_facets_narrow_the_results_with_counts(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/recherche/?q=sante")
    page.wait_for_selector(".biblio-resultat", timeout=15000)
    page.wait_for_load_state("networkidle")
    everything = _results_count(page)
    assert page.locator(".biblio-facette").count() == 0  # fetched when asked for
    page.locator(".biblio-resultats__filtres summary").click()
    page.locator(".biblio-facette").first.wait_for(timeout=15000)
    legends = page.locator(".biblio-facette legend").all_inner_texts()
    assert legends == [
        "Type de document",
        "Année",
        "Territoire",
        "Section",
        "Terme du glossaire",
    ], legends
    law = page.locator(".biblio-facette li", has=page.locator("label", has_text="Loi ("))
    announced = int(law.locator(".biblio-facette__nombre").inner_text().strip("()"))
    assert 0 < announced < everything
    law.locator("input").check()
    page.wait_for_url("**/recherche/?q=sante&type=Loi")
    page.wait_for_function(
        f"!document.querySelector('.biblio-resultats__etat')"
        f".textContent.startsWith('{everything} ')"
    )
    assert _results_count(page) == announced
    # The other types stay offered (one may add « Rapport » to « Loi »), with their counts.
    other = page.locator(".biblio-facette li", has=page.locator("label", has_text="Rapport ("))
    assert other.locator("input").is_checked() is False
    page.goto(f"{base_url}/recherche/?q=sante&type=Loi&annee=2009")  # a shared address
    page.wait_for_selector(".biblio-resultat", timeout=15000)
    titles = page.locator(".pagefind-ui__result-title a[href*='loi-hpst-2009']")
    assert titles.count() == 1
    assert page.locator(".biblio-facette input:checked").count() == 2
    assert page.console_errors == []


def test_results_carry_their_kind_and_no_repeated_title(page: Any, base_url: str) -> None:
    search(page, base_url, "CPTS")
    kinds = page.locator(".biblio-resultat .biblio-genre").all_inner_texts()
    assert {"Terme", "Section"} <= {k.capitalize() for k in kinds}, kinds
    assert any(k.lower().startswith("référence (") for k in kinds), kinds
    for result in page.locator(".biblio-resultat").all():
        title = result.locator(".pagefind-ui__result-title").inner_text()
        parts = result.locator(".biblio-resultat__parties > li > a").all_inner_texts()
        assert title not in parts


def test_namesakes_are_told_apart_in_results_without_their_heading_again(
    page: Any, base_url: str
) -> None:
    # The law and its article: « … — texte complet », « … — article »; the article's
    # heading (its title and Légifrance's « (1) ») is not shown again as a part of it.
    search(page, base_url, "modernisation")
    titles = page.locator(".biblio-resultat .pagefind-ui__result-title").all_inner_texts()
    article = [t for t in titles if t.endswith("— article")]
    assert len(article) == 1, titles
    assert "(1)" not in article[0], titles
    assert any(t.endswith("— texte complet") for t in titles), titles
    result = page.locator(".biblio-resultat", has_text=article[0])
    parts = result.locator(".biblio-resultat__parties > li > a").all_inner_texts()
    assert not [p for p in parts if p.startswith("LOI n° 2016-41")], parts


def test_cpts_tooltip_by_hover_and_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/sections/communautes-professionnelles/")
    term = page.locator(".md-content .biblio-terme", has_text="CPTS").first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Communauté professionnelle territoriale de santé" in tooltip.inner_text()
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    later = page.locator(".md-content abbr.biblio-terme", has_text="CPTS").first
    later.focus()  # what the Tab key does; the element is in the tab order (tabindex=0)
    assert later.get_attribute("tabindex") == "0"
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)
    assert "Communauté professionnelle" in page.locator(".md-tooltip2--active").inner_text()
    assert page.console_errors == []


def test_cpts_tooltip_by_touch_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    page.goto(f"{base_url}/sections/communautes-professionnelles/")
    term = page.locator(".md-content abbr.biblio-terme", has_text="CPTS").first
    term.scroll_into_view_if_needed()
    term.tap()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)
    assert "Communauté professionnelle" in page.locator(".md-tooltip2--active").inner_text()
    # A forty-word definition in body-size, regular text (Material's default: 10 px bold).
    style = page.locator(".md-tooltip2--active .md-tooltip2__inner").evaluate(
        "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fontWeight]"
    )
    assert style[0] >= 14, style
    assert int(style[1]) < 600, style
    context.close()


# Words of a text node that the browser lays out on more than one line (broken mid-word);
# words with a hyphen or a slash may break there.
_BROKEN_WORDS = """table => {
  const broken = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[^\\s\\-\\/]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (range.getClientRects().length > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def test_no_table_breaks_a_word_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ("/connaissances/statistiques/", "/format-des-fiches/"):
        page.goto(f"{base_url}{path}")
        tables = page.locator(".md-content table")
        assert tables.count() > 0
        for index in range(tables.count()):
            assert tables.nth(index).evaluate(_BROKEN_WORDS) == [], path
    context.close()


def test_charts_stay_legible_on_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/connaissances/statistiques/")
    chart = page.locator('.md-content a.glightbox > img[src$=".svg"]').first
    # The charts are drawn 720 units wide with 10-11 unit labels: at least 0.85 of that.
    assert chart.evaluate("e => e.getBoundingClientRect().width") >= 0.85 * 720
    scroller = chart.locator("xpath=../..")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not
    context.close()


def test_keyboard_tab_reaches_a_term(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/glossaire/cls/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('biblio-terme')"):
            break
    else:
        pytest.fail("aucun terme du glossaire atteint au clavier")
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)


def test_lightbox_opens_a_chart(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/connaissances/statistiques/")
    page.locator("a.glightbox").first.click()
    page.locator(".glightbox-container .gslide-image img").first.wait_for(timeout=5000)
    assert page.console_errors == []


def test_glossary_permalink_resolves(page: Any, base_url: str) -> None:
    response = page.goto(f"{base_url}/glossaire/cpts")
    assert response.ok
    assert page.url.endswith("/glossaire/cpts/")
    assert "CPTS" in page.locator("h1").inner_text()


def test_copy_buttons(browser: Any, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base_url}/references/loi-hpst-2009/")
    page.locator(".biblio-citer [data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("LOI n° 2009-879 du 21 juillet 2009")
    page.locator(".biblio-citer-style [data-md-type=copy]").nth(1).click()  # APA 7
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("LOI n° 2009-879 du 21 juillet 2009 portant réforme de l’hôpital")
    assert "(2009). https://www.legifrance.gouv.fr/" in copied
    page.goto(f"{base_url}/glossaire/cpts/")
    page.locator(".biblio-copier-lien").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base_url}/glossaire/cpts/"
    assert "Lien copié" in page.locator(".biblio-copier-lien").inner_text()
    context.close()


PAGES = {
    "accueil": "/",
    "section": "/sections/contrats-locaux-de-sante/",
    "reference": "/references/loi-hpst-2009/",
    "terme": "/glossaire/cpts/",
    "index du glossaire": "/glossaire/",
    "recherche": "/recherche/?q=CPTS",
    "recherche dans l'en-tête": "/sections/contrats-locaux-de-sante/",
    "recherche sans résultat": "/recherche/?q=zzzz",
    "tableaux des ateliers": "/connaissances/ateliers-cres-paca/",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation_and_no_console_error(
    page: Any, base_url: str, name: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + PAGES[name])
    if name == "recherche":
        page.wait_for_selector(".pagefind-ui__result", timeout=15000)
    if name == "recherche dans l'en-tête":
        page.keyboard.press("Control+k")
        page.keyboard.type("cpts")
        page.locator("#biblio-q-liste [role=option]").first.wait_for(timeout=15000)
        page.keyboard.press("ArrowDown")
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}) : {v['nodes'][0]['html'][:120]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.console_errors == []


def test_reference_page_weight(page: Any, base_url: str) -> None:
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto(f"{base_url}/references/loi-hpst-2009/")
    page.wait_for_load_state("networkidle")
    assert sum(sizes) < 400_000  # uncompressed: a gzip-serving host sends about a quarter


HOSTILE = (
    "<script>alert('script')</script> <img src=x onerror=\"alert('img')\">\n"
    "[lien](javascript:alert('lien')) [x](https://ok.fr){ onclick=\"alert('attr')\" }\n"
    "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"
)


# In texts that become tooltips (Material shows a title as HTML) or lightbox captions.
TOOLTIP = "<img src=x onerror=alert('{}')>"
IMAGE = (
    "![graphique](/connaissances/statistiques.svg)"
    '{{: data-title="{0}" data-description="{0}" }}'.format(TOOLTIP.format("lightbox"))
)


def _inject(path: Path, key: str, text: str = HOSTILE) -> None:
    """Put ``text`` at the start of the record's Markdown field ``key``."""
    block = "\n  ".join(text.split("\n"))
    content = path.read_text(encoding="utf-8")
    assert f"{key}: |" in content
    path.write_text(content.replace(f"{key}: |", f"{key}: |\n  {block}\n", 1), encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def _poison(root: Path) -> None:
    """Hostile texts in a commentary, a definition, a section text, a cited reference's title
    and author, a term's name, and attributes on an image."""
    _inject(root / "references" / "calvez-2022.yaml", "commentaire", f"{HOSTILE}\n\n{IMAGE}")
    _inject(root / "glossaire" / "aci.yaml", "definition")
    _inject(root / "sections" / "contrats-locaux-de-sante.yaml", "texte")
    cited = root / "references" / "motard-tessier-2016.yaml"
    _replace(cited, "nom: Motard", f'nom: "Motard {TOOLTIP.format("auteur")}"')
    _replace(cited, 'titre: "Les démarches', f'titre: "{TOOLTIP.format("titre")} Les démarches')
    _replace(
        root / "glossaire" / "aci.yaml",
        "terme: Accord conventionnel",
        f'terme: "Accord {TOOLTIP.format("terme")} conventionnel',
    )
    _replace(root / "glossaire" / "aci.yaml", "interprofessionnel\n", 'interprofessionnel"\n')


def _no_unsafe_link_or_event_attribute(page: Any) -> None:
    for link in page.locator(".md-content a").all()[:60]:
        href = (link.get_attribute("href") or "").lower()
        assert not href.startswith(("javascript", "data", "vbscript")), href
    assert (
        page.evaluate(
            "Array.from(document.querySelectorAll('.md-content *'))"
            ".some(e => Array.from(e.attributes).some(a => a.name.startsWith('on')))"
        )
        is False
    )


def _tooltip_of(page: Any, element: Any) -> str:
    element.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    text: str = tooltip.inner_text()
    page.wait_for_timeout(300)  # an injected image would fail to load and run its onerror
    page.mouse.move(0, 0)
    return text


def test_hostile_text_in_records_opens_no_dialog(
    browser: Any, repo_copy: Path, tmp_path: Path
) -> None:
    _poison(repo_copy)
    site = tmp_path / "site"
    result = run_mkdocs("build", "--strict", "-d", str(site), cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    base_url = _serve(site)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (
        "/references/calvez-2022/",
        "/glossaire/aci/",
        "/sections/contrats-locaux-de-sante/",
    ):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        _no_unsafe_link_or_event_attribute(page)
    page.goto(base_url + "/references/calvez-2022/")
    assert "<script>alert('script')</script>" in page.locator(".md-content").inner_text()
    # Clicking the image opens the lightbox, without the caption the record asked for.
    page.locator(".md-content a.glightbox").first.click()
    page.locator(".glightbox-container .gslide-image img").first.wait_for(timeout=5000)
    page.wait_for_timeout(300)
    page.goto(base_url + "/sections/ateliers-sante-ville/")
    citation = page.locator(".md-content a[href*='motard-tessier-2016']").first
    shown = _tooltip_of(page, citation)
    assert TOOLTIP.format("titre") in shown  # the title as written, as text
    assert TOOLTIP.format("auteur").upper() in shown.upper()
    page.goto(base_url + "/sections/communautes-professionnelles/")
    term = page.locator(".md-content .biblio-terme", has_text="ACI").first
    assert TOOLTIP.format("terme") in _tooltip_of(page, term)
    assert dialogs == []
    context.close()


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("/references/loi-hpst-2009/", "La bibliographie"),
        ("/sections/communautes-professionnelles/", "La bibliographie"),
        ("/glossaire/cpts/", "Glossaire"),
        ("/parcourir/types/rapport/", "Parcourir"),
    ],
)
def test_a_page_outside_the_navigation_lights_up_its_tab(
    page: Any, base_url: str, path: str, tab: str
) -> None:
    page.goto(f"{base_url}{path}")
    active = page.locator(".md-tabs__item--active")
    assert active.count() == 1
    assert active.inner_text().strip() == tab
    assert page.console_errors == []


def test_eight_tabs_and_the_footer_links_the_contributor_pages(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/")
    assert page.locator(".md-tabs__item").count() == 8
    footer = page.locator(".md-copyright").inner_text()
    for name in ("Contribuer", "Format des fiches", "Accessibilité"):
        assert name in footer


def _shown(element: Any) -> str:
    """The text ``element`` shows (what only screen readers read left out)."""
    text = element.evaluate(
        "e => { const c = e.cloneNode(true);"
        " c.querySelectorAll('.biblio-masque').forEach(m => m.remove()); return c.textContent; }"
    )
    return " ".join(text.split())


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reference_page_says_where_it_stands(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{base_url}/references/loi-modernisation-2016/")
    trail = page.locator(".biblio-fil")
    assert _shown(trail) == "Vous êtes ici : La bibliographie › 1 › (2)"
    assert trail.locator("[aria-current=page]").inner_text() == "(2)"
    assert trail.get_by_role("link", name="1 Textes de loi et ressources à connaître").count() == 1
    trail.get_by_role("link", name="La bibliographie").click()
    assert page.url == f"{base_url}/bibliographie/"
    page.go_back()
    if width >= 1280:  # the side bar: the section's other references, this one marked
        sidebar = page.locator(".md-sidebar--primary .biblio-parcours")
        assert sidebar.is_visible()
        assert sidebar.locator("[aria-current=page]").inner_text().startswith("(2) LOI")
        assert sidebar.locator("a.md-nav__link").count() >= 5
    context.close()


def test_a_term_page_says_where_it_stands(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base_url}/glossaire/cpts/")
    trail = page.locator(".biblio-fil")
    assert _shown(trail) == "Vous êtes ici : Glossaire › CPTS"
    assert trail.locator("[aria-current=page]").inner_text() == "CPTS"
    sidebar = page.locator(".md-sidebar--primary .biblio-parcours")
    assert sidebar.is_visible()
    assert sidebar.locator("[aria-current=page]").inner_text() == "CPTS"
    sidebar.get_by_role("link", name="CLS", exact=True).click()
    assert page.url == f"{base_url}/glossaire/cls/"
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Glossaire"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_offers_the_search_and_three_ways_in(
    browser: Any, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{base_url}/")
    cards = page.locator(".biblio-entrees li")
    assert cards.count() == 3
    names = ["La bibliographie", "Le glossaire", "Repères"]
    for card, name, target in zip(
        cards.all(), names, ["bibliographie/", "glossaire/", "connaissances/"], strict=True
    ):
        assert card.is_visible()
        link = card.get_by_role("link", name=name, exact=True)
        assert link.get_attribute("href") == target
    assert page.get_by_role("heading", name="Dernières références ajoutées").is_visible()
    assert "ajoutée le" in page.locator("#dernieres-references-ajoutees + ul li").first.inner_text()
    box = page.get_by_role("searchbox", name="Chercher un mot, un sigle, un auteur")
    assert box.is_visible()
    box.fill("cpts")
    box.press("Enter")
    page.wait_for_url(f"{base_url}/recherche/?q=cpts")
    context.close()
