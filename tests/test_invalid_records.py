"""Broken records, one fault each, yield exactly the expected diagnostics."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from biblio.cli import main
from conftest import FIXTURES, overlay

CASES = sorted(p for p in (FIXTURES / "invalide").iterdir() if p.is_dir())


def test_there_are_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_yields_expected_diagnostics(
    case: Path,
    base_copy: Path,
    capsys: pytest.CaptureFixture[str],
    check_golden: Callable[[Path, str], None],
) -> None:
    overlay(case, base_copy)
    code = main(["valider", "--racine", str(base_copy)])
    out = capsys.readouterr().out
    check_golden(case / "attendu.txt", out)
    has_error = ": erreur: " in out
    assert code == (1 if has_error else 0)
    assert "Traceback" not in out


def test_valid_base_has_no_diagnostic(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valider", "--racine", str(base_copy)]) == 0
    assert capsys.readouterr().out == "0 erreur, 0 avertissement\n"


def test_strict_fails_on_warnings(base_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overlay(FIXTURES / "invalide" / "20-champ-vide", base_copy)
    assert main(["valider", "--racine", str(base_copy)]) == 0
    assert main(["valider", "--strict", "--racine", str(base_copy)]) == 1
