"""The glossary as the Markdown extension needs it: loaded once, reloaded when it changes.

MkDocs builds a new Markdown converter for every page, so the terms are kept here between
pages, keyed on the glossary files' names, sizes and modification times.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from biblio.load.files import find_record_files
from biblio.model import Term
from biblio.schema import FOLDERS, RecordKind
from biblio.terms import TermFinder, short_definition
from biblio.validate.perfile import check_file


@dataclass(frozen=True)
class Glossary:
    finder: TermFinder
    tooltips: dict[str, str]  # term id → « Terme : short definition »


_cache: dict[Path, tuple[object, Glossary]] = {}


def load_glossary(root: Path) -> Glossary:
    """The terms of the base at ``root``, ready for the tooltips; bad records are skipped
    (the validator reports them)."""
    root = root.resolve()
    signature = _signature(root / FOLDERS[RecordKind.TERM])  # called for every page: stats only
    cached = _cache.get(root)
    if cached is not None and cached[0] == signature:
        return cached[1]
    sources, _ = find_record_files(root, kinds=(RecordKind.TERM,))
    terms: dict[str, Term] = {}
    for source in sources:
        for entry in check_file(source, source.path.read_bytes()).entries:
            if isinstance(entry.record, Term):
                terms[entry.record.id] = entry.record
    glossary = glossary_of(terms.values())
    _cache[root] = (signature, glossary)
    return glossary


def glossary_of(terms: Iterable[Term]) -> Glossary:
    """The finder and tooltips of ``terms``. A tooltip is plain text (names and the short
    definition, Markdown removed); the site's HTML allowlist makes it safe for Material,
    which reads a ``title`` as HTML."""
    terms = list(terms)
    tooltips = {t.id: " ".join(f"{t.terme} : {short_definition(t)}".split()) for t in terms}
    return Glossary(TermFinder(terms), tooltips)


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    with os.scandir(folder) as entries:
        stamps = [(e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries]
    return tuple(sorted(stamps))
