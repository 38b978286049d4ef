"""Hostile record texts, through the core's pages and the site's Markdown: no script reaches
a page, whatever the field (commentary, definition, section text, title, name, data)."""

from __future__ import annotations

import dataclasses
import html
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from biblio.model import Corpus, Person
from biblio.render.pages import generated_pages
from biblio.render.safe_html import clean, is_local_url, is_safe_url, tooltip_text
from biblio.validate.runner import load_base
from conftest import FIXTURES, REPO
from site_html import EXTENSIONS, converter, elements, made_by_inner_html, to_html, unsafe

REPORT = load_base(FIXTURES / "base", use_cache=False)
BASE = REPORT.corpus
REF = next(r for r in BASE.references if r.id == "article-2016")
CITING = next(r for r in BASE.references if r.id == "loi-2009")
MD = converter(FIXTURES / "base")
PAYLOAD = "<img src=x onerror=alert(1)>"


def page_html(path: str, corpus: Corpus = BASE) -> str:
    return to_html(MD, generated_pages(corpus, "", REPORT.donnees)[path])


def with_commentary(text: str) -> Corpus:
    ref = dataclasses.replace(REF, commentaire=text)
    return dataclasses.replace(BASE, references=(ref, CITING))


def commentary_html(text: str) -> str:
    return page_html(f"references/{REF.id}.md", with_commentary(text))


def test_a_link_title_in_a_commentary_is_dropped() -> None:
    page = commentary_html(f'[voir](https://example.org "{PAYLOAD}")')
    links = [
        a for tag, a in elements(page) if tag == "a" and a.get("href") == "https://example.org"
    ]
    assert links
    assert all("title" not in a for a in links)
    assert unsafe(page) == []


def test_a_reference_definition_title_is_dropped() -> None:
    page = commentary_html(f'[voir][x]\n\n[x]: https://example.org "{PAYLOAD}"')
    assert "onerror" not in " ".join(a.get("title", "") for _, a in elements(page))
    assert unsafe(page) == []


@pytest.mark.parametrize(
    "hostile",
    [
        {"titre": f"Titre {PAYLOAD}"},
        {"auteurs": (Person(nom=f"Motard {PAYLOAD}", prenom="Clémentine"),)},
    ],
    ids=["titre", "auteur"],
)
def test_the_citation_tooltip_is_plain_text(hostile: dict[str, object]) -> None:
    cited = dataclasses.replace(REF, **hostile)  # type: ignore[arg-type]
    citing = dataclasses.replace(CITING, commentaire=f"Voir [@{REF.id}].")
    page = page_html(
        f"references/{CITING.id}.md", dataclasses.replace(BASE, references=(cited, citing))
    )
    titles = [a["title"] for tag, a in elements(page) if "biblio-citation" in a.get("class", "")]
    assert titles, "la citation n'a plus son infobulle"
    assert all(made_by_inner_html(title) == [] for title in titles)
    assert any(PAYLOAD.upper() in html.unescape(t).upper() for t in titles)  # shown as text
    assert unsafe(page) == []


def test_a_glossary_tooltip_is_plain_text(base_copy: Path) -> None:
    term = base_copy / "glossaire" / "cls.yaml"
    text = term.read_text(encoding="utf-8").replace(
        "terme: Contrat local de santé", f'terme: "Contrat {PAYLOAD}"'
    )
    term.write_text(text.replace("definition: |\n", f"definition: |\n  {PAYLOAD} &lt;b>\n"))
    page = to_html(converter(base_copy), "Le CLS est là.\n\nEncore le CLS.")
    titles = [a["title"] for tag, a in elements(page) if "biblio-terme" in a.get("class", "")]
    assert len(titles) == 2
    for title in titles:
        assert made_by_inner_html(title) == []
        assert title.startswith("Contrat &lt;img src=x onerror=alert(1)> : ")
    assert unsafe(page) == []


@pytest.mark.parametrize(
    "attributes",
    [
        'data-title="<img src=x onerror=alert(1)>"',
        'data-description="<img src=x onerror=alert(1)>"',
        'data-src="javascript:alert(1)"',
        ".glightbox #ancre",
    ],
)
def test_no_attribute_list_in_a_commentary(attributes: str) -> None:
    page = commentary_html(f"![a](#){{: {attributes} }} et [b](#){{: {attributes} }}")
    images = [a for tag, a in elements(page) if tag == "img"]
    assert images
    assert all(set(a) == {"alt", "src"} for a in images)
    assert f"{{: {attributes} }}" in html.unescape(page)  # shown as written
    assert unsafe(page) == []


