"""Loading and checking a whole base: every diagnostic, sorted, and the corpus.

Checks run in two phases: what one file alone decides (syntax, fields, footnotes, the
citations it makes) is computed per file and cached; what needs every record (duplicates,
dangling links and citations) runs on the whole corpus each time.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biblio.diagnostics import ERROR, WARNING, Diagnostic, error, quote
from biblio.load.cache import FileCache
from biblio.load.donnees import load_donnees
from biblio.load.files import SourceFile, find_record_files, read_file
from biblio.model import Corpus, Record, Reference, Section, Term
from biblio.staging import interrupted_runs
from biblio.validate.corpus import check_corpus
from biblio.validate.drafts import check_links_to_drafts
from biblio.validate.locate import FieldLocator
from biblio.validate.perfile import Entry, FileResult, Pending, check_files, from_plain
from biblio.validate.texts import Citation, check_citations


@dataclass(frozen=True)
class Report:
    """The result of loading a base."""

    corpus: Corpus
    diagnostics: tuple[Diagnostic, ...]
    # Well-formed datasets of donnees/ (survey, workshop) by name, for the knowledge pages.
    donnees: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.gravite == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.gravite == WARNING)


def load_base(root: Path, use_cache: bool = True) -> Report:
    """Read, check and build every record under ``root``; never raises on bad data."""
    # Loading allocates many small objects and no cycles: the cyclic collector would only
    # rescan them again and again (a third of the time on 10,000 records).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(root, use_cache)
    finally:
        if paused:
            gc.enable()


def _load(root: Path, use_cache: bool) -> Report:
    sources, problems = find_record_files(root)
    problems.extend(interrupted_runs(root))  # half-committed writes do not pass silently
    cache = FileCache(root) if use_cache else None
    results, pending = _from_cache(sources, cache)
    checked = check_files([file for _, file in pending], keep_plain=cache is not None)
    for (index, (source, _)), (result, plain, digest) in zip(pending, checked, strict=True):
        results[index] = result
        if cache and digest:
            cache.put(source.relative, digest, plain)
    if cache:
        cache.save()
    return _assemble(root, [r for r in results if r is not None], problems)


def _from_cache(
    sources: list[SourceFile], cache: FileCache | None
) -> tuple[list[FileResult | None], list[tuple[int, Pending]]]:
    """The cached results (None where there is none) and the files left to check."""
    results: list[FileResult | None] = [None] * len(sources)
    pending: list[tuple[int, Pending]] = []
    for index, source in enumerate(sources):
        if cache is None or not cache.previous:
            pending.append((index, (source, None)))  # nothing to look up: read when checked
            continue
        data = read_file(source)
        if isinstance(data, Diagnostic):
            pending.append((index, (source, None)))
            continue
        plain = cache.get(source.relative, hashlib.sha1(data).hexdigest())
        if plain is None:
            pending.append((index, (source, data)))
        else:
            results[index] = from_plain(plain)
    return results, pending


def _assemble(root: Path, results: list[FileResult], problems: list[Diagnostic]) -> Report:
    records: list[Record] = []
    citations: list[Citation] = []
    first_seen: dict[tuple[str, str], Entry] = {}
    for result in results:
        problems.extend(result.problems)
        citations.extend(result.citations)
        for entry in result.entries:
            first = first_seen.setdefault((entry.kind, entry.id), entry)
            if first is not entry:
                message = f"identifiant {quote(entry.id)} déjà utilisé par {first.origin.fichier}"
                problems.append(error(entry.origin, "X001", message))
            elif entry.record is not None:
                records.append(entry.record)
    corpus = Corpus(
        references=tuple(sorted((r for r in records if isinstance(r, Reference)), key=_id)),
        terms=tuple(sorted((r for r in records if isinstance(r, Term)), key=_id)),
        sections=tuple(sorted((r for r in records if isinstance(r, Section)), key=_id)),
    )
    locator = FieldLocator(root)
    problems.extend(check_corpus(corpus, locator.field))
    reference_ids = {r.id for r in corpus.references}
    problems.extend(check_citations(citations, reference_ids, locator.text))
    problems.extend(check_links_to_drafts(corpus, citations, locator.text, locator.field))
    donnees, donnees_problems = load_donnees(root, reference_ids)
    problems.extend(donnees_problems)
    return Report(corpus, tuple(sorted(set(problems))), donnees)


def _id(record: Record) -> str:
    return record.id
