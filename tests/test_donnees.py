"""Structured data from the other source documents (donnees/)."""

from __future__ import annotations

import yaml

from biblio.validate.runner import load_base
from conftest import REPO

SURVEY = yaml.safe_load((REPO / "donnees" / "enquete-fts-2021.yaml").read_text(encoding="utf-8"))


def test_survey_source_is_a_record_of_the_base() -> None:
    references = {r.id for r in load_base(REPO).corpus.references}
    assert SURVEY["source"] in references


def test_printed_percentages_follow_from_the_counts() -> None:
    figures = SURVEY["questionnaire"]["chiffres"]
    assert SURVEY["questionnaire"]["reponses"] == 94
    checked = [f for f in figures if "pourcentage" in f]
    assert len(checked) == 8
    for figure in checked:
        assert round(100 * figure["effectif"] / figure["base"]) == figure["pourcentage"], figure


def test_questions_and_levers_are_complete() -> None:
    # As printed on the slides: 6 themes, 2+2+4+2+3+2 questions, 5 levers.
    assert [len(t["questions"]) for t in SURVEY["questionnements"]] == [2, 2, 4, 2, 3, 2]
    assert len(SURVEY["leviers"]) == 5
