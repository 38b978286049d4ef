"""The site's Markdown extension: glossary tooltips and safe links, on any page."""

from __future__ import annotations

import markdown
import pytest

from biblio.markdown_ext import is_safe_url, makeExtension
from biblio.model import Position, Term
from biblio.terms import TermFinder
from conftest import FIXTURES


def convert(text: str) -> str:
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", makeExtension(racine=str(FIXTURES / "base"))]
    )
    return md.convert(text)


def test_first_occurrence_links_later_ones_show_the_definition_on_focus() -> None:
    html = convert("Le CLS et l'ASV ; les CLS, d'ASV.\n\n- Un CLS, le CLS.\n- L'ASV.")
    assert html.count('<a class="biblio-terme" href="/glossaire/cls.md"') == 1
    assert html.count('<a class="biblio-terme" href="/glossaire/asv.md"') == 1
    # Once per paragraph (or list item): the later ones in the same paragraph stay text.
    assert "les CLS, d'ASV." in html
    assert html.count('<abbr class="biblio-terme" tabindex="0"') == 2
    assert "CLS</abbr>, le CLS." in html
    assert 'title="Contrat local de santé : ' in html


def test_a_term_page_gives_no_tooltip_for_its_own_term() -> None:
    html = convert('# CLS { data-terme="cls" }\n\nLe CLS associe l\'ASV.')
    assert "cls.md" not in html
    assert '<abbr class="biblio-terme" tabindex="0" title="Contrat' not in html
    assert html.count('href="/glossaire/asv.md"') == 1


def test_no_tooltip_in_bibliographic_text_the_core_marks() -> None:
    html = convert(
        "Rapport sur le CLS, éditions de l'ASV\n{: .biblio-sans-glossaire }\n\n"
        '<div class="biblio-sans-glossaire" markdown>\n\n| Éditeur | ASV |\n\n</div>\n\n'
        "Ce commentaire parle du CLS."
    )
    assert "asv.md" not in html
    assert 'title="Atelier santé' not in html
    assert html.count('class="biblio-terme"') == 1
    assert '<a class="biblio-terme" href="/glossaire/cls.md"' in html.split("commentaire")[1]


def test_names_and_variants_match_across_line_breaks_and_apostrophes() -> None:
    html = convert("Un contrat\nlocal de santé, l’ASV.")
    assert ">contrat\nlocal de santé</a>" in html
    assert ">l’ASV</a>" in html or ">ASV</a>" in html


def test_no_tooltip_in_code_links_headings_or_inside_words() -> None:
    html = convert("# Le CLS\n\n`CLS` [CLS](https://x.fr) CLSM ASVs\n")
    assert "biblio-terme" not in html


@pytest.mark.parametrize(
    "payload",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "[x](vbscript:msgbox(1))",
        '[x](https://ok.fr){ onclick="alert(1)" onmouseover="alert(2)" }',
    ],
)
def test_unsafe_links_and_event_attributes_are_removed(payload: str) -> None:
    html = convert(payload).lower()
    assert "javascript" not in html
    assert "vbscript" not in html
    assert "data:" not in html
    assert "onclick" not in html
    assert "onmouseover" not in html


def test_safe_links_are_kept() -> None:
    html = convert("[a](https://a.fr) [b](mailto:x@y.fr) [c](../references/x.md) [d](#ancre)")
    for href in ("https://a.fr", "mailto:x@y.fr", "../references/x.md", "#ancre"):
        assert f'href="{href}"' in html


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://x.fr", True),
        ("http://x.fr", True),
        ("mailto:a@b.fr", True),
        ("page.md", True),
        ("/glossaire/cls/", True),
        (" javascript:alert(1)", False),
        ("\x01javascript:x", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_is_safe_url(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_names_with_an_apostrophe_match_straight_or_curly() -> None:
    term = Term(
        id="esp", terme="Équipe de soins d'appui", definition="Une équipe.", position=Position("x")
    )
    finder = TermFinder([term])
    for text in ("une équipe de soins d'appui", "une Équipe de soins d’appui"):
        (match,) = finder.find(text)
        assert text[match.start : match.end].lower().startswith("équipe")
        assert text[match.end - 5 : match.end] == "appui"
