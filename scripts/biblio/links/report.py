"""Link check reports: a Markdown page for people, a JSON document for tools."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from biblio.dates import is_plain_date, year_of
from biblio.links.check import DEAD, STATUS_LABELS, LinkResult
from biblio.model import Reference

ARCHIVE = "https://web.archive.org/web/{stamp}/{url}"


@dataclass(frozen=True)
class Checked:
    """A checked URL and the references that give it."""

    result: LinkResult
    references: tuple[Reference, ...]

    @property
    def dead(self) -> bool:
        return self.result.statut in DEAD

    @property
    def archive(self) -> str:
        """The Web Archive copy nearest the day the documentalist consulted the page."""
        if not self.dead:
            return ""
        ref = self.references[0]
        # (a date that is not plain, « 2017/2019 », « 2017-21 », counts by its start year)
        date = ref.date if is_plain_date(ref.date) else year_of(ref.date).lstrip("-")
        day = ref.date_consultation or ref.date_ajout or date
        stamp = "".join(ch for ch in day if ch.isdigit())
        return ARCHIVE.format(stamp=stamp or "2", url=self.result.url)


def counts(items: Sequence[Checked]) -> Counter[str]:
    return Counter(item.result.statut for item in items)


def to_json(items: Sequence[Checked]) -> str:
    document: dict[str, Any] = {
        "total": len(items),
        "morts": sum(item.dead for item in items),
        "par_statut": dict(sorted(counts(items).items())),
        "liens": [
            {
                "url": item.result.url,
                "statut": item.result.statut,
                "code": item.result.code,
                "cible": item.result.cible or None,
                "detail": item.result.detail or None,
                "archive": item.archive or None,
                "references": [ref.id for ref in item.references],
            }
            for item in items
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_markdown(items: Sequence[Checked]) -> str:
    lines = ["# Vérification des liens", "", summary(items), ""]
    for status, (label, advice) in STATUS_LABELS.items():
        found = [item for item in items if item.result.statut == status]
        if not found or status == "ok":
            continue
        lines += [f"## {label[:1].upper()}{label[1:]} ({len(found)}) — {advice}", ""]
        lines += [_line(item) for item in found] + [""]
    return "\n".join(lines)


def summary(items: Sequence[Checked]) -> str:
    found = counts(items)
    parts = [f"{found[s]} {STATUS_LABELS[s][0]}" for s in found]
    dead = sum(item.dead for item in items)
    return f"{len(items)} lien(s) vérifié(s), {dead} mort(s) : " + ", ".join(sorted(parts))


def _line(item: Checked) -> str:
    result = item.result
    refs = ", ".join(f"`{ref.id}`" for ref in item.references)
    text = f"- <{result.url}> ({refs})"
    if result.code:
        text += f" — code {result.code}"
    if result.cible:
        text += f" — nouvelle adresse : <{result.cible}>"
    if result.detail and not result.cible:
        text += f" — {result.detail}"
    if item.archive:
        text += f" — version archivée : <{item.archive}>"
    return text
