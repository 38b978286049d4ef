"""No input, however broken, makes the loader raise: every problem becomes a diagnostic."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from biblio.diagnostics import Diagnostic
from biblio.load.files import SourceFile
from biblio.validate import runner
from biblio.validate.runner import load_base
from conftest import FIXTURES, REPO

_INSERTS = [
    b":",
    b"\t",
    b"- ",
    b"{",
    b"[",
    b"'",
    b'"',
    b"&a ",
    b"*a ",
    b"!!python/object ",
    b"\xff",
]
SOURCES = [
    *sorted((REPO / "references").glob("*.yaml"))[:6],
    FIXTURES / "base" / "references" / "zotero.bib",
    REPO / "glossaire" / "cpts.yaml",
    REPO / "sections" / "ateliers-sante-ville.yaml",
]


def _mutations(data: bytes, rng: random.Random) -> list[bytes]:
    cuts = [data[: rng.randrange(len(data))] for _ in range(4)]
    inserted = []
    for insert in _INSERTS:
        at = rng.randrange(len(data))
        inserted.append(data[:at] + insert + data[at:])
    flipped = bytearray(data)
    for _ in range(5):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    return [*cuts, *inserted, bytes(flipped), b"", b"\x00\x01", b"- a\n- b\n", b"a: [1, 2\n"]


@pytest.mark.parametrize("source", SOURCES, ids=[p.name for p in SOURCES])
def test_mutated_record_yields_diagnostics_not_exceptions(source: Path, base_copy: Path) -> None:
    rng = random.Random(source.name)
    folder = "references" if source.parent.name == "references" else source.parent.name
    target = base_copy / folder / ("mutant" + source.suffix)
    for mutant in _mutations(source.read_bytes(), rng):
        target.write_bytes(mutant)
        report = load_base(base_copy, use_cache=False)  # must not raise
        assert all(d.fichier and d.ligne >= 1 and d.colonne >= 1 for d in report.diagnostics)


def test_python_tags_are_refused_not_executed(base_copy: Path) -> None:
    (base_copy / "references" / "piege.yaml").write_text(
        "type: rapport\ntitre: !!python/object/apply:os.system ['echo pirate']\ndate: '2020'\n",
        encoding="utf-8",
    )
    report = load_base(base_copy, use_cache=False)
    assert any(d.fichier == "references/piege.yaml" for d in report.diagnostics)


def test_explicit_yaml_tags_are_reported(base_copy: Path) -> None:
    (base_copy / "references" / "etiquette.yaml").write_text(
        "type: rapport\ntitre: !!python/name:os.system x\ndate: '2020'\n", encoding="utf-8"
    )
    report = load_base(base_copy, use_cache=False)
    assert [d.format() for d in report.diagnostics if d.fichier.endswith("etiquette.yaml")] == [
        "references/etiquette.yaml:2:8: erreur: étiquette YAML "
        "« tag:yaml.org,2002:python/name:os.system » non admise : écrivez la valeur sans « ! » "
        "[F002]"
    ]


@pytest.mark.parametrize("cached", [False, True])
def test_a_file_that_cannot_be_read_is_reported(
    base_copy: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    load_base(base_copy)  # with ``cached``, files are looked up in a filled cache
    listed = runner.find_record_files

    def with_a_vanished_file(root: Path) -> tuple[list[SourceFile], list[Diagnostic]]:
        sources, problems = listed(root)
        gone = SourceFile(
            "reference", root / "references" / "partie.yaml", "references/partie.yaml"
        )
        return [*sources, gone], problems

    monkeypatch.setattr(runner, "find_record_files", with_a_vanished_file)
    report = load_base(base_copy, use_cache=cached)
    assert [d.format() for d in report.diagnostics if d.gravite == "erreur"] == [
        "references/partie.yaml:1:1: erreur: fichier illisible : fichier supprimé pendant la "
        "vérification [F008]"
    ]
