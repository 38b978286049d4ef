"""Real export files written by others (tests/fixtures/reel/, provenance in SOURCES.md),
each imported into a scratch base: every entry ends in exactly one state, nothing raises."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from biblio.convert.common import reference_values
from biblio.convert.formats import BY_NAME
from biblio.diagnostics import ERROR
from biblio.importing import (
    ImportPlan,
    declared_as_utf8,
    detect_format,
    plan_import,
    read_entries,
    refused_entries,
)
from biblio.load.files import SourceFile, decode
from biblio.model import Reference
from biblio.validate.runner import load_base
from conftest import FIXTURES

REEL = FIXTURES / "reel"
FILES = sorted(p.name for p in REEL.iterdir() if p.name != "SOURCES.md")
TODAY = "2026-01-15"
# Why an entry may be refused: it cannot be read (encoding, syntax, bounds).
UNREADABLE = {"F001", "F003", "F013"}
_NOT_ENTRIES = {"string", "comment", "preamble", "xdata"}


def _plan(base: Path, name: str) -> tuple[ImportPlan, list[Any]]:
    corpus = load_base(base).corpus
    entries, problems = read_entries((REEL / name).read_bytes(), name)
    plan = plan_import(corpus, entries, TODAY)
    plan.refused = refused_entries(problems)
    return plan, problems


def _entries_in_file(name: str) -> int:
    """Entries counted from the text alone (not by the readers under test)."""
    data = declared_as_utf8((REEL / name).read_bytes())  # UTF-16 files say they are
    text = decode(SourceFile("reference", Path(name), name), data)
    if not isinstance(text, str):
        return 1  # not UTF-8: the file is one refused entry
    kind = detect_format(text, name)
    if kind == "csljson":
        try:
            document = json.loads(text.lstrip("\ufeff"))
        except (ValueError, RecursionError):
            return 1
        return len(document) if isinstance(document, list) else 1
    if kind == "ris":
        return len(re.findall(r"^TY\s{1,2}-", text.lstrip("\ufeff"), re.MULTILINE))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    types = re.findall(r"^[ \t]*@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*[{(]", text, re.MULTILINE)
    return sum(1 for t in types if t.lower() not in _NOT_ENTRIES)


def _comparable(ref: Reference) -> dict[str, Any]:
    values = reference_values(ref)
    values.pop("date_ajout", None)
    return values


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    base = tmp_path / "base"
    shutil.copytree(FIXTURES / "base", base)
    return base


def test_the_corpus_is_large_enough() -> None:
    assert len(FILES) >= 40
    sources = (REEL / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_a_real_export_imports_entry_by_entry(name: str, scratch: Path) -> None:
    plan, problems = _plan(scratch, name)
    states = len(plan.created) + len(plan.skipped) + len(plan.refused)
    orphans = sum(1 for d in problems if d.gravite == ERROR and "hors d'une fiche" in d.message)
    assert states == (_entries_in_file(name) + orphans or 1)  # nothing read: the file
    assert {d.code for d in problems if d.gravite == ERROR} <= UNREADABLE
    for created in plan.created:
        (scratch / created.path).write_text(created.text, encoding="utf-8")
    mine = {c.path for c in plan.created}
    report = load_base(scratch)
    errors = [d.format() for d in report.diagnostics if d.fichier in mine and d.gravite == ERROR]
    assert errors == []
    again, _ = _plan(scratch, name)
    assert again.created == []


@pytest.mark.parametrize("name", FILES)
def test_a_real_export_comes_back_from_its_own_format(name: str, tmp_path: Path) -> None:
    first = tmp_path / "first"
    shutil.copytree(FIXTURES / "base", first)
    plan, _ = _plan(first, name)
    references = [c.reference for c in plan.created]
    kind = read_kind(name)
    if not references or kind is None:
        pytest.skip("aucune fiche créée (fichier illisible) : rien à réexporter")
    exported = BY_NAME[kind].dump(references)
    second = tmp_path / "second"
    shutil.copytree(FIXTURES / "base", second)
    entries, problems = read_entries(exported.encode(), f"export.{kind}")
    assert [d for d in problems if d.gravite == ERROR] == []
    again = plan_import(load_base(second).corpus, entries, TODAY, keep_duplicates=True)
    assert [_comparable(c.reference) for c in again.created] == [_comparable(r) for r in references]


def read_kind(name: str) -> str | None:
    data = declared_as_utf8((REEL / name).read_bytes())
    text = decode(SourceFile("reference", Path(name), name), data)
    return detect_format(text, name) if isinstance(text, str) else None


@pytest.mark.parametrize(
    ("name", "title_start", "date", "kept"),
    [
        # JabRef's placeholders (« 99 », « YEAR/MONTH/DAY/ ») before the date: read past.
        (
            "ris-jabref-importer-test1.ris",
            "Editorial.",
            "2001-09-01",
            {"ris:PY": "99\nYEAR/MONTH/DAY/\n2001/00/00/\n///\n2001///", "ris:Y1": "2001/09/01/"},
        ),
        # PubMed Central: Y1 « 2013 » first, read; the publication date and the received and
        # accepted dates after it, kept (the most precise would need RIS's writer to give each
        # kept value its own line: joined, a re-import reads them back as one date).
        (
            "ris-jabref-pmc.ris",
            "",
            "2013",
            {"ris:PY": "2013/04/18\n2013/02/15/received\n2013/03/14/accepted"},
        ),
    ],
)
def test_several_date_lines_of_real_exports(
    name: str, title_start: str, date: str, kept: dict[str, str]
) -> None:
    data = declared_as_utf8((REEL / name).read_bytes())
    text = decode(SourceFile("reference", Path(name), name), data)
    assert isinstance(text, str)
    records, _ = BY_NAME["ris"].parse(text, name)
    (record,) = (
        r
        for r in records
        if str(r.data.get("titre", "")).startswith(title_start) and "date" in r.data
    )
    assert record.data["date"] == date
    complements = record.data["complements"]
    assert {k: v for k, v in complements.items() if k in ("ris:PY", "ris:Y1", "ris:DA")} == kept
