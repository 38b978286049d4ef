"""Where a field of a record is written: found again in its file when a message needs it.

Records keep only where they start; checks across records (duplicates, dangling links) report
a few fields at most, so reading those files again costs less than locating every value of
every file while loading.
"""

from __future__ import annotations

from pathlib import Path

from biblio.build import text_origin
from biblio.diagnostics import Diagnostic
from biblio.load.files import SourceFile, read_file
from biblio.load.raw import RawRecord
from biblio.load.tree import read_source
from biblio.model import Position, Record
from biblio.schema import FOLDERS

_KINDS = {folder: kind for kind, folder in FOLDERS.items()}


class FieldLocator:
    """Positions in the files of a base, found when asked: the record's start when its file
    can no longer be read or no longer holds the field."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._raws: dict[str, list[RawRecord]] = {}

    def field(self, record: Record, name: str) -> Position:
        """Where field ``name`` of ``record`` is written."""
        raw = self._raw(record.position.fichier, record.id)
        return raw.marks.value((name,)) if raw is not None else record.position

    def text(self, fichier: str, record_id: str, name: str, offset: int) -> Position:
        """Where character ``offset`` of text field ``name`` of a record is written."""
        raw = self._raw(fichier, record_id)
        if raw is None:
            return Position(fichier)
        text = raw.data.get(name)
        origin = text_origin(raw, name)
        return origin.position(text, offset) if isinstance(text, str) else origin.position("", 0)

    def _raw(self, relative: str, record_id: str) -> RawRecord | None:
        if relative not in self._raws:
            self._raws[relative] = self._read(relative)
        # A .bib file holds several records (the corpus keeps the first of a repeated id).
        return next((raw for raw in self._raws[relative] if raw.id == record_id), None)

    def _read(self, relative: str) -> list[RawRecord]:
        folder = relative.split("/", 1)[0]
        kind = _KINDS.get(folder)
        if kind is None:
            return []
        source = SourceFile(kind, self.root / relative, relative)
        data = read_file(source)
        if isinstance(data, Diagnostic):
            return []
        raws, _ = read_source(source, data)
        return raws
