"""The house style reproduces the bibliography's printed citations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from biblio.cite import format_citation, format_person, french_typography
from biblio.model import Person, Position, Reference
from biblio.validate.runner import load_base
from conftest import REPO, TESTS, flatten

PRINTED: dict[str, str] = yaml.safe_load(
    (TESTS / "data" / "citations-pdf.yaml").read_text(encoding="utf-8")
)
CORPUS = load_base(REPO).corpus
REFERENCES = {r.id: r for r in CORPUS.references}


# Records transcribed from the other source documents (000/001, 002, 004), not printed in
# the bibliography.
OTHER_DOCUMENTS = {
    "fts-presentation-enquete-2023",
    "cres-paca-synthese-ateliers-2021",
    "langlois-2023",
}


def test_every_reference_from_the_bibliography_has_its_printed_citation() -> None:
    assert set(PRINTED) == set(REFERENCES) - OTHER_DOCUMENTS


@pytest.mark.parametrize("ref_id", sorted(PRINTED))
def test_citation_matches_the_printed_one(ref_id: str) -> None:
    got = format_citation(REFERENCES[ref_id]).text
    assert flatten(got) == flatten(PRINTED[ref_id])


def test_golden_citations_text_and_html(check_golden: Callable[[Path, str], None]) -> None:
    lines = []
    for ref in CORPUS.references:
        citation = format_citation(ref)
        lines += [f"[{ref.id}]", citation.text, citation.html, ""]
    check_golden(TESTS / "golden" / "citations.txt", "\n".join(lines))


def _ref(**fields: object) -> Reference:
    base: dict[str, object] = {
        "id": "x",
        "type": "rapport",
        "titre": "T",
        "position": Position("f"),
    }
    base.update(fields)
    return Reference(**base)  # type: ignore[arg-type]


def test_more_than_three_authors_gives_et_al() -> None:
    people = tuple(Person(nom=n, prenom="A.") for n in ("Un", "Deux", "Trois", "Quatre"))
    text = format_citation(_ref(auteurs=people)).text
    assert text.startswith("UN A., DEUX A., TROIS A. (et al.), T")
    assert "QUATRE" not in text


def test_particle_is_printed_in_capitals_with_the_name() -> None:
    assert format_person(Person(nom="Rivet", prenom="Savinien", particule="de")) == (
        "DE RIVET Savinien"
    )
    assert format_person(Person(organisation="Santé publique France")) == "Santé publique France"


def test_unknown_date_and_update_date() -> None:
    text = format_citation(_ref(editeurs=("ARS",), date="s.d.", date_maj="2022-03-25")).text
    assert flatten(text) == "T, ARS, s.d., màj 2022-03-25"


def test_french_typography_uses_no_break_spaces_but_spares_urls() -> None:
    assert french_typography("Santé : faire ? « Ma santé »") == (
        "Santé\u00a0: faire\u202f? «\u00a0Ma santé\u00a0»"
    )
    assert french_typography("voir https://exemple.fr/a:b") == "voir https://exemple.fr/a:b"


def test_html_escapes_markup_and_marks_language() -> None:
    html = format_citation(_ref(titre="<script>x</script>", langue="en", publication="R&D")).html
    assert "<script>" not in html
    assert '<span lang="en">&lt;script&gt;x&lt;/script&gt;</span>' in html
    assert "<em>R&amp;D</em>" in html
