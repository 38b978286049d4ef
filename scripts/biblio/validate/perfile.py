"""What one file decides on its own (syntax, fields, the citations it makes), as results that
the cache stores as plain data; a large batch of files is checked on two processes."""

from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import partial
from operator import attrgetter
from typing import Any

from biblio.build import RECORD_CLASSES, build_record, markdown_fields, text_origin
from biblio.diagnostics import Diagnostic
from biblio.ids import id_problem
from biblio.load.files import SourceFile, read_file
from biblio.load.tree import read_source
from biblio.model import Person, Position, Record, Reference, new_record, set_fields
from biblio.schema import RecordKind
from biblio.validate.record import check_record
from biblio.validate.texts import Citation, check_texts

# (dataclasses.astuple deep-copies every value: nearly a tenth of the checking time.)
_person_fields = attrgetter(*(f.name for f in fields(Person)))
_diagnostic_fields = attrgetter(*(f.name for f in fields(Diagnostic)))
# Below this many files to check, starting a second process costs more than it saves.
PARALLEL_MINIMUM = 1000


@dataclass(frozen=True)
class Entry:
    """One record found in a file; ``record`` is None when a required field failed."""

    kind: RecordKind
    id: str
    origin: Position
    record: Record | None


@dataclass
class FileResult:
    """Everything one file decides on its own."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


def to_plain(result: FileResult) -> Any:
    """``result`` as plain tuples, dicts and strings (what the cache stores)."""
    entries = [
        (str(e.kind), e.id, tuple(e.origin), _record_to_plain(e.record) if e.record else None)
        for e in result.entries
    ]
    problems = [_diagnostic_fields(d) for d in result.problems]
    citations = [tuple(c) for c in result.citations]
    return (entries, problems, citations)


def from_plain(data: Any) -> FileResult:
    entries, problems, citations = data
    return FileResult(
        entries=[
            Entry(
                RecordKind(kind),
                id_,
                Position(*origin),
                _record_from_plain(RecordKind(kind), plain) if plain else None,
            )
            for kind, id_, origin, plain in entries
        ],
        problems=[Diagnostic(*d) for d in problems],
        citations=[Citation(*c) for c in citations],
    )


def _record_to_plain(record: Record) -> dict[str, Any]:
    values = set_fields(record)  # defaults left out: a smaller cache, faster to read
    values["position"] = tuple(record.position)
    if isinstance(record, Reference):
        values["auteurs"] = tuple(_person_fields(p) for p in record.auteurs)
    return values


def _record_from_plain(kind: RecordKind, plain: dict[str, Any]) -> Record:
    values = dict(plain)  # the cached data must stay plain: it is written back as is
    values["position"] = Position(*values["position"])
    if kind == RecordKind.REFERENCE:
        values["auteurs"] = tuple(Person(*p) for p in values["auteurs"])
    record: Record = new_record(RECORD_CLASSES[kind], values)
    return record


def check_file(source: SourceFile, data: bytes) -> FileResult:
    raws, problems = read_source(source, data)
    result = FileResult(problems=problems)
    for raw in raws:
        values, record_problems = check_record(raw)
        result.problems.extend(record_problems)
        # An id that fails the id check was reported where it was read (F007 for a file
        # name, X013 for a BibTeX key): no record, so no page or file is named after it.
        record = build_record(raw, values) if id_problem(raw.id) is None else None
        if record is not None:
            texts = markdown_fields(raw, values)
            text_problems, citations = check_texts(record, texts, partial(text_origin, raw))
            result.problems.extend(text_problems)
            result.citations.extend(citations)
        result.entries.append(Entry(raw.kind, raw.id, raw.origin, record))
    return result


# A file to check: its bytes, or None when the process that checks it reads it.
Pending = tuple[SourceFile, bytes | None]
# A checked file: its result, the result's plain form (for the cache) and the bytes' digest.
Checked = tuple[FileResult, Any, str]


def check_files(files: list[Pending], keep_plain: bool = True) -> list[Checked]:
    """Check each file; a large batch is shared with a second process. Plain forms and digests
    are computed only if ``keep_plain``; an unreadable file's digest is empty (not cached)."""
    if not shares_work(len(files)):
        return [_checked(source, data, keep_plain) for source, data in files]
    # The child gets the list by fork (no copy) and sends its results back as plain data;
    # this process checks its own share meanwhile. Measured on 10,000 references, the child
    # is the slower per file (it also encodes its results): this process takes a bit more.
    split = len(files) * 13 // 25
    global _BATCH
    _BATCH = files
    mine: list[Checked] | None = None
    theirs: list[Checked] | None = None
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        future = pool.submit(_check_share, split, len(files))
        mine = [_checked(source, data, keep_plain) for source, data in files[:split]]
        shared = marshal.loads(future.result())
        theirs = [(from_plain(plain), plain, digest) for plain, digest in shared]
    except Exception:  # the second process failed (resources, killed): its share is done here
        pass
    finally:
        pool.shutdown(cancel_futures=True)
        _BATCH = []
    if mine is None:
        mine = [_checked(source, data, keep_plain) for source, data in files[:split]]
    if theirs is None:
        theirs = [_checked(source, data, keep_plain) for source, data in files[split:]]
    return mine + theirs


# The batch a forked child reads (set only while a pool runs).
_BATCH: list[Pending] = []


def _check_share(start: int, end: int) -> bytes:
    checked = (_checked(source, data, True) for source, data in _BATCH[start:end])
    return marshal.dumps([(plain, digest) for _, plain, digest in checked])


def _checked(source: SourceFile, data: bytes | None, keep_plain: bool) -> Checked:
    if data is None:
        read = read_file(source)
        if isinstance(read, Diagnostic):
            result = FileResult(problems=[read])
            return result, to_plain(result) if keep_plain else None, ""
        data = read
    result = check_file(source, data)
    if not keep_plain:
        return result, None, ""
    return result, to_plain(result), hashlib.sha1(data).hexdigest()


def shares_work(count: int) -> bool:
    """Whether checking ``count`` files is shared with a second process."""
    return count >= PARALLEL_MINIMUM and can_fork()


def can_fork() -> bool:
    """Two cores, and a process that forks safely (no other thread: ``mkdocs serve``)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return cores > 1 and forkable and threading.active_count() == 1