@pytest.mark.parametrize("field", ["titre", "publication", "groupe"])
def test_no_attribute_list_in_a_plain_field(field: str) -> None:
    ref = dataclasses.replace(REF, **{field: 'Titre {: data-title="<b>x</b>" #ancre }'})
    corpus = dataclasses.replace(BASE, references=(ref, CITING))
    for path in (f"references/{REF.id}.md", "sections/sous-partie.md"):
        page = page_html(path, corpus)
        assert not any("data-title" in a or a.get("id") == "ancre" for _, a in elements(page))


@pytest.mark.parametrize(
    "payload",
    [
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](&#X6a;avascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](java&Tab;script:alert(1))",
        "[x](java&NewLine;script:alert(1))",
        "![x](&#106;avascript:alert(1))",
        "![x](data&colon;image/svg+xml;base64,PHN2Zz4=)",
        "[x]\n\n[x]: &#106;avascript:alert(1)",
    ],
)
def test_entity_encoded_schemes_are_refused(payload: str) -> None:
    page = commentary_html(payload)
    addresses = [v for _, a in elements(page) for k, v in a.items() if k in ("href", "src")]
    assert not any("script" in html.unescape(v).lower() for v in addresses)
    assert not any(html.unescape(v).lower().startswith("data") for v in addresses)
    assert unsafe(page) == []


@pytest.mark.parametrize(
    "image",
    [
        "https://tracker.invalid/pixel.png",
        "//tracker.invalid/pixel.png",
        "/\\tracker.invalid/pixel.png",
        "http&colon;//tracker.invalid/pixel.png",
    ],
)
def test_no_image_from_another_host(image: str) -> None:
    page = commentary_html(f"![d]({image}) ![local](schema.svg)")
    sources = [a.get("src", "") for tag, a in elements(page) if tag == "img"]
    assert sources == ["schema.svg"]
    assert "tracker" not in page
    assert unsafe(page) == []


def test_hostile_texts_in_every_kind_of_record_are_inert() -> None:
    hostile = f"{PAYLOAD} {{: onclick=alert(1) }} [x](&#106;avascript:alert(1))"
    ref = dataclasses.replace(REF, titre=hostile, commentaire=hostile, groupe=hostile)
    terms = tuple(dataclasses.replace(t, terme=hostile, definition=hostile) for t in BASE.terms)
    sections = tuple(dataclasses.replace(s, titre=hostile, texte=hostile) for s in BASE.sections)
    corpus = Corpus(references=(ref, CITING), terms=terms, sections=sections)
    for path, text in generated_pages(corpus, "", REPORT.donnees).items():
        if path.endswith(".md"):
            assert unsafe(to_html(MD, text)) == [], path


