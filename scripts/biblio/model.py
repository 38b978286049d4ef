"""Records of the base: frozen dataclasses that remember where they come from.

A record keeps only where it starts (``position``); the rare message about one of its fields
finds the field's place in the file again (``biblio.validate.locate``), so that loading
10,000 records does not locate 170,000 values that no message will ever point at.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, make_dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from biblio import schema
from biblio.dates import year_of


class Position(NamedTuple):
    """A place in a source file (1-based line and column); a tuple, cheap to store."""

    fichier: str
    ligne: int = 1
    colonne: int = 1


class TextOrigin(NamedTuple):
    """Where a Markdown text starts in its file, to locate a character of it.

    ``indent`` is set for YAML literal blocks (``|``), whose lines map one to one
    onto the file's lines; for other scalars only the first line is exact.
    """

    fichier: str
    ligne: int
    colonne: int
    indent: int | None = None

    def position(self, text: str, offset: int) -> Position:
        line_index = text.count("\n", 0, offset)
        line_start = text.rfind("\n", 0, offset) + 1
        if self.indent is not None:
            column = self.indent + offset - line_start + 1
            return Position(self.fichier, self.ligne + line_index, column)
        if line_index == 0:
            return Position(self.fichier, self.ligne, self.colonne + offset)
        return Position(self.fichier, self.ligne, self.colonne)


@dataclass(frozen=True)
class Person:
    """An author: a person (family name, given names, particle) or an organisation."""

    nom: str = ""
    prenom: str = ""
    particule: str = ""
    organisation: str = ""

    @property
    def is_organisation(self) -> bool:
        return bool(self.organisation)


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A bibliographic reference; field names are those of ``schema.REFERENCE_FIELDS``."""

    id: str
    type: str
    titre: str
    position: Position
    genre: str = ""
    auteurs: tuple[Person, ...] = ()
    et_al: bool = False
    editeurs: tuple[str, ...] = ()
    publication: str = ""
    volume: str = ""
    numero_revue: str = ""
    pages: str = ""
    nombre_pages: int | None = None
    pagination: str = ""
    lieu: str = ""
    date: str = ""
    date_signature: str = ""
    date_maj: str = ""
    date_consultation: str = ""
    date_ajout: str = ""
    url: str = ""
    url_archive: str = ""
    date_archive: str = ""
    doi: str = ""
    isbn: tuple[str, ...] = ()  # usually one; a book may carry several
    issn: tuple[str, ...] = ()
    nor: str = ""
    jorftext: str = ""
    eli: str = ""
    langue: str = "fr"
    territoire: str = ""
    section: str = ""
    numero: int | None = None
    groupe: str = ""
    commentaire: str = ""
    source_commentaire: str = ""
    termes: tuple[str, ...] = ()
    mots_cles: tuple[str, ...] = ()
    # (key, text) pairs kept from an import; a tuple so that records stay hashable.
    complements: tuple[tuple[str, str], ...] = ()
    # An imported record still missing what the schema requires: previewed, not published.
    brouillon: bool = False

    @property
    def year(self) -> str:
        """Year of publication, or of the text's signature; "" when unknown (« s.d. »). For
        the other forms, the year of where the date starts (``2017`` for ``2017/2019``,
        ``2017~`` or ``2017-21``; ``-0100``; see ``biblio.dates.year_of``)."""
        date = self.date or self.date_signature
        year = date[:4]
        if year.isdigit():  # nearly every date (any form that starts with its 4-digit year)
            return year
        return year_of(date)


@dataclass(frozen=True, kw_only=True)
class Term:
    """A glossary term; its id is the URL slug trainers use."""

    id: str
    terme: str
    definition: str
    position: Position
    sigle: str = ""
    variantes: tuple[str, ...] = ()
    voir_aussi: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date_ajout: str = ""


@dataclass(frozen=True, kw_only=True)
class Section:
    """A section of the bibliography's tree."""

    id: str
    titre: str
    ordre: int
    position: Position
    numero: str = ""
    parent: str = ""
    texte: str = ""


def with_schema_fields(cls: type[Any], specs: tuple[schema.FieldSpec, ...]) -> type[Any]:
    """``cls``, or a subclass holding the fields of ``specs`` it does not declare.

    A field added to the schema only is a field of the record (default: its kind's empty
    value), read by name (``getattr``) by the formats, the page and the checks; declaring it
    in the class above gives typed access to it.
    """
    declared = {f.name for f in fields(cls)}
    added = [s for s in specs if s.name not in declared]
    if not added:
        return cls
    more = [(s.name, Any, field(default=schema.KIND_DEFAULTS[s.kind], kw_only=True)) for s in added]
    made = make_dataclass(cls.__name__, more, bases=(cls,), frozen=True, kw_only=True)
    made.__module__ = cls.__module__
    return made


if not TYPE_CHECKING:  # the type checker knows the declared fields
    Reference = with_schema_fields(Reference, schema.REFERENCE_FIELDS)
    Term = with_schema_fields(Term, schema.TERM_FIELDS)
    Section = with_schema_fields(Section, schema.SECTION_FIELDS)

Record = Reference | Term | Section
RecordClass = TypeVar("RecordClass", Reference, Term, Section)


def new_record(cls: type[RecordClass], values: dict[str, Any]) -> RecordClass:
    """A record of class ``cls`` with these field values and the defaults of the others.

    Built as pickle and copy build objects, without the frozen dataclass's ``__init__``: it
    sets each of some forty fields through ``object.__setattr__``, most of the cost of
    building a record. Same checks: an unknown field or a missing required one is refused.
    """
    defaults, names = _FIELDS[cls]
    if not values.keys() <= names or not names - defaults.keys() <= values.keys():
        unknown = sorted(values.keys() - names)
        missing = sorted(names - defaults.keys() - values.keys())
        raise TypeError(f"{cls.__name__}: unknown {unknown}, missing {missing}")
    record = cls.__new__(cls)
    record.__dict__.update(defaults)
    record.__dict__.update(values)
    return record


def set_fields(record: Record) -> dict[str, Any]:
    """The fields of ``record`` that differ from their defaults (what ``new_record`` needs)."""
    defaults = _FIELDS[type(record)][0]
    unset = object()
    return {k: v for k, v in vars(record).items() if defaults.get(k, unset) != v}


# Per record class: the defaults (all immutable) and the names of the fields.
_FIELDS: dict[type, tuple[dict[str, Any], set[str]]] = {
    cls: (
        {f.name: f.default for f in fields(cls) if f.default is not MISSING},
        {f.name for f in fields(cls)},
    )
    for cls in (Reference, Term, Section)
}


@dataclass(frozen=True)
class Corpus:
    """The whole base, each kind sorted by id."""

    references: tuple[Reference, ...] = ()
    terms: tuple[Term, ...] = ()
    sections: tuple[Section, ...] = ()


def published(corpus: Corpus) -> Corpus:
    """The corpus without its drafts (``brouillon``): what a published site shows."""
    if not any(r.brouillon for r in corpus.references):
        return corpus
    return replace(corpus, references=tuple(r for r in corpus.references if not r.brouillon))
