"""RIS files as lines: the tagged lines of each record (``TY`` to ``ER``), values continued on
the following lines joined, text outside the records reported. ``ris`` makes records of them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from biblio.convert.ris_write import ESCAPED_TAG_LINE, TAG_LINE
from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.model import Position


@dataclass
class Entry:
    """Tags of one RIS record with the line of each value, in file order. Each value used for
    a field is marked taken; what is left goes to the record's complements, never dropped."""

    start: Position
    tags: list[tuple[str, str, Position]] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def take_all(self, *tags: str, prefix: str = "") -> list[tuple[str, Position]]:
        found = []
        for index, (tag, value, where) in enumerate(self.tags):
            usable = tag in tags and value.strip() and value.startswith(prefix)
            if usable and index not in self.taken:
                self.taken.add(index)
                found.append((value, where))
        return found

    def peek_all(self, *tags: str) -> list[tuple[str, Position]]:
        """The values of ``tags`` not taken yet, in file order, left as they are."""
        return [
            (value, where)
            for index, (tag, value, where) in enumerate(self.tags)
            if tag in tags and value.strip() and index not in self.taken
        ]

    def take_value(self, tags: tuple[str, ...], wanted: str) -> None:
        """Take the first line of ``tags`` that holds ``wanted`` (if any)."""
        for index, (tag, value, _) in enumerate(self.tags):
            if tag in tags and value.strip() == wanted.strip() and index not in self.taken:
                self.taken.add(index)
                return

    def take(self, *tags: str) -> tuple[str, Position] | None:
        for index, (tag, value, where) in enumerate(self.tags):
            if tag in tags and value.strip() and index not in self.taken:
                self.taken.add(index)
                return value, where
        return None

    def leftovers(self) -> list[tuple[str, str, Position]]:
        return [
            item
            for index, item in enumerate(self.tags)
            if index not in self.taken and item[0] not in ("TY", "ER") and item[1].strip()
        ]


def no_record(text: str) -> str:
    message = "fichier illisible : aucune fiche RIS (« TY  - ») dans le fichier"
    if re.match(r"\ufeff?(FN|PT) ", text):
        message += (
            " ; c'est un export Web of Science en texte balisé : exportez plutôt au format "
            "RIS (ou BibTeX)"
        )
    return message


def tagged_entries(text: str, fichier: str) -> tuple[list[Entry], list[Diagnostic]]:
    entries: list[Entry] = []
    problems: list[Diagnostic] = []
    current: Entry | None = None
    orphan = stray = False  # inside tags without TY / inside text outside records
    # Lines end with LF or CRLF only: other Unicode line breaks are characters of a value.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        match = TAG_LINE.match(line)
        where = Position(fichier, number, 1)
        if match and match.group(1) == "TY":
            current, orphan, stray = Entry(where), False, False
            entries.append(current)
        if current is not None:
            add_line(current, match, line, where)
            if match and match.group(1) == "ER":
                current = None
        elif match and match.group(1) == "ER":
            orphan = False
        elif match and not orphan:
            orphan = True
            message = (
                f"notice illisible : balise {quote(match.group(1))} hors d'une fiche "
                "(« TY  - » attendu avant)"
            )
            problems.append(error(where, "F003", message))
        elif line.strip("\ufeff \t") and not orphan and not stray:
            stray = True
            message = f"ligne hors d'une fiche RIS ignorée : {quote(line.strip()[:40])}"
            problems.append(warning(where, "F003", message))
        elif not line.strip():
            stray = False
    if current is not None:
        message = "dernière fiche RIS sans fin (« ER  - » attendu) : lue jusqu'à la fin du fichier"
        problems.append(warning(current.start, "F003", message))
    return entries, problems


def add_line(entry: Entry, match: re.Match[str] | None, line: str, where: Position) -> None:
    if match:
        entry.tags.append((match.group(1), (match.group(2) or "").rstrip(), where))
        return
    if ESCAPED_TAG_LINE.match(line):
        line = line[1:]
    tag, value, at = entry.tags[-1]
    entry.tags[-1] = (tag, f"{value}\n{line.rstrip()}", at)
