"""A cache of per-file results, so that an unchanged file is not parsed and checked again.

Entries are plain data (see ``biblio.validate.runner``), stored with ``marshal``. Each is
keyed on the file's path and the SHA-1 of its bytes; the whole cache is tied to
the code of the ``biblio`` package (any change to the checks invalidates it). It lives in
``<base>/.cache/biblio/`` (ignored by git), or under ``$BIBLIO_CACHE_DIR`` when set. The cache
is an optimisation only: unreadable or stale, it is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def code_fingerprint() -> str:
    """Hash of the package's source and of the Python version."""
    digest = hashlib.sha1(sys.version.encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_file(root: Path) -> Path:
    folder = os.environ.get("BIBLIO_CACHE_DIR")
    if folder:
        key = hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]
        return Path(folder) / f"{key}.marshal"
    return root / ".cache" / "biblio" / "fiches.marshal"


class FileCache:
    """Results of files, by relative path and content digest."""

    def __init__(self, root: Path) -> None:
        self.path = cache_file(root)
        self.previous: dict[str, tuple[str, Any]] = self._read()
        self.current: dict[str, tuple[str, Any]] = {}

    def _read(self) -> dict[str, tuple[str, Any]]:
        try:
            fingerprint, entries = marshal.loads(self.path.read_bytes())
        except Exception:  # absent, truncated or from another version: start afresh
            return {}
        return entries if fingerprint == code_fingerprint() else {}

    def get(self, relative: str, digest: str) -> Any:
        entry = self.previous.get(relative)
        if entry is None or entry[0] != digest:
            return None
        self.current[relative] = entry
        return entry[1]

    def put(self, relative: str, digest: str, result: Any) -> None:
        self.current[relative] = (digest, result)

    def save(self) -> None:
        """Write the entries of this run (atomically); silently skip a read-only tree."""
        if self.current == self.previous:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                # marshal: plain data only (no code is ever run on load), and fast.
                stream.write(marshal.dumps((code_fingerprint(), self.current)))
            os.replace(temporary, self.path)
        except OSError:
            return
