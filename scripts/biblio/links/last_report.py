"""What the last link check (``biblio liens``) found, for the site's pages.

Kept apart from ``biblio.links.check``: building the site reads the report without loading
the HTTP client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPORT = Path("build") / "liens" / "liens.json"
# The statuses ``biblio.links.check.DEAD`` names (a test checks they agree).
DEAD_STATUSES = frozenset({"erreur-client", "dns"})


def read_report(root: Path) -> dict[str, Any] | None:
    """The last report (``build/liens/liens.json``), or None when there is none or it is
    unreadable (the site is then built without it)."""
    try:
        report = json.loads((root / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if isinstance(report, dict) and isinstance(report.get("liens"), list) else None


def dead_in(report: Mapping[str, Any] | None) -> frozenset[str]:
    """URLs the report found dead."""
    links = report["liens"] if report else []
    return frozenset(
        str(item["url"])
        for item in links
        if isinstance(item, dict) and item.get("statut") in DEAD_STATUSES and "url" in item
    )


def dead_urls(root: Path) -> frozenset[str]:
    """URLs the last report found dead; none without a report."""
    return dead_in(read_report(root))
