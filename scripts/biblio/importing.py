"""Planning an import: exchange files → new record files, entry by entry.

Pure: reads texts, returns what would be written and what became of each entry. Every entry
ends in exactly one state: created, created as a draft (``brouillon``: what the schema
requires is missing), duplicate (of which record, by which rule), or refused (only when it
cannot be read at all). A value the schema refuses never blocks its entry: it is set aside in
the complements with a warning. The command (``biblio importer``) prints the plan and writes
it.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biblio import schema
from biblio.build import build_record
from biblio.convert import csljson, yaml_record
from biblio.convert.common import NOTE_PREFIX, reference_values
from biblio.convert.formats import BY_NAME, by_suffix, expected_formats
from biblio.diagnostics import ERROR, Diagnostic, error, quote, warning
from biblio.ids import slug_words, unique_id
from biblio.load.files import SourceFile, decode
from biblio.load.raw import RawRecord
from biblio.model import Corpus, Position, Reference
from biblio.validate.corpus import normalise_url
from biblio.validate.record import NO_DATE, check_record, missing_fields

_BIBTEX_START = re.compile(r"^\s*@\w+\s*[{(]", re.MULTILINE)
_RIS_START = re.compile(r"^TY\s{1,2}-", re.MULTILINE)
# A value set aside is kept under the format's own name for it, so that an export in that
# format writes it where it came from (and a new import sets it aside again).
_SOURCE_NAMES = {"csl": csljson.CSL_NAMES}


@dataclass(frozen=True)
class Created:
    """A record file the import writes; ``missing`` names what a draft still lacks."""

    path: str  # relative to the base root
    text: str
    reference: Reference
    missing: tuple[str, ...] = ()

    @property
    def draft(self) -> bool:
        return self.reference.brouillon


@dataclass(frozen=True)
class Skipped:
    """An entry not imported because the base (or this import) already holds it."""

    where: Position
    title: str
    reason: str


@dataclass(frozen=True)
class Refused:
    """An entry (or a whole file) that could not be read at all."""

    where: Position
    reason: str


@dataclass
class ImportPlan:
    created: list[Created] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # warnings, located

    @property
    def failed(self) -> bool:
        return bool(self.refused)

    @property
    def drafts(self) -> list[Created]:
        return [c for c in self.created if c.draft]


def detect_format(text: str, name: str) -> str | None:
    """The format of ``text``, from its content first, then from the file's extension."""
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith(("[", "{")):
        return "csljson"
    if _RIS_START.search(body):
        return "ris"
    if _BIBTEX_START.search(body):
        return "bibtex"
    by_name = by_suffix(name)
    return by_name.name if by_name else None


