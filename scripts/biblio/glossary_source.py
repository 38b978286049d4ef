"""The glossary as the Markdown extension needs it: loaded once, reloaded when it changes.

MkDocs builds a new Markdown converter for every page, so the terms are kept here between
pages, keyed on the glossary files' names, sizes and modification times.
"""

from __future__ import annotations

import os
from pathlib import Path

from biblio.load.files import find_record_files
from biblio.model import Term
from biblio.schema import FOLDERS
from biblio.terms import TermFinder
from biblio.validate.runner import check_file

_cache: dict[Path, tuple[object, dict[str, Term], TermFinder]] = {}


def load_terms(root: Path) -> tuple[dict[str, Term], TermFinder]:
    """Terms of the base at ``root`` (by id) and their finder; bad records are skipped
    (the validator reports them)."""
    root = root.resolve()
    signature = _signature(root / FOLDERS["terme"])  # called for every page: stats only
    cached = _cache.get(root)
    if cached is not None and cached[0] == signature:
        return cached[1], cached[2]
    sources, _ = find_record_files(root, kinds=("terme",))
    terms: dict[str, Term] = {}
    for source in sources:
        for entry in check_file(source, source.path.read_bytes()).entries:
            if isinstance(entry.record, Term):
                terms[entry.record.id] = entry.record
    finder = TermFinder(terms.values())
    _cache[root] = (signature, terms, finder)
    return terms, finder


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    with os.scandir(folder) as entries:
        stamps = [(e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries]
    return tuple(sorted(stamps))
