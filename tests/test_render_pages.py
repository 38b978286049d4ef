"""Generated pages: golden files on the small test base, and untrusted text kept inert."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from biblio.model import Reference
from biblio.render.listings import FACETS
from biblio.render.pages import generated_pages
from biblio.render.text import plain, untrusted, with_citations
from biblio.validate.runner import load_base
from conftest import FIXTURES, TESTS

REPORT = load_base(FIXTURES / "base", use_cache=False)
BASE = REPORT.corpus
PAGES = generated_pages(BASE, "https://exemple.fr/base/", REPORT.donnees)
GOLDEN = (
    "index.md",
    "bibliographie.md",
    "sections/textes.md",
    "references/loi-2009.md",
    "glossaire/index.md",
    "glossaire/cls.md",
    "veille.xml",
    "connaissances/ateliers-cres-paca.md",
)


@pytest.mark.parametrize("path", GOLDEN)
def test_generated_page_matches_golden(
    path: str, check_golden: Callable[[Path, str], None]
) -> None:
    check_golden(TESTS / "golden" / "pages" / path, PAGES[path])


def test_generation_is_deterministic() -> None:
    assert generated_pages(BASE, "https://exemple.fr/base/", REPORT.donnees) == PAGES


def test_every_record_has_a_page() -> None:
    for ref in BASE.references:
        assert f"references/{ref.id}.md" in PAGES
    for term in BASE.terms:
        assert f"glossaire/{term.id}.md" in PAGES


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<iframe src=https://x.fr></iframe>",
        "<!-- commentaire --><style>body{}</style>",
    ],
)
def test_raw_html_from_records_is_neutralised(payload: str) -> None:
    assert "<" not in untrusted(payload).replace("&lt;", "")
    assert "<" not in plain(payload).replace("&lt;", "")


def test_autolinks_survive() -> None:
    assert untrusted("voir <https://x.fr/a> et <mailto:a@b.fr>") == (
        "voir <https://x.fr/a> et <mailto:a@b.fr>"
    )


def test_a_hostile_commentary_stays_text_in_the_page() -> None:
    ref = next(r for r in BASE.references if r.id == "loi-2009")
    hostile = Reference(
        **{**vars(ref), "commentaire": "<script>alert(1)</script> [x](javascript:alert(2))"}
    )
    pages = generated_pages(type(BASE)(references=(hostile,), terms=BASE.terms))
    page = pages[f"references/{ref.id}.md"]
    assert "<script>" not in page
    assert "&lt;script>alert(1)&lt;/script>" in page


def test_a_citing_footnote_is_a_link_on_a_page_without_footnotes() -> None:
    references = {r.id: r for r in BASE.references}
    text = with_citations("imprimer.md", "Voir[^@loi-2009].", references)
    assert text == (
        'Voir[(1)](references/loi-2009.md "LOI n° 2009-879 du 21 juillet 2009 portant réforme '
        "de l'hôpital\"){ .biblio-citation }."
    )
    # The print edition cites in notes, as the printed bibliography does: the note is the
    # citation, linked to the reference's entry in the edition.
    printed = PAGES["imprimer.md"]
    assert "en parle[^textes-source-1]" in printed
    assert "[^textes-source-1]: [MOTARD Clémentine, " in printed
    assert "Une note libre[^textes-1]." in printed  # the text's own notes stay notes


def test_browse_offers_no_empty_way_in_and_a_theme_links_to_its_definition() -> None:
    pages = generated_pages(BASE)
    index = pages["parcourir/index.md"]
    for facet in FACETS:
        has_values = any(facet.values_of(r) for r in BASE.references)
        link = f"]({facet.page.removeprefix('parcourir/')})"
        assert (link in index) == has_values, facet.page
    theme = next(p for p in pages if p.startswith("parcourir/themes/"))
    term_id = theme.removeprefix("parcourir/themes/").removesuffix(".md")
    assert f"](../../glossaire/{term_id}.md)" in pages[theme]
