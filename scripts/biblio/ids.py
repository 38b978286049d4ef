"""Record ids: the one check every id passes before it is used (as a file name, a page path,
an anchor), and new ids for references: family name + year + a title word, de-accented."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from biblio.model import Reference
from biblio.schema import ID_PATTERN, MAX_ID_LENGTH

_ID_RE = re.compile(ID_PATTERN)

# Words that say nothing about a document (French and English).
_STOP_WORDS = (
    "a au aux avec dans de des du d en et l la le les leur leurs par pour qu que quel quelle "
    "quels quelles qui sa se ses son sur un une vers the of and for in on to an"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


def id_problem(value: str) -> str | None:
    """Why ``value`` cannot be a record id (in French), or None when it can.

    Only ASCII lower-case letters, digits and single hyphens: an id is a file name and a URL on
    every system, and two visually identical forms (« é » composed or not, NFC and NFD) are
    refused rather than taken for two ids. ``fullmatch``: a trailing newline is not accepted.
    """
    if len(value) > MAX_ID_LENGTH:
        return f"identifiant trop long ({len(value)} caractères, {MAX_ID_LENGTH} au plus)"
    if _ID_RE.fullmatch(value):
        return None
    # A character one cannot see (newline, combining accent, other scripts) is named.
    bad = next((c for c in value if not c.isascii() or not c.isprintable()), "")
    shown = f"caractère U+{ord(bad):04X} non admis : " if bad else ""
    return (
        f"{shown}l'identifiant ne doit contenir que des minuscules non accentuées, des chiffres "
        "et des tirets"
    )


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
    # Words are cut so that the id, with a ``-NNN`` suffix, stays within the bound.
    parts = (name[:_WORD_LENGTH], year[:_WORD_LENGTH], word[:_WORD_LENGTH])
    return "-".join(part for part in parts if part)


_WORD_LENGTH = 30


def unique_id(ref: Reference, taken: Collection[str]) -> str:
    """``base_id(ref)``, with ``-2``, ``-3``… when it is already taken."""
    base = candidate = base_id(ref)
    suffix = 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate
