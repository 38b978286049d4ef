"""Loading and checking a whole base: every diagnostic, sorted, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from biblio.build import build_record
from biblio.diagnostics import ERROR, WARNING, Diagnostic, error, quote
from biblio.load.raw import RawRecord
from biblio.load.tree import read_base
from biblio.model import Corpus, Record, Reference, Section, Term
from biblio.validate.corpus import check_corpus
from biblio.validate.record import check_record


@dataclass(frozen=True)
class Report:
    """The result of loading a base."""

    corpus: Corpus
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.gravite == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.gravite == WARNING)


def load_base(root: Path) -> Report:
    """Read, check and build every record under ``root``; never raises on bad data."""
    raws, problems = read_base(root)
    records, record_problems = build_records(raws)
    problems.extend(record_problems)
    corpus = Corpus(
        references=tuple(sorted((r for r in records if isinstance(r, Reference)), key=_id)),
        terms=tuple(sorted((r for r in records if isinstance(r, Term)), key=_id)),
        sections=tuple(sorted((r for r in records if isinstance(r, Section)), key=_id)),
    )
    problems.extend(check_corpus(corpus))
    return Report(corpus, tuple(sorted(set(problems))))


def build_records(raws: list[RawRecord]) -> tuple[list[Record], list[Diagnostic]]:
    """Check each raw record and build it; the second record with a taken id is refused."""
    records: list[Record] = []
    problems: list[Diagnostic] = []
    first_seen: dict[tuple[str, str], RawRecord] = {}
    for raw in raws:
        values, record_problems = check_record(raw)
        problems.extend(record_problems)
        first = first_seen.setdefault((raw.kind, raw.id), raw)
        if first is not raw:
            message = f"identifiant {quote(raw.id)} déjà utilisé par {first.origin.fichier}"
            problems.append(error(raw.origin, "X001", message))
            continue
        record = build_record(raw, values)
        if record is not None:
            records.append(record)
    return records, problems


def _id(record: Record) -> str:
    return record.id
