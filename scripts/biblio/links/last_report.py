"""What the last link check (``biblio liens``) found, for the site's pages.

Kept apart from ``biblio.links.check``: building the site reads the report without loading
the HTTP client.
"""

from __future__ import annotations

import json
from pathlib import Path

REPORT = Path("build") / "liens" / "liens.json"
# The statuses ``biblio.links.check.DEAD`` names (a test checks they agree).
DEAD_STATUSES = frozenset({"erreur-client", "dns"})


def dead_urls(root: Path) -> frozenset[str]:
    """URLs the last report (``build/liens/liens.json``) found dead; none without a report."""
    try:
        report = json.loads((root / REPORT).read_text(encoding="utf-8"))
        return frozenset(
            str(item["url"]) for item in report["liens"] if item.get("statut") in DEAD_STATUSES
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return frozenset()
