"""The repository's own pages as a reader meets them: rendered like the site does (the core's
Markdown through the site's extensions), without building the site."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from biblio.render.context import ancestors, build_context
from biblio.render.pages import generated_pages
from biblio.render.text import untrusted
from biblio.validate.runner import load_base
from conftest import FIXTURES
from site_html import converter, to_html

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return generated_pages(load_base(ROOT, use_cache=False).corpus)


@pytest.fixture(scope="module")
def render(pages: dict[str, str]) -> Callable[[str], str]:
    md = converter(ROOT)

    def html(path: str) -> str:
        text = pages[path]
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        return to_html(md, text)

    return html


def _paragraphs(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<(?:p|div) class="{css_class}[^"]*"[^>]*>.*?</(?:p|div)>', html, re.S)


def test_a_title_quoted_in_a_citation_gets_no_tooltip_its_commentary_does(
    render: Callable[[str], str],
) -> None:
    html = render("references/fts-enquete-exploratoire-2022.md")
    citations = _paragraphs(html, "biblio-sans-glossaire")
    assert len(citations) == 2  # the citation under the title, the notice
    assert "CPTS" in citations[0]
    assert all("biblio-terme" not in c for c in citations)
    commentary = html.split('id="commentaire"')[1].split("<h2")[0]
    assert "biblio-terme" in commentary


def test_a_section_listing_gives_no_tooltip_in_its_citations(render: Callable[[str], str]) -> None:
    html = render("sections/textes-de-loi.md")
    citations = _paragraphs(html, "biblio-sans-glossaire")
    assert len(citations) > 5
    assert all("biblio-terme" not in c for c in citations)
    assert "biblio-terme" in html  # the commentaries keep theirs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("`a{b}` et `<div>`", "`a{b}` et `<div>`"),
        ("avant {: .x } `{x}` <b>", r"avant \{: .x \} `{x}` &lt;b>"),
        ("```\nf(<a>) { }\n```\n<i>", "```\nf(<a>) { }\n```\n&lt;i>"),
        ("``` {.x onclick=y}\n<a>\n```", "``` \\{.x onclick=y\\}\n&lt;a>\n```"),
        (r"\`<b>` `c`", r"\`&lt;b>` `c`"),
    ],
)
def test_record_text_is_escaped_outside_code_only(text: str, expected: str) -> None:
    assert untrusted(text) == expected


def test_code_in_a_commentary_shows_as_typed() -> None:
    md = converter(FIXTURES / "base")
    html = to_html(md, untrusted("Écrire `{: .classe }` ou `<br>` :\n\n```\nf(x) { }\n```"))
    assert "<code>{: .classe }</code>" in html
    assert "<code>&lt;br&gt;</code>" in html
    assert "f(x) { }" in html
    assert "\\{" not in html
    assert "&amp;lt;" not in html


def test_legifrance_note_call_is_a_superscript_never_a_reference_number(
    render: Callable[[str], str],
) -> None:
    html = render("sections/textes-de-loi.md")
    # Reference (3), « Loi n° 2021-502 … simplification (1) »: its « (1) » is no citation.
    shown = re.sub(r'<span class="biblio-masque">.*?</span>', "", html)  # screen readers'
    assert "simplification (1)" not in shown
    calls = re.findall(r'<sup class="biblio-appel-jo" title="appel de note[^"]*">\(1\)</sup>', html)
    assert len(calls) == 2  # the listing's heading and its citation
    heading = render("references/loi-2021-502.md").split("</h1>")[0]
    assert 'simplification <sup class="biblio-appel-jo"' in heading


def test_two_records_of_the_same_title_are_told_apart_where_listed_together(
    pages: dict[str, str],
) -> None:
    laws = pages["parcourir/types/loi.md"]
    assert "de notre système de santé — texte complet](" in laws
    assert '">(1)</sup> — article](' in laws
    # Listed alone, a record keeps its title as it is.
    section = pages["sections/textes-de-loi.md"]
    assert "texte complet" not in section
    # The search results tell them apart too.
    meta = re.search(
        r'data-pagefind-meta="title:([^"]*)"', pages["references/loi-modernisation-2016-article.md"]
    )
    assert meta is not None
    # Without Légifrance's « (1) », which would read as reference (1) there.
    assert meta.group(1).endswith("de notre système de santé — article"), meta.group(1)


def test_the_note_call_is_the_one_that_ends_the_title() -> None:
    from biblio.model import Position, Reference
    from biblio.render.text import citation_markdown

    ref = Reference(
        id="loi-essai",
        type="loi",
        titre="LOI n° 1 (1), modifiant la loi n° 2 (1)",
        date="2020-01-01",
        position=Position("x"),
    )
    citation = citation_markdown(ref)
    assert "LOI n° 1 (1), modifiant la loi n° 2 <sup" in citation, citation
    assert citation.count("<sup") == 1


def test_one_ancestors_function_gives_the_breadcrumbs_the_print_depth_and_the_search_trail(
    pages: dict[str, str],
) -> None:
    context = build_context(load_base(ROOT, use_cache=False).corpus)
    above = [s.numero for s in ancestors("communautes-professionnelles", context)]
    assert above == ["2", "2.3"]
    assert ancestors("textes-de-loi", context) == []
    assert ancestors("inconnue", context) == []
    page = pages["sections/communautes-professionnelles.md"]
    assert "› [2<span" in page
    assert "› [2.3<span" in page
    assert '<span aria-current="page">2.3.3</span>' in page
    assert 'data-pagefind-filter="section:2.3. L' in page  # the search trail: its ancestors too
    assert "#### 2.3.3. Les CPTS { #communautes-professionnelles }" in pages["imprimer.md"]
