"""Data drawn from the other source documents (``donnees/``), for the knowledge pages.

Each file's shape is declared once, as data (``DATASETS``): a mapping of keys (a trailing « ? »
marks an optional key) to a shape, a one-item list for « a list of », or a scalar kind.
A file that breaks its shape is reported like a record (``fichier:ligne:colonne``) and left
out of the site, never half-read.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biblio.diagnostics import Diagnostic, error, quote
from biblio.load.files import SourceFile, decode, read_file
from biblio.load.yaml_tree import Marks, YamlSyntaxError, parse_yaml

TEXT = "texte"
INTEGER = "nombre entier"

_COLUMN = {"partie": TEXT, "libelle": TEXT}
# The workshop's « silhouette » table: one column per part of the silhouette, in this order.
WORKSHOP_COLUMNS = ("expertise", "valeurs", "outils", "moteurs", "freins")

SURVEY: dict[str, Any] = {
    "source": TEXT,
    "titre": TEXT,
    "objectifs": [TEXT],
    "calendrier": [{"periode": TEXT, "etape": TEXT}],
    "questionnaire": {
        "date": TEXT,
        "reponses": INTEGER,
        "chiffres": [
            {"libelle": TEXT, "effectif": INTEGER, "base?": INTEGER, "pourcentage?": INTEGER}
        ],
    },
    "questionnements": [{"theme": TEXT, "questions": [TEXT]}],
    "leviers": [{"levier": TEXT, "details?": [TEXT]}],
}
WORKSHOP: dict[str, Any] = {
    "source": TEXT,
    "titre": TEXT,
    "contexte": [TEXT],
    "objectifs": [TEXT],
    "groupes": [{"nom": TEXT, "composition": [TEXT]}],
    "silhouettes": {
        "colonnes": dict.fromkeys(WORKSHOP_COLUMNS, _COLUMN),
        "demarches": [
            {
                "demarche": TEXT,
                **{key: [TEXT] for key in WORKSHOP_COLUMNS},
                "a_verifier?": [TEXT],
                "non_places?": [TEXT],
            }
        ],
    },
    "apports": [{"de": TEXT, "a": TEXT, "elements": [TEXT]}],
    "actions": [TEXT],
}


def load_donnees(
    root: Path, reference_ids: set[str]
) -> tuple[dict[str, dict[str, Any]], list[Diagnostic]]:
    """The well-formed datasets by name, and the problems of the others; each dataset names
    the record of the document it is drawn from (``reference_ids``: the base's records)."""
    datasets: dict[str, dict[str, Any]] = {}
    problems: list[Diagnostic] = []
    for name, dataset in DATASETS.items():
        path = root / dataset.file
        if not path.is_file():
            continue  # a base may have no such data: its knowledge page is left out
        data, found = _read(path, dataset, reference_ids)
        problems.extend(found)
        if data is not None:
            datasets[name] = data
    return datasets, problems


def _read(path: Path, dataset: Dataset, reference_ids: set[str]) -> tuple[Any, list[Diagnostic]]:
    source = SourceFile("donnees", path, dataset.file)
    data = read_file(source)
    if isinstance(data, Diagnostic):
        return None, [data]
    text = decode(source, data)
    if isinstance(text, Diagnostic):
        return None, [text]
    try:
        doc = parse_yaml(text, dataset.file)
    except YamlSyntaxError as exc:
        return None, [exc.diagnostic]
    problems = [*doc.problems, *_check(doc.data, dataset.shape, (), doc.marks)]
    if not problems:  # the shape holds: the checks that read the values can run
        problems += _check_source(doc.data, doc.marks, reference_ids)
        for check in dataset.checks:
            problems += check(doc.data, doc.marks)
    return (None if problems else doc.data), problems


def _check_source(
    data: dict[str, Any], marks: Marks, reference_ids: set[str]
) -> Iterator[Diagnostic]:
    if data["source"] not in reference_ids:
        message = (
            f"source {quote(data['source'])} : aucune référence de la base n'a cet identifiant"
        )
        yield error(marks.value(("source",)), "D004", message)


def _check(
    value: Any, shape: Any, path: tuple[str | int, ...], marks: Marks
) -> Iterator[Diagnostic]:
    if isinstance(shape, dict):
        yield from _check_mapping(value, shape, path, marks)
    elif isinstance(shape, list):
        if not isinstance(value, list) or not value:
            yield _wrong(value, "liste non vide", path, marks)
            return
        for index, item in enumerate(value):
            yield from _check(item, shape[0], (*path, index), marks)
    elif shape == INTEGER and (not isinstance(value, int) or isinstance(value, bool)):
        yield _wrong(value, INTEGER, path, marks)
    elif shape == TEXT and (
        not isinstance(value, str | int) or isinstance(value, bool) or value == ""
    ):
        yield _wrong(value, TEXT, path, marks)


def _check_mapping(
    value: Any, shape: dict[str, Any], path: tuple[str | int, ...], marks: Marks
) -> Iterator[Diagnostic]:
    if not isinstance(value, dict):
        yield _wrong(value, "table de clés", path, marks)
        return
    keys = {key.rstrip("?"): key.endswith("?") for key in shape}
    for key, optional in keys.items():
        if key in value:
            yield from _check(
                value[key], shape[key + "?" if optional else key], (*path, key), marks
            )
        elif not optional:
            yield error(marks.value(path), "D001", f"clé {quote(key)} manquante")
    for key in value.keys() - keys.keys():
        close = difflib.get_close_matches(key, keys, n=1)
        hint = f" — vouliez-vous dire {quote(close[0])} ?" if close else ""
        allowed = ", ".join(keys)
        message = f"clé inconnue {quote(key)}{hint} (clés admises : {allowed})"
        yield error(marks.key((*path, key)), "D003", message)


def _wrong(value: Any, expected: str, path: tuple[str | int, ...], marks: Marks) -> Diagnostic:
    if value is None or value == "" or value == []:
        shown = "vide"
    elif isinstance(value, str | int | float):
        shown = quote(value)
    else:
        shown = "de type " + ("table" if isinstance(value, dict) else "liste")
    return error(marks.value(path), "D002", f"valeur {shown} invalide : {expected} attendu")


def _check_workshop(data: dict[str, Any], marks: Marks) -> Iterator[Diagnostic]:
    """An item flagged « à vérifier » is one of its row's items (a typo would flag nothing)."""
    for row_index, row in enumerate(data["silhouettes"]["demarches"]):
        items = {item for key in WORKSHOP_COLUMNS for item in row[key]}
        for index, item in enumerate(row.get("a_verifier", [])):
            if item not in items:
                where = marks.value(("silhouettes", "demarches", row_index, "a_verifier", index))
                message = f"élément {quote(item)} à vérifier absent des colonnes de sa démarche"
                yield error(where, "D005", message)


@dataclass(frozen=True)
class Dataset:
    file: str
    label: str  # what the data is, for the « Format des fiches » page
    shape: dict[str, Any]
    # Checks that need more than the shape; they run once the shape holds.
    checks: tuple[Callable[[dict[str, Any], Marks], Iterator[Diagnostic]], ...] = ()


DATASETS: dict[str, Dataset] = {
    "enquete": Dataset(
        "donnees/enquete-fts-2021.yaml", "Enquête de Fabrique Territoires Santé (2021)", SURVEY
    ),
    "ateliers": Dataset(
        "donnees/ateliers-cres-paca-2021.yaml",
        "Ateliers du CRES Provence-Alpes-Côte d'Azur (2021)",
        WORKSHOP,
        (_check_workshop,),
    ),
}
