"""Diagnostics: one problem found in a file, printed as ``fichier:ligne:colonne: …``."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from biblio.model import Position

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """A problem at a place; sorted by file, line, column."""

    fichier: str
    ligne: int
    colonne: int
    gravite: str
    code: str
    message: str

    def format(self) -> str:
        where = f"{_visible(self.fichier)}:{self.ligne}:{self.colonne}"
        return f"{where}: {self.gravite}: {self.message} [{self.code}]"


def error(where: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(where.fichier, where.ligne, where.colonne, ERROR, code, message)


def warning(where: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(where.fichier, where.ligne, where.colonne, WARNING, code, message)


def quote(value: object) -> str:
    """French quotes around a value, shortened if long; a line break or another control
    character is shown as its code (a diagnostic stays on one line)."""
    text = _visible(str(value))
    if len(text) > 60:
        text = text[:57] + "…"
    return f"« {text} »"


def _visible(text: str) -> str:
    """``text`` with its line breaks and control characters shown as codes (one line)."""
    return "".join(f"\\u{ord(c):04x}" if _is_break(c) else c for c in text)


def _is_break(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Zl", "Zp")


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    items = list(diagnostics)
    errors = sum(1 for d in items if d.gravite == ERROR)
    warnings = len(items) - errors
    return f"{errors} {_plural(errors, 'erreur')}, {warnings} {_plural(warnings, 'avertissement')}"


def _plural(count: int, word: str) -> str:
    return word if count <= 1 else word + "s"


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
