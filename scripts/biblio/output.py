"""Writing files safely: never overwrite silently, never leave a half-written file."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

# A generated folder carries this file; only such a folder may be replaced.
MARKER = ".biblio-genere"


class WriteRefused(Exception):
    """Writing would destroy something the user did not ask to replace."""


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
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
        for relative, text in sorted(pages.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        (staging / MARKER).write_text("Dossier produit par biblio generer.\n", encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(pages)


def write_new_files(root: Path, files: Mapping[str, str]) -> None:
    """Create every file of ``files`` (path relative to ``root`` → text), or none of them."""
    existing = sorted(name for name in files if (root / name).exists())
    if existing:
        raise WriteRefused(
            f"fichier(s) déjà présent(s), rien n'a été écrit : {', '.join(existing)}"
        )
    written: list[Path] = []
    try:
        for name, text in sorted(files.items()):
            write_new_file(root / name, text)
            written.append(root / name)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
