"""Schema, model and generated documentation stay in step."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from biblio import schema
from biblio.model import Position, Reference, Section, Term, new_record
from biblio.render.schema_page import render_schema_page
from conftest import TESTS

_TECHNICAL = {"position"}


def _fields(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} - _TECHNICAL


def test_model_fields_are_the_schema_fields() -> None:
    assert _fields(Reference) == {f.name for f in schema.REFERENCE_FIELDS}
    assert _fields(Term) == {f.name for f in schema.TERM_FIELDS}
    assert _fields(Section) == {f.name for f in schema.SECTION_FIELDS}


def test_every_type_requires_fields_that_exist() -> None:
    names = {f.name for f in schema.REFERENCE_FIELDS}
    for type_spec in schema.TYPES:
        assert set(type_spec.required) <= names, type_spec.id


def test_every_vocabulary_field_names_a_vocabulary() -> None:
    for spec in schema.REFERENCE_FIELDS:
        if spec.kind == schema.VOCABULARY:
            assert spec.vocabulary in schema.VOCABULARIES


def test_format_page_documents_every_key_and_code(
    check_golden: Callable[[Path, str], None],
) -> None:
    page = render_schema_page()
    for fields in schema.FIELDS_BY_KIND.values():
        for spec in fields:
            assert f"`{spec.name}`" in page
    for code in schema.DIAGNOSTIC_CODES:
        assert f"`{code}`" in page
    check_golden(TESTS / "golden" / "format-des-fiches.md", page)


def test_every_code_used_in_fixtures_is_documented() -> None:
    used = set()
    for expected in (TESTS / "fixtures" / "invalide").glob("*/attendu.txt"):
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.endswith("]"):
                used.add(line.rsplit("[", 1)[1].rstrip("]"))
    assert used <= set(schema.DIAGNOSTIC_CODES)
    assert len(used) >= 25


def test_every_code_the_package_emits_is_documented() -> None:
    package = TESTS.parent / "scripts" / "biblio"
    emitted = {
        code
        for path in package.rglob("*.py")
        for code in re.findall(r'"([A-Z]\d{3})"', path.read_text(encoding="utf-8"))
    }
    assert len(emitted) >= 30
    assert emitted == set(schema.DIAGNOSTIC_CODES)


def test_new_record_is_the_dataclass_with_its_checks() -> None:
    position = Position("references/x.yaml")
    values = {"id": "x", "type": "rapport", "titre": "T", "position": position, "numero": 3}
    made = new_record(Reference, values)
    assert made == Reference(**values)
    assert (made.auteurs, made.langue) == ((), "fr")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.titre = "autre"  # type: ignore[misc]
    with pytest.raises(TypeError, match="unknown \\['tite'\\]"):
        new_record(Reference, {**values, "tite": "T"})
    with pytest.raises(TypeError, match="missing \\['titre'\\]"):
        new_record(Reference, {k: v for k, v in values.items() if k != "titre"})


def test_every_reference_field_says_where_its_page_shows_it() -> None:
    for spec in schema.REFERENCE_FIELDS:
        assert spec.notice or spec.shown, spec.name


def test_every_link_field_names_its_diagnostic() -> None:
    for fields in schema.FIELDS_BY_KIND.values():
        for spec in fields:
            if spec.kind in schema.LINK_TARGETS:
                code, label = spec.link
                assert code in schema.DIAGNOSTIC_CODES, spec.name
                assert label, spec.name


def test_every_field_has_an_example() -> None:
    for fields in schema.FIELDS_BY_KIND.values():
        for spec in fields:
            assert spec.example, spec.name
