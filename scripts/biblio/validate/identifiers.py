"""Standard identifiers: patterns and checksums (DOI, ISBN, ISSN, NOR, JORFTEXT, ELI)."""

from __future__ import annotations

import re
from collections.abc import Callable

_DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")
_NOR = re.compile(r"^[A-Z]{4}\d{7}[A-Z]$")
_JORFTEXT = re.compile(r"^(JORF|LEGI)TEXT\d{12}$")
_ELI = re.compile(
    r"^https://www\.legifrance\.gouv\.fr/eli/[a-z_]+/\d{4}/\d{1,2}/\d{1,2}/[\w-]+(/[\w-]+)*$"
)
_ISSN = re.compile(r"^\d{4}-?\d{3}[\dX]$")


def check_doi(value: str) -> str | None:
    if value.lower().startswith(("http://", "https://", "doi:")):
        bare = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.I)
        return f"écrire le DOI sans préfixe : « {bare} »"
    if not _DOI.match(value):
        return "attendu 10.NNNN/suffixe"
    return None


def isbn_digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def check_isbn(value: str) -> str | None:
    digits = isbn_digits(value)
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return None if total % 11 == 0 else "clé de contrôle ISBN-10 fausse"
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
        return None if total % 10 == 0 else "clé de contrôle ISBN-13 fausse"
    return "attendu 10 ou 13 chiffres (ISBN-13 commençant par 978 ou 979)"


def check_issn(value: str) -> str | None:
    if not _ISSN.match(value.upper()):
        return "attendu NNNN-NNNC"
    digits = value.upper().replace("-", "")
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return None if digits[7] == expected else f"clé de contrôle ISSN fausse, attendu {expected}"


def _pattern(regex: re.Pattern[str], expected: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if regex.match(value) else f"attendu {expected}"

    return check


CHECKS: dict[str, Callable[[str], str | None]] = {
    "doi": check_doi,
    "isbn": check_isbn,
    "issn": check_issn,
    "nor": _pattern(_NOR, "4 lettres, 7 chiffres et 1 lettre, ex. SSAH2111132R"),
    "jorftext": _pattern(_JORFTEXT, "JORFTEXT ou LEGITEXT suivi de 12 chiffres"),
    "eli": _pattern(_ELI, "une adresse https://www.legifrance.gouv.fr/eli/…"),
}

# The patterns an editing form can check as one types (``biblio.render.editor_config``): the
# checksums of ISBN and ISSN stay the validator's. Written in the syntax both Python and
# JavaScript read.
PATTERNS: dict[str, tuple[str, str]] = {
    "doi": (_DOI.pattern, "attendu 10.NNNN/suffixe, sans préfixe https://doi.org/"),
    "isbn": (r"^[0-9Xx -]{10,17}$", "attendu 10 ou 13 chiffres, tirets permis"),
    "issn": (_ISSN.pattern, "attendu NNNN-NNNC"),
    "nor": (_NOR.pattern, "attendu 4 lettres, 7 chiffres et 1 lettre, ex. SSAH2111132R"),
    "jorftext": (_JORFTEXT.pattern, "attendu JORFTEXT ou LEGITEXT suivi de 12 chiffres"),
    "eli": (_ELI.pattern, "attendu une adresse https://www.legifrance.gouv.fr/eli/…"),
}
