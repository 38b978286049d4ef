"""The print edition's Markdown (``/imprimer/``): the whole bibliography as one document.

The PDF printed from the built site is checked in ``test_print_pdf.py``."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from biblio.model import Section
from biblio.render.context import build_context
from biblio.render.pages import generated_pages
from biblio.render.print_edition import cross_references, edition_date, print_markdown
from biblio.validate.runner import load_base
from conftest import REPO

CORPUS = load_base(REPO).corpus
CONTEXT = build_context(CORPUS)
PRINTED = print_markdown(CONTEXT)


def test_the_edition_is_dated_by_its_records_in_french() -> None:
    latest = max(r.date_ajout for r in CORPUS.references if r.date_ajout)
    assert latest == "2023-05-01"
    assert edition_date(CONTEXT) == "1er mai 2023"
    assert "Édition du 1er mai 2023" in PRINTED
    assert print_markdown(CONTEXT) == PRINTED  # no clock: the same records, the same page


def test_the_contents_list_every_section_in_order() -> None:
    contents = PRINTED.split("## Sommaire", 1)[1].split("</div>", 1)[0]
    targets = re.findall(r"\]\(#([\w-]+)\)", contents)
    assert targets == [s.id for s in CONTEXT.section_order] + ["notes"]
    # A. B. C. sit under 2.1 (their parent), not among the five parts.
    assert "        - [A. Les enjeux relatifs" in contents


def test_the_glossary_part_holds_every_definition() -> None:
    glossary = PRINTED.split("{ #glossaire }", 1)[1].split("{ #notes }", 1)[0]
    for term in CORPUS.terms:
        assert f"{{ #terme-{term.id} }}" in glossary
    assert "Une équipe de soins primaires (ESP) est un ensemble de professionnels" in glossary
    # Its citing notes are notes of the edition, their citations linking to the entries.
    assert "[^terme-esp-source-1]: [" in PRINTED


def test_the_old_page_36_is_gone_and_part_5_is_a_link_within_the_document() -> None:
    assert "p.36" not in PRINTED
    assert not any("p.36" in s.texte for s in CORPUS.sections)
    note = "[^exercice-coordonne-7]: Cf. [partie 5](#glossaire). Annexe : Glossaire et définitions."
    assert note in PRINTED


def test_citations_link_to_the_entries_of_the_edition() -> None:
    introduction = PRINTED.split("{ #introduction }", 1)[1].split("\n## ", 1)[0]
    assert '[(39)](#fts-enquete-exploratoire-2022 "' in introduction
    assert "](references/" not in introduction
    assert "{ #fts-enquete-exploratoire-2022 " in PRINTED  # the entry the link goes to


def test_cross_references_name_existing_sections_only() -> None:
    text = "Cf. partie 5, la section 2.3 et la partie 9."
    assert cross_references(text, CONTEXT, "") == (
        "Cf. [partie 5](#glossaire), la [section 2.3](#exercice-coordonne) et la partie 9."
    )
    online = cross_references(text, CONTEXT, "sections/exercice-coordonne.md")
    assert online.startswith("Cf. [partie 5](glossaire.md), la [section 2.3]")


def test_two_texts_own_notes_stay_two_notes() -> None:
    sections = [
        Section(id=name, titre=name, ordre=i, position=CORPUS.sections[0].position, texte=text)
        for i, (name, text) in enumerate(
            (("a", "Un[^1].\n\n[^1]: A."), ("b", "Deux[^1].\n\n[^1]: B."))
        )
    ]
    printed = print_markdown(build_context(type(CORPUS)(sections=tuple(sections))))
    assert "[^a-1]: A." in printed
    assert "[^b-1]: B." in printed


def test_the_online_glossary_section_shows_the_glossary() -> None:
    page = generated_pages(CORPUS)["sections/glossaire.md"]
    for term in CORPUS.terms:
        assert f"](../glossaire/{term.id}.md) {{ #{term.id} }}" in page
    assert "Une équipe de soins primaires (ESP) est un ensemble" in page
    assert "[^esp-1]: [" in page  # the definitions' sources, as notes


def test_the_online_section_links_part_5() -> None:
    page = generated_pages(CORPUS)["sections/exercice-coordonne.md"]
    assert "Cf. [partie 5](glossaire.md). Annexe : Glossaire et définitions." in page


_PIECES = st.sampled_from(["partie 5", "Section 2.3", "partie 9", "partie 2.", " ", "\n", "5"])


@given(st.lists(_PIECES | st.text(max_size=12), max_size=12).map("".join))
@settings(max_examples=150, deadline=None)
def test_cross_references_only_add_links(text: str) -> None:
    assume("](" not in text)  # a link already there would read as one of ours
    linked = cross_references(text, CONTEXT, "")
    unlinked = re.sub(r"\[((?:[Pp]artie|[Ss]ection)\s+[\d.]+)\]\(#[\w-]+\)", r"\1", linked)
    assert unlinked == text
