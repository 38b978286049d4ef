"""Each checker of a field returns the clean value it keeps with its diagnostics: nothing is
written as a side effect (a generator stopped halfway used to lose values silently)."""

from __future__ import annotations

from biblio import schema
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import parse_yaml
from biblio.model import Position
from biblio.validate import record, values

SPECS = {spec.name: spec for spec in schema.REFERENCE_FIELDS}


def _checked(text: str) -> record.Checked:
    document = parse_yaml(text, "references/x.yaml")
    return record.Checked(RawRecord("reference", "x", document.data, document.marks, Position("x")))


def test_a_kept_value_comes_with_its_warning() -> None:
    checked = _checked("date: XIIIe siècle\n")
    outcome = values.CHECKERS[schema.DATE](checked, SPECS["date"], "XIIIe siècle", ("date",))
    assert outcome.value == "XIIIe siècle"
    assert [p.code for p in outcome.problems] == ["R010"]


def test_a_refused_value_comes_with_its_error_and_no_value() -> None:
    checked = _checked("isbn: [978-2-11-077389-0, 123]\n")
    value = ["978-2-11-077389-0", "123"]
    outcome = values.CHECKERS[schema.IDENTIFIERS](checked, SPECS["isbn"], value, ("isbn",))
    assert outcome.value is record.REFUSED
    assert [(p.code, p.ligne) for p in outcome.problems] == [("R007", 1)]


def test_every_kind_has_a_checker_that_returns_an_outcome() -> None:
    assert set(values.CHECKERS) == set(schema.KIND_LABELS)
    checked = _checked("titre: T\n")
    outcome = values.CHECKERS[schema.TEXT](checked, SPECS["titre"], " T ", ("titre",))
    assert outcome == record.Outcome("T", [])
