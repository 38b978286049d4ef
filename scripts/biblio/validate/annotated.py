"""What an annotated bibliography promises for each reference it publishes with a number.

A numbered reference (« (18) ») is part of the published bibliography: readers expect its
commentary, and a way to find the document (an address or a standard identifier). Missing
either is a warning (R013): the record is valid, the bibliography is incomplete
(``biblio valider --strict`` fails on it).
"""

from __future__ import annotations

from collections.abc import Iterator

from biblio import schema
from biblio.diagnostics import Diagnostic, warning
from biblio.load.raw import RawRecord

_ID_KINDS = (schema.IDENTIFIER, schema.IDENTIFIERS)
# Fields by which a reader finds the document: its address and every standard identifier.
FINDING_FIELDS = ("url", *(f.name for f in schema.REFERENCE_FIELDS if f.kind in _ID_KINDS))


def check_annotated(raw: RawRecord) -> Iterator[Diagnostic]:
    """R013 warnings for a numbered reference lacking a commentary or any way to find it."""
    number = raw.data.get("numero")
    if raw.kind != schema.RecordKind.REFERENCE or not number or raw.data.get("brouillon") is True:
        return
    where = raw.marks.value(("numero",))
    if not filled(raw.data.get("commentaire")):
        yield warning(
            where,
            "R013",
            f"référence numérotée ({number}) sans commentaire : une bibliographie commentée "
            "en donne un pour chaque référence qu'elle publie",
        )
    if not any(filled(raw.data.get(name)) for name in FINDING_FIELDS):
        shown = ", ".join(FINDING_FIELDS)
        yield warning(
            where,
            "R013",
            f"référence numérotée ({number}) sans adresse ni identifiant : le lecteur ne peut "
            f"pas retrouver le document (un de ces champs : {shown})",
        )


def filled(value: object) -> bool:
    """A value that says something: not missing, not an empty text or list."""
    return value is not None and value != "" and value != [] and value != ()
