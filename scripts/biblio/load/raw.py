"""A record as read from its file, before validation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from biblio.load.yaml_tree import Marks
from biblio.model import Position
from biblio.schema import RecordKind


@dataclass
class RawRecord:
    """Plain values of one record, with the marks that locate them in the file."""

    kind: RecordKind
    id: str
    data: dict[str, Any]
    marks: Marks
    origin: Position
    # Fields the loader already reported (not reported again as missing).
    reported: frozenset[str] = frozenset()
    # The exchange format it was read from (bibtex, ris, csljson), "" for a record file.
    exchange_format: str = ""
