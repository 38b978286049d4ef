"""Record ids for new references: family name + year + a title word, de-accented."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from biblio.model import Reference

# Words that say nothing about a document (French and English).
_STOP_WORDS = (
    "a au aux avec dans de des du d en et l la le les leur leurs par pour qu que quel quelle "
    "quels quelles qui sa se ses son sur un une vers the of and for in on to an"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


def slug_words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (« Égalité d’accès » → ["egalite", "d", "acces"])."""
    folded = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("æ", "ae"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", ascii_text)


def _meaningful(text: str) -> list[str]:
    return [w for w in slug_words(text) if w not in STOP_WORDS and len(w) > 1]


def base_id(ref: Reference) -> str:
    """``famille-annee-mot``: the first author's name (or organisation, or the title's first
    word when there is no author), the year (``sd`` if unknown), then a word of the title."""
    title_words = _meaningful(ref.titre)
    if ref.auteurs:
        first = ref.auteurs[0]
        name_words = _meaningful(first.organisation or first.nom) or slug_words(first.nom)
    else:
        name_words = title_words[:1]
    name = next((w for w in name_words if not w.isdigit()), "ref")
    year = ref.year.lstrip("-") or "sd"  # (an id has no sign: « -0100 » → « 0100 »)
    # A text's number is a good word (« ordonnance-2021-584 »), its year is not.
    word = next((w for w in title_words if w not in (name, year)), "")
    return "-".join(part for part in (name, year, word) if part)


def unique_id(ref: Reference, taken: Collection[str]) -> str:
    """``base_id(ref)``, with ``-2``, ``-3``… when it is already taken."""
    base = candidate = base_id(ref)
    suffix = 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate
