"""Reading every record file of a base into raw records."""

from __future__ import annotations

from pathlib import Path

from biblio.convert import bibtex
from biblio.diagnostics import Diagnostic, error
from biblio.load.files import SourceFile, check_file_name, find_record_files, read_text
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import YamlSyntaxError, parse_yaml
from biblio.model import Position

KIND_LABELS = {"reference": "une référence", "terme": "un terme", "section": "une section"}


def read_base(root: Path) -> tuple[list[RawRecord], list[Diagnostic]]:
    """All raw records of the base under ``root`` and the problems met reading them."""
    sources, problems = find_record_files(root)
    records: list[RawRecord] = []
    for source in sources:
        found, source_problems = read_source(source)
        records.extend(found)
        problems.extend(source_problems)
    return records, problems


def read_source(source: SourceFile) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Records of one file (a YAML file holds one record, a .bib file several)."""
    text = read_text(source)
    if isinstance(text, Diagnostic):
        return [], [text]
    if source.path.suffix.lower() == ".bib":
        return bibtex.parse(text, source.relative)
    return _yaml_record(source, text)


def _yaml_record(source: SourceFile, text: str) -> tuple[list[RawRecord], list[Diagnostic]]:
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
            f"le fichier est {what} : il doit décrire {KIND_LABELS[source.kind]} "
            "sous forme de clés « clé: valeur »"
        )
        return [], [*problems, error(document.marks.value(()), "F004", message)]
    origin = Position(source.relative)
    return [RawRecord(source.kind, source.stem, document.data, document.marks, origin)], problems
