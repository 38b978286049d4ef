"""The entries of a .bib file read one by one with pybtex: keys made distinct, ``@string``
macros bounded, ``crossref`` and ``xdata`` resolved (BibLaTeX's inheritance)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from pybtex.database import BibliographyData, Entry
from pybtex.database.input import bibtex as bibtex_input
from pybtex.database.input.bibtex import DuplicateField, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from biblio.convert.bibtex_chunks import MACRO_LIMIT, Chunk, chunks, expanded_size
from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.model import Position
from biblio.type_names import BIBLATEX_DATA_ONLY

_FIELD_RE = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*=", re.MULTILINE)

# An entry without a key: « @article{, title = … » (JabRef) or « @article{ title = … »
# (EndNote).
_EMPTY_KEY = re.compile(
    r"^(@[ \t]*[A-Za-z][\w-]*[ \t\n]*[{(][ \t\n]*)(?:,|(?=[A-Za-z_][\w-]*[ \t\n]*=))"
)
FieldLines = tuple[Position, dict[str, Position]]
FileEntry = tuple[str, Any, FieldLines]  # key, pybtex entry, lines


class _Parser(bibtex_input.Parser):  # type: ignore[misc]
    """pybtex's parser with its error mode kept here: a syntax error stops the entry, an
    undefined macro or a repeated field is a note (pybtex keeps its mode in a global)."""

    def __init__(self) -> None:
        # Only authors are read as names: editors and others are kept as written.
        super().__init__(person_fields=["author"])
        self.notes: list[str] = []

    def handle_error(self, error: PybtexError) -> None:
        if isinstance(error, UndefinedMacro):
            name = str(error).rpartition(": ")[2]
            self.notes.append(f"macro @string inconnue {quote(name)} : lue comme un texte vide")
        elif isinstance(error, PybtexSyntaxError):
            raise error
        elif isinstance(error, DuplicateField):
            name = re.sub(r".* duplicate (\S+) field.*", r"\1", str(error))
            self.notes.append(f"champ {quote(name)} répété dans la notice : le premier est lu")
        else:
            self.notes.append(f"BibTeX : {error}")


@dataclass
class _Read:
    """The entries of a file read so far, by key (lower case), with their positions."""

    fichier: str
    entries: dict[str, tuple[str, Any, FieldLines]] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)  # @xdata entries
    problems: list[Diagnostic] = field(default_factory=list)


def read_entries(text: str, fichier: str) -> tuple[list[FileEntry], list[Diagnostic]]:
    """The entries of a .bib text with their lines, inheritance resolved; an entry that
    cannot be read yields one error (where it starts, why) and no entry."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # old Mac files end lines with CR
    parser = _Parser()
    read = _Read(fichier)
    for chunk in chunks(text):
        if chunk.kind in ("comment", "preamble"):
            continue
        entry_pos = Position(fichier, chunk.line, 1)
        if expanded_size(chunk, parser.macros) > MACRO_LIMIT:
            limit = f"{MACRO_LIMIT:,}".replace(",", "\u202f")  # 1 000 000
            message = (
                f"notice illisible : ses macros @string donneraient plus de {limit} "
                "caractères (macros imbriquées en boucle ?)"
            )
            read.problems.append(error(entry_pos, "F013", message))
            continue
        _read_chunk(parser, chunk, read)
    entries = [(key, _inherit(entry, read), lines) for key, entry, lines in read.entries.values()]
    return entries, read.problems


def _read_chunk(parser: _Parser, chunk: Chunk, read: _Read) -> None:
    entry_pos = Position(read.fichier, chunk.line, 1)
    parser.data = BibliographyData()
    parser.notes = []
    try:
        # An entry without a key gets one from its line.
        text = chunk.text
        if chunk.kind != "string":
            text = _EMPTY_KEY.sub(rf"\g<1>sans-cle-{chunk.line},", text, count=1)
        parser.parse_string(text if chunk.closed else text.rstrip() + "\n")
    except PybtexSyntaxError as exc:
        line = chunk.line + (getattr(exc, "lineno", 1) or 1) - 1
        where = Position(read.fichier, line)
        read.problems.append(error(where, "F003", f"notice illisible : {_french(exc)}"))
        return
    except (PybtexError, RecursionError) as exc:
        read.problems.append(error(entry_pos, "F003", f"notice illisible : {_french(exc)}"))
        return
    notes = dict.fromkeys(parser.notes)  # one note per macro, however often it is used
    read.problems.extend(warning(entry_pos, "F014", note) for note in notes)
    for key, entry in parser.data.entries.items():
        if chunk.kind in BIBLATEX_DATA_ONLY:
            read.shared[key.casefold()] = entry
            continue
        lines = _field_lines(chunk.text, read.fichier, chunk.line)
        _add_entry(read, key, entry, lines)


