"""Data drawn from the other source documents (``donnees/``), for the knowledge pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SURVEY_FILE = "donnees/enquete-fts-2021.yaml"


def load_survey(root: Path) -> dict[str, Any] | None:
    """The survey's figures, or None when the base has none (a test checks the file)."""
    path = root / SURVEY_FILE
    if not path.is_file():
        return None
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data if isinstance(data, dict) else None
