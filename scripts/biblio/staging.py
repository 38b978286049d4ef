"""Writing records into the tree: one command at a time, all or nothing, even if killed.

A command that writes records holds the tree's lock (``.biblio.lock``, a ``filelock`` lock the
system releases when the process dies) from loading the base to the end of writing, so that
the ids it chose are still free when it writes. Its files are first written in a staging
folder inside the tree (``.biblio-ecriture/<run>/fichiers/``); then a journal listing them is
written, and each is given its final name (a hard link: an existing file is never replaced;
``commit_replaced_files``, for commands that change records, renames over them instead).
The journal is removed last. A run killed before its journal leaves a staging folder and
nothing in the base: the next command that writes removes it. A run killed after leaves its
journal: the next command that writes finishes it (every file, once), and ``biblio valider``
reports it as an error until then.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biblio.diagnostics import Diagnostic, error
from biblio.model import Position
from biblio.output import WriteRefused, file_mode, link_new, path_under

LOCK_NAME = ".biblio.lock"
STAGING_NAME = ".biblio-ecriture"
JOURNAL = "journal.json"
FILES = "fichiers"
# How long a command waits for another one that writes in the same tree (seconds).
LOCK_WAIT = float(os.environ.get("BIBLIO_VERROU_ATTENTE", "600"))

_locks: dict[Path, Any] = {}


@contextmanager
def locked_tree(root: Path) -> Iterator[None]:
    """Hold the tree's lock (re-entrant in one process); finish or clean up a dead run first."""
    # Imported here: ``biblio valider`` reads journals but takes no lock (start-up time).
    from filelock import FileLock, Timeout

    lock = _locks.setdefault(root.resolve(), FileLock(root / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print("une autre commande biblio écrit dans la base : attente…", file=sys.stderr)
        try:
            lock.acquire(timeout=LOCK_WAIT)
        except Timeout:
            raise WriteRefused(
                f"une autre commande biblio écrit dans la base depuis plus de {LOCK_WAIT:g} s "
                f"(verrou {root / LOCK_NAME}) : rien n'a été écrit, réessayez plus tard"
            ) from None
    except OSError as exc:  # after Timeout (one of them): a tree one may not write in
        raise WriteRefused(
            f"verrou {root / LOCK_NAME} impossible à créer ({exc.strerror}) : rien n'a été écrit"
        ) from None
    try:
        if lock.lock_counter == 1:
            for message in recover(root):
                print(message, file=sys.stderr)
        yield
    finally:
        lock.release()


def commit_new_files(root: Path, files: Mapping[str, str]) -> None:
    """Create every file of ``files`` (relative path → text) under ``root``, or none."""
    targets = {name: path_under(root, name) for name in sorted(files)}
    existing = [name for name, target in targets.items() if target.exists()]
    if existing:
        raise WriteRefused(
            f"fichier(s) déjà présent(s), rien n'a été écrit : {', '.join(existing)}"
        )
    run = _stage(root, files, list(targets), None)
    _commit(root, run, list(targets))


def commit_replaced_files(root: Path, files: Mapping[str, str]) -> None:
    """Replace every file of ``files`` (relative path → new text) under ``root``: all of them,
    even if the process dies half-way (the next command that writes finishes the run)."""
    names = sorted(files)
    missing = [name for name in names if not path_under(root, name).is_file()]
    if missing:
        raise WriteRefused(f"fichier(s) introuvable(s), rien n'a été écrit : {', '.join(missing)}")
    before = {name: _digest(root / name) for name in names}
    run = _stage(root, files, names, before)
    for name in names:  # past the journal, a failure leaves the run for ``recover`` to finish
        os.replace(run / FILES / name, root / name)
    _remove_run(run)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stage(
    root: Path, files: Mapping[str, str], names: list[str], before: dict[str, str] | None
) -> Path:
    """Write the files in a new staging folder, then its journal (the commit point);
    ``before``: for files that replace others, the digest of the text each replaces."""
    run = _new_run(root)
    try:
        for name in names:
            staged = run / FILES / name
            staged.parent.mkdir(parents=True, exist_ok=True)
            with open(staged, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(files[name])
            os.chmod(staged, file_mode())
        _write_journal(run, Journal(names, before))
    except BaseException:
        _remove_run(run)  # nothing of this run is in the base yet
        raise
    return run


def _new_run(root: Path) -> Path:
    folder = root / STAGING_NAME
    folder.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.mkdtemp(dir=folder, prefix=f"{stamp}-{os.getpid()}-"))


@dataclass(frozen=True)
class Journal:
    """The files of a run; ``before`` (files replaced): the digest each target had, so that
    a recovery never puts back a text over a record edited since the run died."""

    names: list[str]
    before: dict[str, str] | None = None


def _write_journal(run: Path, journal: Journal) -> None:
    """The commit point: once the journal is on disk, the run is finished even if killed."""
    partial = run / f"{JOURNAL}.part"
    data: dict[str, Any] = {"fichiers": journal.names}
    if journal.before is not None:
        data["remplace"] = journal.before
    with open(partial, "w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, run / JOURNAL)


def _commit(root: Path, run: Path, names: list[str]) -> None:
    """Give every staged file its name; on failure, remove only the files this run linked."""
    done: list[Path] = []
    try:
        for name in names:
            target = root / name
            link_new(run / FILES / name, target)
            done.append(target)
    except BaseException:
        for target in done:
            target.unlink(missing_ok=True)
        _remove_run(run)
        raise
    _remove_run(run)


def _remove_run(run: Path) -> None:
    shutil.rmtree(run, ignore_errors=True)
    with contextlib.suppress(OSError):  # other runs' leftovers, if any, stay to be reported
        run.parent.rmdir()


def recover(root: Path) -> list[str]:
    """Finish the committed runs a dead process left, remove its uncommitted ones (the caller
    holds the lock); the messages say what was done."""
    messages = []
    for run in _runs(root):
        journal = _read_journal(run)
        if journal is None:
            _remove_run(run)
            messages.append(f"écriture interrompue {run.name} : rien n'avait été écrit, nettoyée")
            continue
        finished, kept = _finish(root, run, journal)
        _remove_run(run)
        message = (
            f"écriture interrompue {run.name} achevée : {len(journal.names)} fichier(s) "
            f"prévu(s), dont {finished} écrit(s) à la reprise"
        )
        if kept:
            message += f" ; modifié(s) depuis, laissé(s) tel(s) quel(s) : {', '.join(kept)}"
        messages.append(message)
    return messages


def _finish(root: Path, run: Path, journal: Journal) -> tuple[int, list[str]]:
    """Give each staged file its name: (how many, the targets edited since, left alone)."""
    finished, kept = 0, []
    for name in journal.names:
        staged = run / FILES / name
        if not staged.exists():  # a staged file is gone once it has its name
            continue
        target = path_under(root, name)
        if journal.before is None:
            if not target.exists():
                link_new(staged, target)
                finished += 1
        elif target.is_file() and _digest(target) == journal.before.get(name):
            os.replace(staged, target)
            finished += 1
        else:
            kept.append(name)
    return finished, kept


def interrupted_runs(root: Path) -> list[Diagnostic]:
    """Errors for runs whose commit began and did not end (for ``biblio valider``)."""
    problems = []
    for run in _runs(root):
        journal = _read_journal(run)
        if journal is not None:
            where = Position(f"{STAGING_NAME}/{run.name}/{JOURNAL}")
            message = (
                f"écriture interrompue : {len(journal.names)} fichier(s) prévu(s), une partie "
                "seulement est dans la base ; relancez la commande interrompue (biblio importer, "
                "biblio ajouter) : elle achève d'abord cette écriture"
            )
            problems.append(error(where, "F011", message))
    return problems


def _runs(root: Path) -> list[Path]:
    folder = root / STAGING_NAME
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir())


def _read_journal(run: Path) -> Journal | None:
    try:
        data = json.loads((run / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("fichiers"), list):
        return None
    before = data.get("remplace")
    digests = {str(k): str(v) for k, v in before.items()} if isinstance(before, dict) else None
    return Journal([str(n) for n in data["fichiers"]], digests)
