"""Checks of one record against the schema: every key by the checker of its kind
(``values``), the required fields, the annotated bibliography's expectations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from biblio import schema
from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.load.raw import RawRecord
from biblio.validate.annotated import check_annotated, filled
from biblio.validate.values import (
    CHECKERS,
    NO_DATE,
    REFUSED,
    Checked,
    Outcome,
    is_valid_date,
    suggestion,
    url_problem,
)

# Re-exported: the importer, the corpus checks and the tests take them from here.
__all__ = [
    "NO_DATE",
    "REFUSED",
    "Checked",
    "Outcome",
    "check_record",
    "is_draft",
    "is_valid_date",
    "missing_fields",
    "suggestion",
    "url_problem",
]

_SPECS = {kind: {f.name: f for f in fields} for kind, fields in schema.FIELDS_BY_KIND.items()}


def check_record(raw: RawRecord) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Check every key of ``raw``; return the values that passed and all diagnostics."""
    checked = Checked(raw)
    values, problems = _check_keys(checked)
    problems.extend(_check_required(checked))
    problems.extend(check_annotated(raw))
    return values, problems


def _check_keys(checked: Checked) -> tuple[dict[str, Any], list[Diagnostic]]:
    raw = checked.raw
    specs = _SPECS[raw.kind]
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in raw.data.items():
        spec = specs.get(key)
        if spec is None:
            hint = suggestion(key, list(specs))
            problems.append(
                error(raw.marks.key((key,)), "R001", f"clé inconnue {quote(key)}{hint}")
            )
        elif value is None or value == "" or value == []:
            message = f"champ {quote(key)} vide : à remplir ou à supprimer"
            problems.append(warning(checked.at((key,)), "R009", message))
        else:
            outcome = CHECKERS[spec.kind](checked, spec, value, (key,))
            problems.extend(outcome.problems)
            if outcome.value is not REFUSED:
                values[key] = outcome.value
    if "id" in values and values["id"] != raw.id:
        message = (
            f"l'identifiant {quote(values['id'])} ne correspond pas au nom du fichier "
            f"{quote(raw.id)}"
        )
        problems.append(error(checked.at(("id",)), "X005", message))
    return values, problems


def is_draft(raw: RawRecord) -> bool:
    """A reference marked ``brouillon: true``: its gaps are warnings, not errors."""
    return raw.kind == schema.RecordKind.REFERENCE and raw.data.get("brouillon") is True


def missing_fields(raw: RawRecord) -> list[str]:
    """The fields the schema requires (for the record's type too) that ``raw`` lacks."""
    required = schema.REQUIRED_BY_KIND[raw.kind]
    type_spec = (
        schema.TYPES_BY_ID.get(str(raw.data.get("type")))
        if raw.kind == schema.RecordKind.REFERENCE
        else None
    )
    extra = [name for name in type_spec.required if name not in required] if type_spec else []
    return [name for name in (*required, *extra) if not filled(raw.data.get(name))]


def _check_required(checked: Checked) -> Iterator[Diagnostic]:
    raw = checked.raw
    draft = is_draft(raw)
    type_id = str(raw.data.get("type"))
    for name in missing_fields(raw):
        if name in raw.reported:
            continue  # already reported by the loader
        for_type = (
            f" pour le type {quote(type_id)}"
            if name not in schema.REQUIRED_BY_KIND[raw.kind]
            else ""
        )
        if draft:
            message = f"fiche en brouillon : {quote(name)} à compléter{for_type}"
            yield warning(raw.origin, "R012", message)
        elif name in raw.data:  # empty: without it the record cannot be built
            message = f"champ obligatoire {quote(name)} vide{for_type}"
            yield error(checked.at((name,)), "R002", message)
        else:
            yield error(raw.origin, "R002", f"champ obligatoire {quote(name)} manquant{for_type}")
