"""Writing files safely: never outside the destination, never overwrite silently, never leave a
half-written file, with the permissions the user's umask gives."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

# A generated folder carries this file; only such a folder may be replaced.
MARKER = ".biblio-genere"


class WriteRefused(Exception):
    """Writing would destroy something the user did not ask to replace, or write outside."""


def path_under(destination: Path, relative: str) -> Path:
    """``destination / relative``, refused unless it stays under ``destination`` (no absolute
    path, no « .. », no symbolic link leading elsewhere)."""
    pure = PurePosixPath(relative)
    target = destination / relative
    if (
        not relative
        or "\0" in relative
        or "\\" in relative
        or pure.is_absolute()
        or ".." in pure.parts
        or not _real_under(str(target), str(destination))
    ):
        raise WriteRefused(
            f"chemin {relative!r} hors du dossier {destination} : refusé, rien n'a été écrit"
        )
    return target


def _real_under(target: str, destination: str) -> bool:
    """Whether ``target``, links followed, is in ``destination``; folders' real paths are
    remembered (a preview writes thousands of pages into a few folders)."""
    real = (
        os.path.realpath(target)
        if os.path.islink(target)
        else os.path.join(_real_folder(os.path.dirname(target)), os.path.basename(target))
    )
    base = _real_folder(destination)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


@functools.lru_cache(maxsize=1024)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _umask() -> int:
    # Read without changing it where the system tells it (os.umask sets it while reading).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def file_mode() -> int:
    """The mode a new file gets from ``open`` (mkstemp makes ``-rw-------`` files)."""
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The mode a new folder gets from ``mkdir`` (mkdtemp makes ``drwx------`` folders)."""
    return 0o777 & ~_umask()


def write_new_file(path: Path, text: str, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace it unless ``overwrite``."""
    if path.exists() and not overwrite:
        raise WriteRefused(f"le fichier {path} existe déjà : ajoutez --force pour le remplacer")
    if not path.parent.is_dir():
        raise WriteRefused(f"le dossier {path.parent} n'existe pas")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, file_mode())
        if overwrite:
            os.replace(temporary, path)
        else:
            link_new(Path(temporary), path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def link_new(source: Path, target: Path) -> None:
    """Give ``source`` the name ``target``, which must not exist (even if it appeared since
    it was checked: a hard link never replaces a file), then drop the name ``source``."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise WriteRefused(f"le fichier {target} existe déjà : il n'a pas été remplacé") from None
    except OSError:  # a file system without hard links: the check just before must do
        if target.exists():
            raise WriteRefused(f"le fichier {target} existe déjà") from None
        os.rename(source, target)
        return
    source.unlink()


def write_generated_tree(folder: Path, pages: Mapping[str, str]) -> int:
    """Replace ``folder`` by the generated ``pages`` (relative path → text), all or nothing."""
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise WriteRefused(
            f"le dossier {folder} existe et n'a pas été créé par « biblio generer » : "
            "choisissez un dossier vide ou nouveau"
        )
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        os.chmod(staging, folder_mode())
        for relative, text in sorted(pages.items()):
            target = path_under(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        (staging / MARKER).write_text("Dossier produit par biblio generer.\n", encoding="utf-8")
        swap_folder(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(pages)


def swap_folder(new: Path, folder: Path) -> None:
    """Put the complete folder ``new`` in the place of ``folder``: the old one stays whole
    until the new one takes its name (two renames; between them, briefly, no folder)."""
    if not folder.exists():
        os.replace(new, folder)
        return
    old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.ancien."))
    old.rmdir()
    os.replace(folder, old)
    try:
        os.replace(new, folder)
    except BaseException:
        os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_new_files(root: Path, files: Mapping[str, str]) -> None:
    """Create every file of ``files`` (path relative to ``root`` → text), or none of them, under
    the tree's lock, through a staging folder and a journal (see ``biblio.staging``)."""
    from biblio.staging import commit_new_files, locked_tree

    with locked_tree(root):
        commit_new_files(root, files)


class SiteSwap:
    """A site built beside its folder, which it replaces only once complete: a failed or killed
    build leaves the previous site whole (and its leftovers are removed by the next build)."""

    def __init__(self) -> None:
        self.target: Path | None = None
        self.staging: Path | None = None
        self.completed = False

    def begin(self, target: Path) -> Path:
        """The folder to build into, beside ``target`` (same file system: one rename)."""
        target = target.absolute()
        target.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{target.name}.construction-"
        # Left by a build killed while building, or between the two renames of the swap.
        for pattern in (f"{prefix}*", f".{target.name}.ancien.*"):
            for leftover in target.parent.glob(pattern):
                shutil.rmtree(leftover, ignore_errors=True)
        self.target = target
        self.staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix))
        os.chmod(self.staging, folder_mode())
        return self.staging

    def complete(self) -> None:
        self.completed = True

    def fail(self) -> None:
        self.completed = False

    def end(self) -> None:
        """Put the complete site in place, or drop the incomplete one."""
        if self.staging is None or self.target is None:
            return
        if self.completed:
            swap_folder(self.staging, self.target)
        else:
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None