def read_entries(data: bytes, name: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Raw references of one exchange file (``name`` is how diagnostics call it). Each error
    among the diagnostics is an entry (or the whole file) that could not be read."""
    text = decode(SourceFile(schema.RecordKind.REFERENCE, Path(name), name), declared_as_utf8(data))
    if isinstance(text, Diagnostic):
        return [], [text]
    kind = detect_format(text, name)
    if kind is None:
        message = f"format non reconnu : {expected_formats()} attendu"
        return [], [error(Position(name), "F003", message)]
    parsed: tuple[list[RawRecord], list[Diagnostic]] = BY_NAME[kind].parse(text, name)
    for raw in parsed[0]:
        raw.exchange_format = kind
    if kind == "bibtex" and not parsed[0] and not parsed[1] and text.strip("\ufeff \t\r\n"):
        message = "fichier illisible : aucune notice BibTeX (« @type{clé, … } ») dans le fichier"
        return [], [error(Position(name), "F003", message)]  # not an export: refused, not skipped
    return parsed


# JabRef writes the file's encoding on its first line: « % Encoding: windows-1252 ».
_DECLARATION = re.compile(rb"^%\s*Encoding:\s*([\w.-]+)")


def declared_as_utf8(data: bytes) -> bytes:
    """``data`` in UTF-8 when the file says how it is encoded: a UTF-16 byte-order mark, or
    JabRef's declaration (itself in UTF-16 or in ASCII). Never guessed: a file that says
    nothing, or says UTF-8 and is not, is left for ``decode`` to refuse with its position."""
    try:
        for codec in ("utf-16-be", "utf-16-le"):
            if data.startswith("% Encoding:".encode(codec)):
                return data.decode(codec).encode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16").encode("utf-8")
        match = _DECLARATION.match(data)
        if match and codecs.lookup(match.group(1).decode()).name not in ("utf-8", "utf-8-sig"):
            return data.decode(match.group(1).decode()).encode("utf-8")
    except (LookupError, UnicodeError):
        pass
    return data


def refused_entries(problems: Sequence[Diagnostic]) -> list[Refused]:
    """The readers' errors: each one is an entry (or a file) that could not be read."""
    return [
        Refused(Position(d.fichier, d.ligne, d.colonne), f"{d.message} [{d.code}]")
        for d in problems
        if d.gravite == ERROR
    ]


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
        reference, missing = _reference(raw, today, section, plan.problems, corpus)
        duplicate = seen.duplicate_of(reference)
        if duplicate and not keep_duplicates:
            plan.skipped.append(Skipped(raw.origin, reference.titre, duplicate))
            continue
        reference = dataclasses.replace(reference, id=unique_id(reference, ids))
        ids.add(reference.id)
        seen.add(reference, f"la fiche {reference.id} de cet import")
        path = f"{schema.FOLDERS[schema.RecordKind.REFERENCE]}/{reference.id}.yaml"
        comment = f"À compléter : {', '.join(missing)}" if missing else ""
        text = yaml_record.dump(reference, comment)
        plan.created.append(Created(path, text, reference, tuple(missing)))
    return plan


def _reference(
    raw: RawRecord, today: str, section: str, problems: list[Diagnostic], corpus: Corpus
) -> tuple[Reference, list[str]]:
    """The entry as a reference: a value the schema refuses is set aside, and the record is
    a draft (``brouillon``) when what the schema requires is missing."""
    _fill_defaults(raw, today, section, problems)
    values, record_problems = check_record(raw)
    problems.extend(d for d in record_problems if d.gravite != ERROR)
    _drop_unknown_links(values, corpus)
    _set_aside(raw, values, problems)  # a date set aside is missing: the record is a draft
    missing = missing_fields(raw)
    if missing:
        raw.data["brouillon"] = True
    values, record_problems = check_record(raw)
    problems.extend(d for d in record_problems if d.code == "R012")
    record = build_record(raw, values)
    if not isinstance(record, Reference):  # every value left has passed its check
        raise AssertionError(f"{raw.origin}: {record_problems}")
    return record, missing


def _drop_unknown_links(values: dict[str, Any], corpus: Corpus) -> None:
    """A section or glossary terms the base does not have (an « Extra » line written for
    another base) fail like a bad value: set aside, not written as a broken link."""
    if values.get("section") and values["section"] not in {s.id for s in corpus.sections}:
        del values["section"]
    if values.get("termes") and not set(values["termes"]) <= {t.id for t in corpus.terms}:
        del values["termes"]


def _set_aside(raw: RawRecord, values: dict[str, Any], problems: list[Diagnostic]) -> None:
    """Move each value that failed its check to the complements, with a warning."""
    failed = {n: raw.data.pop(n) for n in list(raw.data) if n not in values}
    if "type" in failed:
        raw.data["type"] = "document"  # an unknown ``typedoc``: the nearest is « document »
    for name, value in failed.items():
        if value is None or value in ("", [], {}) or name == "type":
            continue  # an empty value, already reported
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        _keep(raw, name, text)  # a complements table that was not one is kept as a text
        message = f"valeur de {quote(name)} mise de côté dans « complements » : {quote(text)}"
        problems.append(warning(raw.marks.value((name,)), "R011", message))


def _keep(raw: RawRecord, name: str, text: str) -> None:
    extra = raw.data.setdefault("complements", {})
    # Kept under the format's prefix: an export in that format gives it back.
    source = BY_NAME.get(raw.exchange_format)
    prefix = source.complement_prefix if source else "import"
    if prefix == "ris":  # RIS has no free tag names: our fields travel in N1 notes
        note = f"{NOTE_PREFIX}{name}: {' '.join(text.split())}"
        extra["ris:N1"] = "\n".join(filter(None, [extra.get("ris:N1", ""), note]))
    else:
        extra[f"{prefix}:{_SOURCE_NAMES.get(prefix, {}).get(name, name)}"] = text


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
                same = f"même {kind} {quote(shown)}" if shown else _SAME[kind]
                return f"doublon de {self.keys[(kind, key)]} ({same})"
        return ""


def _keys(ref: Reference) -> Iterator[tuple[str, str, str]]:
    """What makes two references the same: (kind, comparison key, value to show)."""
    if ref.doi:
        yield "DOI", ref.doi.lower(), ref.doi
    if ref.url:
        yield "URL", normalise_url(ref.url), ref.url
    if ref.titre:
        yield "titre", f"{' '.join(slug_words(ref.titre))} {ref.year}", ""
    else:  # a draft without a title: the same only if it says all the same things
        values = reference_values(ref)
        values.pop("date_ajout", None)
        yield "notice", repr(sorted(values.items())), ""


_SAME = {"titre": "même titre, même année", "notice": "notice sans titre au contenu identique"}
