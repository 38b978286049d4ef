"""Reading every record file of a base into raw records."""

from __future__ import annotations

from biblio.diagnostics import Diagnostic, error, quote
from biblio.ids import id_problem
from biblio.load.files import SourceFile, check_file_name, decode
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import YamlSyntaxError, parse_yaml
from biblio.model import Position
from biblio.schema import RecordKind

KIND_LABELS = {
    RecordKind.REFERENCE: "une référence",
    RecordKind.TERM: "un terme",
    RecordKind.SECTION: "une section",
}


def read_source(source: SourceFile, data: bytes) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Records of one file (a YAML file holds one record, a .bib file several)."""
    text = decode(source, data)
    if isinstance(text, Diagnostic):
        return [], [text]
    if source.suffix == ".bib":
        # pybtex is imported only when a base holds BibTeX files (it costs start-up time).
        from biblio.convert import bibtex

        records, problems = bibtex.parse(text, source.relative)
        return records, [*problems, *_key_problems(records)]
    return _yaml_record(source, text)


def _key_problems(records: list[RawRecord]) -> list[Diagnostic]:
    """The keys of a BibTeX file are ids: each passes the id check (no record is built for an
    id that fails it: see ``validate.perfile.check_file``)."""
    problems = []
    for raw in records:
        problem = id_problem(raw.id)
        if problem:
            shown = raw.id if len(raw.id) <= 60 else f"{raw.id[:60]}…"
            message = f"identifiant (clé) invalide {quote(shown)} : {problem}"
            problems.append(error(raw.origin, "X013", message))
    return problems


def _yaml_record(source: SourceFile, text: str) -> tuple[list[RawRecord], list[Diagnostic]]:
    kind = RecordKind(source.kind)
    name_problem = check_file_name(source)
    problems = [name_problem] if name_problem else []
    try:
        document = parse_yaml(text, source.relative)
    except YamlSyntaxError as exc:
        return [], [*problems, exc.diagnostic]
    problems.extend(document.problems)
    if not isinstance(document.data, dict):
        what = "vide" if document.data is None else "une liste ou une valeur seule"
        message = (
            f"le fichier est {what} : il doit décrire {KIND_LABELS[kind]} "
            "sous forme de clés « clé: valeur »"
        )
        return [], [*problems, error(document.marks.value(()), "F004", message)]
    origin = Position(source.relative)
    reported = frozenset(document.reported)
    record = RawRecord(kind, source.stem, document.data, document.marks, origin, reported)
    return [record], problems
