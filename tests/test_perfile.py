"""One file checked on its own: the id check runs once per record, and a failed id builds no
record (the loader reported it: F007 for a file name, X013 for a BibTeX key)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from biblio import ids
from biblio.load import files, tree
from biblio.load.files import SourceFile
from biblio.validate import perfile

YAML = b"type: rapport\ntitre: Un titre\ndate: 2020\n"
BIBTEX = (
    b"@report{bon-2020,\n  title = {Un titre},\n  date = {2020},\n}\n"
    b"@report{Mauvaise_Cle,\n  title = {Un autre},\n  date = {2021},\n}\n"
)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every id given to the id check, wherever a module imported it from."""
    seen: list[str] = []
    real: Callable[[str], str | None] = ids.id_problem

    def counting(value: str) -> str | None:
        seen.append(value)
        return real(value)

    for module in (files, tree, perfile):
        monkeypatch.setattr(module, "id_problem", counting, raising=False)
    return seen


def _source(name: str) -> SourceFile:
    return SourceFile("reference", Path("/nonexistent") / name, f"references/{name}")


def test_a_record_file_has_its_id_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counted(monkeypatch)
    result = perfile.check_file(_source("rapport-2020.yaml"), YAML)
    assert seen == ["rapport-2020"]
    assert [e.record is not None for e in result.entries] == [True]


def test_a_bad_file_name_builds_no_record(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counted(monkeypatch)
    result = perfile.check_file(_source("Rapport_2020.yaml"), YAML)
    assert seen == ["Rapport_2020"]
    assert [p.code for p in result.problems] == ["F007"]
    assert [e.record for e in result.entries] == [None]


def test_each_bibtex_key_is_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counted(monkeypatch)
    result = perfile.check_file(_source("lot.bib"), BIBTEX)
    assert sorted(seen) == ["Mauvaise_Cle", "bon-2020"]
    assert "X013" in [p.code for p in result.problems]
    built = {e.id: e.record is not None for e in result.entries}
    assert built == {"bon-2020": True, "Mauvaise_Cle": False}
