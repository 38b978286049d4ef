"""Planning an import: exchange files → new record files, duplicates set aside.

Pure: reads texts, returns what would be written and why entries were skipped. The command
(``biblio importer``) prints the plan and writes it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from biblio import schema
from biblio.build import build_record
from biblio.convert import bibtex, csljson, ris, yaml_record
from biblio.diagnostics import ERROR, Diagnostic, error, quote, warning
from biblio.ids import slug_words, unique_id
from biblio.load.files import SourceFile, decode
from biblio.load.raw import RawRecord
from biblio.model import Corpus, Position, Reference
from biblio.validate.corpus import normalise_url
from biblio.validate.record import NO_DATE, check_record

FORMATS: dict[str, ModuleType] = {"bibtex": bibtex, "ris": ris, "csljson": csljson}
FORMAT_LABELS = {"bibtex": "BibTeX/BibLaTeX", "ris": "RIS", "csljson": "CSL-JSON"}
_EXTENSIONS = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "csljson"}
_BIBTEX_START = re.compile(r"^\s*@\w+\s*[{(]", re.MULTILINE)
_RIS_START = re.compile(r"^TY\s{1,2}-", re.MULTILINE)


@dataclass(frozen=True)
class Created:
    """A record file the import writes."""

    path: str  # relative to the base root
    text: str
    reference: Reference


@dataclass(frozen=True)
class Skipped:
    where: Position
    title: str
    reason: str


@dataclass
class ImportPlan:
    created: list[Created] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(d.gravite == ERROR for d in self.problems)


def detect_format(text: str, name: str) -> str | None:
    """The format of ``text``, from its content first, then from the file's extension."""
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith(("[", "{")):
        return "csljson"
    if _RIS_START.search(body):
        return "ris"
    if _BIBTEX_START.search(body):
        return "bibtex"
    return _EXTENSIONS.get(Path(name).suffix.lower())


def read_entries(data: bytes, name: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Raw references of one exchange file (``name`` is how diagnostics call it)."""
    text = decode(SourceFile("reference", Path(name), name), data)
    if isinstance(text, Diagnostic):
        return [], [text]
    kind = detect_format(text, name)
    if kind is None:
        message = "format non reconnu : BibTeX (.bib), RIS (.ris) ou CSL-JSON (.json) attendu"
        return [], [error(Position(name), "F003", message)]
    parsed: tuple[list[RawRecord], list[Diagnostic]] = FORMATS[kind].parse(text, name)
    return parsed


def plan_import(
    corpus: Corpus,
    entries: Sequence[RawRecord],
    today: str,
    section: str = "",
    keep_duplicates: bool = False,
    taken: frozenset[str] = frozenset(),
) -> ImportPlan:
    """What importing ``entries`` into ``corpus`` creates and skips; ``taken`` adds the ids of
    files present but not loaded (a broken record keeps its name)."""
    plan = ImportPlan()
    ids = {r.id for r in corpus.references} | taken
    seen = _Seen(corpus.references)
    for raw in entries:
        reference = _reference(raw, today, section, plan.problems)
        if reference is None:
            continue
        duplicate = seen.duplicate_of(reference)
        if duplicate and not keep_duplicates:
            plan.skipped.append(Skipped(raw.origin, reference.titre, duplicate))
            continue
        reference = dataclasses.replace(reference, id=unique_id(reference, ids))
        ids.add(reference.id)
        seen.add(reference, f"la fiche {reference.id} de cet import")
        path = f"{schema.FOLDERS['reference']}/{reference.id}.yaml"
        text = yaml_record.dump(reference)
        plan.created.append(Created(path, text, reference))
    return plan


def _reference(
    raw: RawRecord, today: str, section: str, problems: list[Diagnostic]
) -> Reference | None:
    _fill_defaults(raw, today, section, problems)
    values, record_problems = check_record(raw)
    problems.extend(record_problems)
    if any(d.gravite == ERROR for d in record_problems):
        return None
    record = build_record(raw, values)
    return record if isinstance(record, Reference) else None


def _fill_defaults(raw: RawRecord, today: str, section: str, problems: list[Diagnostic]) -> None:
    data = raw.data
    if section:
        data["section"] = section
    data.setdefault("date_ajout", today)
    type_spec = schema.TYPES_BY_ID.get(str(data.get("type")))
    if type_spec and "date" in type_spec.required and "date" not in data:
        data["date"] = NO_DATE
        message = f"date absente : « {NO_DATE} » inscrit (à corriger si la date est connue)"
        problems.append(warning(raw.origin, "R002", message))


class _Seen:
    """Keys of the references already present (in the base or earlier in the import)."""

    def __init__(self, references: Sequence[Reference]) -> None:
        self.keys: dict[tuple[str, str], str] = {}
        for ref in references:
            self.add(ref, ref.position.fichier)

    def add(self, ref: Reference, label: str) -> None:
        for kind, key, _ in _keys(ref):
            self.keys.setdefault((kind, key), label)

    def duplicate_of(self, ref: Reference) -> str:
        for kind, key, shown in _keys(ref):
            if (kind, key) in self.keys:
                same = f"même {kind} {quote(shown)}" if shown else "même titre, même année"
                return f"doublon de {self.keys[(kind, key)]} ({same})"
        return ""


def _keys(ref: Reference) -> Iterator[tuple[str, str, str]]:
    """What makes two references the same: (kind, comparison key, value to show)."""
    if ref.doi:
        yield "DOI", ref.doi.lower(), ref.doi
    if ref.url:
        yield "URL", normalise_url(ref.url), ref.url
    yield "titre", f"{' '.join(slug_words(ref.titre))} {ref.year}", ""