def _add_entry(read: _Read, key: str, entry: Any, lines: FieldLines) -> None:
    """Keep ``entry``; a key already used in the file gets a suffix (-2, -3…) and a warning."""
    first = read.entries.get(key.casefold())
    if first is not None:
        new_key = next(
            f"{key}-{n}" for n in itertools.count(2) if f"{key}-{n}".casefold() not in read.entries
        )
        message = (
            f"clé {quote(key)} en double dans le fichier (lignes {first[2][0].ligne} et "
            f"{lines[0].ligne}) : la seconde notice est lue sous l'identifiant {quote(new_key)}"
        )
        read.problems.append(warning(lines[0], "F014", message))
        key = new_key
    read.entries[key.casefold()] = (key, entry, lines)


# A parent's field that its child receives under another name (BibLaTeX's defaults).
_INHERITED_AS = {"title": "booktitle", "subtitle": "booksubtitle"}
_NOT_INHERITED = {"crossref", "xdata", "ids", "entryset", "label", "shorthand", "typedoc"}


def _inherit(entry: Any, read: _Read) -> Any:
    """``entry`` with what its ``crossref`` parent and ``xdata`` entries give it (BibLaTeX's
    inheritance: the child's own fields win; a parent's title is the child's booktitle)."""
    sources: list[tuple[Any, bool]] = []
    for name in (v.strip() for v in entry.fields.get("xdata", "").split(",") if v.strip()):
        found = read.shared.get(name.casefold())
        sources.append((found, False)) if found is not None else _missing(read, entry, name)
    parent_key = entry.fields.get("crossref", "").strip()
    if parent_key:
        parent = read.entries.get(parent_key.casefold())
        if parent is None:
            _missing(read, entry, parent_key)
        else:
            sources.append((parent[1], True))
    if not sources:
        return entry
    child = Entry(entry.type, fields=dict(entry.fields), persons=dict(entry.persons))
    for source, renames in sources:
        for name, value in source.fields.items():
            target = _INHERITED_AS.get(name.lower(), name) if renames else name
            if name.lower() not in _NOT_INHERITED and target not in child.fields:
                child.fields[target] = value
        for role, people in source.persons.items():
            if renames:  # the parent's authors are the book's: kept as written
                child.fields.setdefault("bookauthor", " and ".join(str(p) for p in people))
            else:
                child.persons.setdefault(role, people)
    for name in ("crossref", "xdata"):
        child.fields.pop(name, None)  # resolved: the child now holds the inherited values
    return child


def _missing(read: _Read, entry: Any, key: str) -> None:
    message = f"notice {quote(key)} (crossref ou xdata) introuvable dans le fichier"
    read.problems.append(warning(Position(read.fichier), "F014", message))


def _french(exc: Exception) -> str:
    message = re.sub(r"^syntax error in line \d+: ", "", str(exc))
    if message == "'}' expected":
        return "« } » attendu : manque-t-il une virgule à la fin du champ précédent ?"
    if isinstance(exc, RecursionError):
        return "accolades imbriquées trop profondément"
    return message.replace(" expected", " attendu")


def _field_lines(text: str, fichier: str, first_line: int) -> FieldLines:
    """Line of the entry (starting ``text``) and of each of its fields (pybtex keeps none)."""
    entry_pos = Position(fichier, first_line, 1)
    fields: dict[str, Position] = {}
    for field_match in _FIELD_RE.finditer(text):
        line = first_line + text.count("\n", 0, field_match.start())
        column = field_match.start(1) - text.rfind("\n", 0, field_match.start(1))
        fields.setdefault(field_match.group(1).lower(), Position(fichier, line, column))
    return entry_pos, fields
