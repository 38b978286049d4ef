"""Results of earlier checks: a second run within a day only rechecks what failed."""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from biblio.links.check import OK, REDIRECTED, LinkResult
from biblio.output import write_new_file

MAX_AGE = 24 * 3600.0  # seconds
_TRUSTED = frozenset({OK, REDIRECTED})


def cache_path(root: Path) -> Path:
    folder = os.environ.get("BIBLIO_CACHE_DIR")
    return (Path(folder) if folder else root / ".cache" / "biblio") / "liens.json"


def load(path: Path) -> dict[str, LinkResult]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(url): _result(item) for url, item in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}  # no cache, or an unreadable or damaged one: check everything again


def _result(item: object) -> LinkResult:
    result = LinkResult(**item)  # type: ignore[arg-type]  # a mapping, or TypeError
    if not isinstance(result.statut, str) or not isinstance(result.verifie_le, (int, float)):
        raise TypeError("entrée de cache invalide")
    return result


def still_valid(cached: dict[str, LinkResult], now: float) -> dict[str, LinkResult]:
    """Cached results that need no new check: successes younger than a day."""
    return {
        url: result
        for url, result in cached.items()
        if result.statut in _TRUSTED and now - result.verifie_le < MAX_AGE
    }


def save(path: Path, results: dict[str, LinkResult]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {url: asdict(results[url]) for url in sorted(results)}
    write_new_file(path, json.dumps(data, ensure_ascii=False, indent=1), overwrite=True)
