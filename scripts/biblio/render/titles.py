"""A reference's title as listings show it: unambiguous next to the bibliography's numbers
« (18) », and told apart from another record of the same title.

- Légifrance ends the title of an amended law with a note call, « … de santé (1) »: printed
  as is, it reads as a citation of reference (1). It is shown as a superscript note call,
  never a link, with its meaning for screen readers.
- Two records may share a title (a law and one of its articles): where they are listed, each
  gets what tells it apart (its type, date, whether it is an article, its number).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from biblio.dates import french
from biblio.model import Reference
from biblio.schema import TYPES_BY_ID

_NOTE_CALL = re.compile(r"\s+\((\d)\)\s*$")  # « … de santé (1) »
NOTE_CALL_CLASS = "biblio-appel-jo"
NOTE_CALL_TITLE = "appel de note du Journal officiel, pas une référence de la bibliographie"


def note_call(ref: Reference) -> tuple[str, str]:
    """(the title without Légifrance's trailing note call, the call « (1) » or "")."""
    match = _NOTE_CALL.search(ref.titre) if _is_legal(ref) else None
    if match is None:
        return ref.titre, ""
    return ref.titre[: match.start()], f"({match.group(1)})"


def note_call_html(call: str) -> str:
    """The note call as a superscript (HTML; ``call`` is « (digit) »)."""
    return f'<sup class="{NOTE_CALL_CLASS}" title="{NOTE_CALL_TITLE}">{call}</sup>'


def _is_legal(ref: Reference) -> bool:
    spec = TYPES_BY_ID.get(ref.type)
    return spec is not None and spec.is_legal


def _key(ref: Reference) -> str:
    return " ".join(note_call(ref)[0].casefold().split())


def _is_article(ref: Reference) -> bool:
    return "JORFARTI" in ref.url or "/article_jo/" in ref.url or ref.type == "article-code"


# What may tell two records of the same title apart, in the order it is tried.
_PARTS: tuple[Callable[[Reference], str], ...] = (
    lambda r: TYPES_BY_ID[r.type].label if r.type in TYPES_BY_ID else r.type,
    lambda r: french(r.date or r.date_signature) if r.date or r.date_signature else "",
    lambda r: "article" if _is_article(r) else "texte complet",
    lambda r: f"référence ({r.numero})" if r.numero else "hors bibliographie",
    lambda r: r.id,
)


def distinguishing_parts(refs: Iterable[Reference]) -> dict[str, str]:
    """Reference id → what tells it apart, for the references whose title another one shares
    (the first part that differs between them: type, date, article or whole text, number)."""
    groups: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        groups[_key(ref)].append(ref)
    parts: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        for part in _PARTS:
            values = [part(r) for r in group]
            if len(set(values)) == len(values):
                parts.update((r.id, v) for r, v in zip(group, values, strict=True))
                break
    return parts


def listed_together(refs: Iterable[Reference], distinct: Mapping[str, str]) -> dict[str, str]:
    """What tells apart the references of one listing (``refs``) that share a title with
    another reference of the same listing; ``distinct``: the whole base's
    (``SiteContext.distinct``), which is almost always empty, so this costs one look-up a
    reference."""
    shared = [r for r in refs if r.id in distinct]
    return distinguishing_parts(shared) if len(shared) > 1 else {}


def listed_title(ref: Reference, distinct: Mapping[str, str]) -> str:
    """The title as plain text, with what tells it apart from another of the same title."""
    part = distinct.get(ref.id, "")
    title = note_call(ref)[0].rstrip()  # Légifrance's « (1) » would read as reference (1)
    return f"{title} — {part}" if part else title
