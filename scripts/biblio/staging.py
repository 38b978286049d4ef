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
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
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
    run = _stage(root, files, list(targets), replace=False)
    _commit(root, run, list(targets))


def commit_replaced_files(root: Path, files: Mapping[str, str]) -> None:
    """Replace every file of ``files`` (relative path → new text) under ``root``: all of them,
    even if the process dies half-way (the next command that writes finishes the run)."""
    names = sorted(files)
    missing = [name for name in names if not path_under(root, name).is_file()]
    if missing:
        raise WriteRefused(f"fichier(s) introuvable(s), rien n'a été écrit : {', '.join(missing)}")
    run = _stage(root, files, names, replace=True)
    for name in names:  # past the journal, a failure leaves the run for ``recover`` to finish
        os.replace(run / FILES / name, root / name)
    _remove_run(run)


def _stage(root: Path, files: Mapping[str, str], names: list[str], replace: bool) -> Path:
    """Write the files in a new staging folder, then its journal (the commit point)."""
    run = _new_run(root)
    try:
        for name in names:
            staged = run / FILES / name
            staged.parent.mkdir(parents=True, exist_ok=True)
            with open(staged, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(files[name])
            os.chmod(staged, file_mode())
        _write_journal(run, names, replace)
    except BaseException:
        _remove_run(run)  # nothing of this run is in the base yet
        raise
    return run


def _new_run(root: Path) -> Path:
    folder = root / STAGING_NAME
    folder.mkdir(exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.mkdtemp(dir=folder, prefix=f"{stamp}-{os.getpid()}-"))


def _write_journal(run: Path, names: list[str], replace: bool) -> None:
    """The commit point: once the journal is on disk, the run is finished even if killed."""
    partial = run / f"{JOURNAL}.part"
    with open(partial, "w", encoding="utf-8") as stream:
        json.dump({"fichiers": names, "remplacer": replace}, stream, ensure_ascii=False)
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
        replace = _journal_replaces(run)
        if journal is None:
            _remove_run(run)
            messages.append(f"écriture interrompue {run.name} : rien n'avait été écrit, nettoyée")
            continue
        finished = 0
        for name in journal:
            staged = run / FILES / name
            if staged.exists():
                target = path_under(root, name)
                if replace:  # a staged file is gone once it has replaced its target
                    os.replace(staged, target)
                    finished += 1
                elif not target.exists():
                    link_new(staged, target)
                    finished += 1
        _remove_run(run)
        messages.append(
            f"écriture interrompue {run.name} achevée : {len(journal)} fichier(s) écrit(s) "
            f"en tout, dont {finished} à la reprise"
        )
    return messages


def interrupted_runs(root: Path) -> list[Diagnostic]:
    """Errors for runs whose commit began and did not end (for ``biblio valider``)."""
    problems = []
    for run in _runs(root):
        journal = _read_journal(run)
        if journal is not None:
            where = Position(f"{STAGING_NAME}/{run.name}/{JOURNAL}")
            message = (
                f"écriture interrompue : {len(journal)} fichier(s) prévu(s), une partie "
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


def _journal_replaces(run: Path) -> bool:
    try:
        data = json.loads((run / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("remplacer") is True


def _read_journal(run: Path) -> list[str] | None:
    try:
        data = json.loads((run / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = data.get("fichiers") if isinstance(data, dict) else None
    return [str(n) for n in names] if isinstance(names, list) else None
