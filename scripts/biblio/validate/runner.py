"""Loading and checking a whole base: every diagnostic, sorted, and the corpus.

Checks run in two phases: what one file alone decides (syntax, fields, footnotes, the
citations it makes) is computed per file and cached; what needs every record (duplicates,
dangling links and citations) runs on the whole corpus each time.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

from biblio.build import RECORD_CLASSES, build_record
from biblio.diagnostics import ERROR, WARNING, Diagnostic, error, quote
from biblio.load.cache import FileCache
from biblio.load.donnees import load_donnees
from biblio.load.files import SourceFile, find_record_files
from biblio.load.tree import read_source
from biblio.model import Corpus, Person, Position, Record, Reference, Section, Term, TextOrigin
from biblio.validate.corpus import check_corpus
from biblio.validate.record import check_record
from biblio.validate.texts import Citation, check_citations, check_texts


@dataclass(frozen=True)
class Entry:
    """One record found in a file; ``record`` is None when a required field failed."""

    kind: str
    id: str
    origin: Position
    record: Record | None


@dataclass
class FileResult:
    """Everything one file decides on its own."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


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


def to_plain(result: FileResult) -> Any:
    """``result`` as plain tuples, dicts and strings (what the cache stores)."""
    entries = [
        (e.kind, e.id, tuple(e.origin), _record_to_plain(e.record) if e.record else None)
        for e in result.entries
    ]
    problems = [astuple(d) for d in result.problems]
    citations = [(c.target, tuple(c.position)) for c in result.citations]
    return (entries, problems, citations)


def from_plain(data: Any) -> FileResult:
    entries, problems, citations = data
    return FileResult(
        entries=[
            Entry(kind, id_, Position(*origin), _record_from_plain(kind, plain) if plain else None)
            for kind, id_, origin, plain in entries
        ],
        problems=[Diagnostic(*d) for d in problems],
        citations=[Citation(target, Position(*where)) for target, where in citations],
    )


def _record_to_plain(record: Record) -> dict[str, Any]:
    values = dict(vars(record))
    values["position"] = tuple(record.position)
    values["origins"] = {k: tuple(v) for k, v in record.origins.items()}
    if isinstance(record, Reference):
        values["auteurs"] = tuple(astuple(p) for p in record.auteurs)
    return values


def _record_from_plain(kind: str, plain: dict[str, Any]) -> Record:
    values = dict(plain)  # the cached data must stay plain: it is written back as is
    values["position"] = Position(*values["position"])
    values["origins"] = {k: TextOrigin(*v) for k, v in values["origins"].items()}
    if kind == "reference":
        values["auteurs"] = tuple(Person(*p) for p in values["auteurs"])
    record: Record = RECORD_CLASSES[kind](**values)
    return record


def check_file(source: SourceFile, data: bytes) -> FileResult:
    raws, problems = read_source(source, data)
    result = FileResult(problems=problems)
    for raw in raws:
        values, record_problems = check_record(raw)
        result.problems.extend(record_problems)
        record = build_record(raw, values)
        if record is not None:
            text_problems, citations = check_texts(record)
            result.problems.extend(text_problems)
            result.citations.extend(citations)
        result.entries.append(Entry(raw.kind, raw.id, raw.origin, record))
    return result


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
    cache = FileCache(root) if use_cache else None
    results = []
    for source in sources:
        data = source.path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        plain = cache.get(source.relative, digest) if cache else None
        if plain is not None:
            results.append(from_plain(plain))
            continue
        result = check_file(source, data)
        if cache:
            cache.put(source.relative, digest, to_plain(result))
        results.append(result)
    if cache:
        cache.save()
    return _assemble(root, results, problems)


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
    problems.extend(check_corpus(corpus))
    reference_ids = {r.id for r in corpus.references}
    problems.extend(check_citations(citations, reference_ids))
    donnees, donnees_problems = load_donnees(root, reference_ids)
    problems.extend(donnees_problems)
    return Report(corpus, tuple(sorted(set(problems))), donnees)


def _id(record: Record) -> str:
    return record.id
