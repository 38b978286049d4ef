"""Finding record files in a base and reading them as UTF-8 text."""

from __future__ import annotations

import codecs
import errno
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.ids import id_problem
from biblio.model import Position
from biblio.schema import FOLDERS, RecordKind

YAML_SUFFIXES = (".yaml", ".yml")
# Files documentalists keep next to the records; not records themselves.
IGNORED_SUFFIXES = (".md", ".txt")


@dataclass(frozen=True)
class SourceFile:
    """A record file of the base: its kind, path and path relative to the base root."""

    kind: str  # a RecordKind, or « donnees »
    path: Path
    relative: str

    # Read several times for each of thousands of files: computed once, without pathlib.
    @cached_property
    def stem(self) -> str:
        return os.path.splitext(os.path.basename(self.relative))[0]

    @cached_property
    def suffix(self) -> str:
        return os.path.splitext(self.relative)[1].lower()


def find_record_files(
    root: Path, kinds: tuple[RecordKind, ...] = tuple(FOLDERS)
) -> tuple[list[SourceFile], list[Diagnostic]]:
    """List the record files of each folder (of ``kinds``), sorted, with warnings for stray
    files."""
    found: list[SourceFile] = []
    problems: list[Diagnostic] = []
    for kind in kinds:
        folder = FOLDERS[kind]
        directory = root / folder
        if not directory.is_dir():
            continue
        names, unreadable = _file_names(directory)
        for name, exc in unreadable:
            reason = _READ_PROBLEMS.get(exc.errno or 0, f"erreur du système n° {exc.errno}")
            problems.append(
                error(Position(f"{folder}/{name}"), "F008", f"fichier illisible : {reason}")
            )
        for name in names:
            path = directory / name
            relative = f"{folder}/{name}"
            suffix = os.path.splitext(name)[1].lower()
            if suffix in YAML_SUFFIXES or (suffix == ".bib" and kind == RecordKind.REFERENCE):
                found.append(SourceFile(kind, path, relative))
            elif suffix not in IGNORED_SUFFIXES:
                expected = ".yaml ou .bib" if kind == RecordKind.REFERENCE else ".yaml"
                message = f"fichier ignoré {quote(path.name)} : extension attendue {expected}"
                problems.append(warning(Position(relative), "F006", message))
    return found, problems


def _file_names(directory: Path) -> tuple[list[str], list[tuple[str, OSError]]]:
    """Sorted names of the files of ``directory``, and the entries that could not be examined
    (a symbolic link loop): reported, and the rest of the base is still checked."""
    names: list[str] = []
    unreadable: list[tuple[str, OSError]] = []
    with os.scandir(directory) as scan:  # scandir knows file types without a stat each
        for entry in scan:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_file():
                    names.append(entry.name)
            except OSError as exc:
                unreadable.append((entry.name, exc))
    return sorted(names), sorted(unreadable, key=lambda item: item[0])


def check_file_name(source: SourceFile) -> Diagnostic | None:
    """The file name is the record id: it passes the id check (``ids.id_problem``)."""
    problem = id_problem(source.stem)
    if problem is None:
        return None
    return error(
        Position(source.relative),
        "F007",
        f"nom de fichier invalide {quote(source.path.name)} : {problem} "
        "(ex. motard-tessier-2016.yaml)",
    )


_READ_PROBLEMS = {
    errno.EACCES: "droits de lecture insuffisants",
    errno.ENOENT: "fichier supprimé pendant la vérification",
    errno.ELOOP: "boucle de liens symboliques",
}


def read_file(source: SourceFile) -> bytes | Diagnostic:
    """The file's bytes, or a diagnostic when it cannot be read."""
    try:
        with open(source.path, "rb", buffering=0) as stream:  # unbuffered: one read call
            return stream.readall()
    except OSError as exc:
        reason = _READ_PROBLEMS.get(exc.errno or 0, f"erreur du système n° {exc.errno}")
        return error(Position(source.relative), "F008", f"fichier illisible : {reason}")


def decode(source: SourceFile, data: bytes) -> str | Diagnostic:
    """The file's text, or a diagnostic when it is not UTF-8 (never guess the encoding)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return error(
            Position(source.relative, line, column),
            "F001",
            f"encodage invalide : octet 0x{data[exc.start]:02X} non UTF-8 (le fichier semble "
            "enregistré en Latin-1 ou Windows-1252 ; réenregistrez-le en UTF-8)",
        )