def test_hostile_data_values_are_inert() -> None:
    donnees = {
        name: _poisoned(value, f"{PAYLOAD} {{: onclick=alert(1) }}")
        for name, value in REPORT.donnees.items()
    }
    pages = generated_pages(BASE, "", donnees)
    page = to_html(MD, pages["connaissances/ateliers-cres-paca.md"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert unsafe(page) == []


def _poisoned(value: object, payload: str) -> object:
    if isinstance(value, str):
        return value if value.isidentifier() or len(value) < 4 else payload + value
    if isinstance(value, list):
        return [_poisoned(v, payload) for v in value]
    if isinstance(value, dict):
        return {k: _poisoned(v, payload) for k, v in value.items()}
    return value


def test_footnotes_citations_and_terms_still_work() -> None:
    page = page_html("sections/textes.md")
    assert 'class="footnote-ref"' in page
    assert 'class="footnote-backref"' in page
    citations = [a for _, a in elements(page) if "biblio-citation" in a.get("class", "")]
    assert citations
    assert all(a.get("title") for a in citations)
    assert 'class="biblio-terme"' in page
    assert unsafe(page) == []


def test_the_print_page_keeps_its_citations() -> None:
    page = page_html("imprimer.md")
    citations = [a for _, a in elements(page) if "biblio-citation" in a.get("class", "")]
    assert citations
    # A reference listed in the edition is cited by a link to its entry there.
    assert all(a["href"].startswith(("references/", "#")) for a in citations)
    assert any(a["href"] == "#loi-2009" for a in citations)


@pytest.mark.parametrize(
    ("url", "safe", "local"),
    [
        ("https://x.fr", True, False),
        ("&#106;avascript:alert(1)", False, False),
        ("java\tscript:alert(1)", False, False),
        (" javascript:alert(1)", False, False),
        ("mailto:a@b.fr", True, False),
        ("../x.svg", True, True),
        ("#", True, True),
        ("//autre.fr/x.png", True, False),
        ("/\\autre.fr/x.png", True, False),
    ],
)
def test_url_checks(url: str, safe: bool, local: bool) -> None:
    assert is_safe_url(url) is safe
    assert is_local_url(url) is local


def test_the_sanitizer_keeps_the_site_markup_and_drops_the_rest() -> None:
    kept = (
        '<h1 data-pagefind-weight="10" data-terme="cls" id="x">T</h1>'
        '<div class="biblio-annexe" data-pagefind-ignore="all"><p lang="en">a</p></div>'
        '<table><tbody><tr><td style="text-align: right;">1</td></tr></tbody></table>'
        '<p><abbr class="biblio-terme" tabindex="0" title="CLS : contrat">CLS</abbr></p>'
    )
    assert clean(kept) == kept
    dropped = clean(
        '<script>alert(1)</script><p onclick="x" style="color:red" data-x="1">'
        '<a href="javascript:x">a</a><img src="https://t.invalid/p.png"><iframe></iframe></p>'
    )
    assert dropped == "<p><a>a</a><img></p>"


def test_tooltip_text_shows_exactly_the_text_once_parsed_as_html() -> None:
    text = "Santé & territoires <img src=x onerror=alert(1)> &lt;b&gt; &amp;"
    value = tooltip_text(text)
    assert made_by_inner_html(value) == []
    assert html.unescape(value) == text


def test_control_characters_leave_the_feed_readable() -> None:
    ref = dataclasses.replace(
        REF,
        titre="Titre\u0007 avec\u0001 contrôle\ufffe",
        commentaire="Texte\u000b ici",
        date_ajout="2024-01-01",
    )
    corpus = dataclasses.replace(BASE, references=(ref, CITING))
    feed = generated_pages(corpus, "https://exemple.fr/", REPORT.donnees)["veille.xml"]
    root = ET.fromstring(feed.encode("utf-8"))
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.text for e in root.iter(f"{atom}title")]
    assert "Titre avec contrôle" in titles


def test_the_tests_convert_with_the_extensions_of_the_site() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert names == [*EXTENSIONS, "biblio.markdown_ext"]


def test_data_values_reach_the_page_as_text_before_any_sanitizer() -> None:
    donnees = _poisoned(REPORT.donnees, "<b>gras</b> ")
    markdown_text = generated_pages(BASE, "", donnees)["connaissances/ateliers-cres-paca.md"]
    assert "<b>" not in markdown_text  # escaped by the core, not only cleaned by the extension


def test_the_allowlist_keeps_coins_and_robust_links_but_only_safe_values() -> None:
    from biblio.render.safe_html import clean

    coins = '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.title=A%20%3Cb"></span>'
    assert clean(coins) == coins  # Zotero's connector reads the query as written
    forged = '<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.title=<img>"></span>'
    assert "<img" not in clean(forged).replace("&lt;img", "")
    assert "&amp;amp;" in clean(forged)  # not a COinS: a plain-text tooltip
    archived = (
        '<a href="https://x.org" data-originalurl="https://x.org" '
        'data-versionurl="https://web.archive.org/web/2020/https://x.org" '
        'data-versiondate="2020-01-01">x</a>'
    )
    assert clean(archived) == archived
    hostile = (
        '<a href="https://x.org" data-originalurl="javascript:alert(1)" '
        'data-versionurl="//tracker.invalid/x" data-versiondate="<b>">x</a>'
    )
    assert clean(hostile) == '<a href="https://x.org">x</a>'


@pytest.mark.parametrize(
    "page",
    [
        "<script>alert(1)</script>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<img src="//tracker.invalid/p.png">',
        '<img src="https://tracker.invalid/p.png">',
        '<a title="&lt;img src=x onerror=alert(1)&gt;">x</a>',
        '<p data-title="x">x</p>',
        '<iframe srcdoc="x"></iframe>',
    ],
)
def test_the_checker_the_hostile_tests_rely_on_sees_each_kind_of_danger(page: str) -> None:
    # Every hostile and fuzz test asserts unsafe(...) == []: the checker itself must see these.
    assert unsafe(page) != []
    assert unsafe(clean(page)) == []
