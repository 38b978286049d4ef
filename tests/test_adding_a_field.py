"""Adding a field is a change to the schema only: in a scratch copy of the package, two
fields are added to ``schema_fields.py`` and nothing else; the every-field round trip and
the checks of ``scratch/added_field_checks.py`` then pass there (see « Ajouter un champ »
in the README)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import TESTS

PACKAGE = TESTS.parent / "scripts" / "biblio"
ADDED = """    FieldSpec(
        "collection",
        "Collection",
        TEXT,
        "Collection (série) où paraît le document.",
        example="Les Dossiers de la DREES",
        biblatex="series",
        ris="T3",
        csl="collection-title",
        notice="Collection",
    ),
    FieldSpec(
        "public",
        "Public visé",
        TEXTS,
        "Publics à qui le document s'adresse.",
        example="[élus, professionnels]",
        notice="Public visé",
    ),
"""
END_OF_REFERENCES = "\n)\n\nTERM_FIELDS"


def test_a_field_added_to_the_schema_only_travels_everywhere(tmp_path: Path) -> None:
    scripts = tmp_path / "scripts"
    shutil.copytree(PACKAGE, scripts / "biblio", ignore=shutil.ignore_patterns("__pycache__"))
    fields = scripts / "biblio" / "schema_fields.py"
    text = fields.read_text(encoding="utf-8")
    assert text.count(END_OF_REFERENCES) == 1
    fields.write_text(text.replace(END_OF_REFERENCES, f"\n{ADDED})\n\nTERM_FIELDS"))
    shutil.copy(TESTS / "test_every_field.py", tmp_path / "test_every_field.py")
    shutil.copy(TESTS / "scratch" / "added_field_checks.py", tmp_path / "test_added_field.py")
    environment = {**os.environ, "PYTHONPATH": str(scripts), "BIBLIO_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, "test_every_field.py", "test_added_field.py"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed in .*", summary), summary  # none skipped
