"""The checkers of single values, one per kind of field: each returns the clean value it keeps
(or ``REFUSED``) with its diagnostics, nothing written as a side effect. ``record`` applies
them to every key of a record."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from biblio import dates, schema
from biblio.diagnostics import Diagnostic, error, quote, warning
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Path
from biblio.model import Person, Position
from biblio.validate.identifiers import CHECKS

_SPACE = re.compile(r"\s")
NO_DATE = dates.NO_DATE
is_valid_date = dates.is_plain_date


class Checked:
    """A record being checked: its raw form, to locate what a message is about."""

    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw

    def at(self, path: Path) -> Position:
        return self.raw.marks.value(path)


# Marks a value a checker refused (``None`` may be a value one day).
REFUSED: Any = object()


class Outcome(NamedTuple):
    """What a checker decides about one value: the clean value, or ``REFUSED``, and why."""

    value: Any
    problems: list[Diagnostic]

    @staticmethod
    def kept(value: Any, *problems: Diagnostic) -> Outcome:
        return Outcome(value, list(problems))

    @staticmethod
    def refused(*problems: Diagnostic) -> Outcome:
        return Outcome(REFUSED, list(problems))


Checker = Callable[[Checked, schema.FieldSpec, Any, Path], Outcome]


def suggestion(value: object, choices: list[str]) -> str:
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    return f" — vouliez-vous dire {quote(close[0])} ?" if close else ""


def _wrong_type(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    found = {bool: "oui/non", list: "une liste", dict: "des clés"}.get(type(value), quote(value))
    expected = schema.KIND_LABELS[spec.kind]
    message = f"{quote(spec.name)} doit être : {expected} (trouvé : {found})"
    return Outcome.refused(error(checked.at(path), "R003", message))


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _text(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    text = _as_text(value)
    if text is None or (spec.kind == schema.MARKDOWN and not isinstance(value, str)):
        return _wrong_type(checked, spec, value, path)
    return Outcome.kept(text.strip() if spec.kind == schema.TEXT else text.rstrip())


def _kept_if(accepts: Callable[[Any], bool]) -> Checker:
    """A checker that keeps the value as is when ``accepts`` it, else reports its type."""

    def check(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
        return Outcome.kept(value) if accepts(value) else _wrong_type(checked, spec, value, path)

    return check


_integer = _kept_if(lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0)
_boolean = _kept_if(lambda v: isinstance(v, bool))


def _texts(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    items = value if isinstance(value, list) else [value]
    texts = []
    for index, item in enumerate(items):
        text = _as_text(item)
        if text is None or not text.strip():
            item_path = (*path, index) if isinstance(value, list) else path
            message = f"{quote(spec.name)} : chaque élément doit être un texte non vide"
            return Outcome.refused(error(checked.at(item_path), "R003", message))
        texts.append(text.strip())
    return Outcome.kept(tuple(texts))


def _date(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    text = _as_text(value)
    full = spec.kind == schema.FULL_DATE
    # The plain forms first, without the EDTF parser: nearly every date is one.
    if text is not None and (is_valid_date(text, full) or (not full and text == NO_DATE)):
        return Outcome.kept(text)
    if full or text is None:
        expected = "AAAA-MM-JJ" if full else _DATE_FORMS
        message = f"date invalide {quote(value)} (attendu {expected})"
        return Outcome.refused(error(checked.at(path), "R004", message))
    problem = dates.date_problem(text)
    if problem is None:
        return Outcome.kept(text)
    if dates.is_literal(text):  # words: kept, shown and exported as written
        message = (
            f"date en texte libre {quote(text)} gardée telle quelle{_hint(text)} "
            f"(formes reconnues : {_DATE_FORMS})"
        )
        return Outcome.kept(text, warning(checked.at(path), "R010", message))
    reason = f" : {problem}" if problem else ""
    message = f"date invalide {quote(text)}{reason}{_hint(text)} (attendu {_DATE_FORMS})"
    return Outcome.refused(error(checked.at(path), "R004", message))


_DATE_FORMS = (
    "AAAA, AAAA-MM, AAAA-MM-JJ, saison AAAA-21 à AAAA-24, intervalle AAAA/AAAA ou AAAA/.., "
    "date incertaine AAAA? ou approximative AAAA~, ou « s.d. » si inconnue"
)


def _hint(text: str) -> str:
    suggested = dates.from_text(text)
    ok = suggested != text and dates.date_problem(suggested) is None
    return f" — vouliez-vous dire {quote(suggested)} ?" if ok else ""


def _url(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    if not isinstance(value, str):
        return _wrong_type(checked, spec, value, path)
    problem = url_problem(value)
    if problem:
        return Outcome.refused(error(checked.at(path), "R006", problem))
    return Outcome.kept(value)


# The usual case, accepted without urlsplit (a tenth of the checking time of a record):
# http(s), a host without port or brackets, no space anywhere. Anything else is looked at
# closely.
_PLAIN_URL = re.compile(r"https?://[^/?#\[\]\s:]+(?:[/?#]\S*)?", re.IGNORECASE)


def url_problem(url: str) -> str | None:
    """Why ``url`` is refused (http and https only, a host, no space), or None."""
    if _PLAIN_URL.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # brackets of an IPv6 address left open
        return f"URL invalide {quote(url)} (crochets « [ ] » mal placés dans l'adresse)"
    try:
        _ = parts.port  # read only when asked, and checked then: the link checker asks
    except ValueError:
        return f"URL invalide {quote(url)} (numéro de port non numérique ou supérieur à 65535)"
    if parts.scheme not in ("http", "https"):
        return f"URL {quote(url)} refusée : seules les adresses http:// et https:// sont admises"
    if not parts.netloc or _SPACE.search(url):
        return f"URL invalide {quote(url)} (nom de domaine manquant ou espace dans l'adresse)"
    return None


def _vocabulary(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    choices = schema.VOCABULARIES[spec.vocabulary].values
    if isinstance(value, str) and value in choices:
        return Outcome.kept(value)
    message = (
        f"{spec.name} : valeur inconnue {quote(value)}{suggestion(value, list(choices))} "
        f"(valeurs admises : {', '.join(choices)})"
    )
    return Outcome.refused(error(checked.at(path), "R005", message))


def _identifier(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    text = _as_text(value)
    if text is None:
        return _wrong_type(checked, spec, value, path)
    problem = CHECKS[spec.name](text.strip())
    if problem:
        label = schema.IDENTIFIER_LABELS[spec.name]
        message = f"{label} invalide {quote(text)} ({problem})"
        return Outcome.refused(error(checked.at(path), "R007", message))
    return Outcome.kept(text.strip())


def _identifiers(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    """One identifier or a list of them: each checked, kept as a tuple."""
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for index, item in enumerate(items):
        item_path = (*path, index) if isinstance(value, list) else path
        outcome = _identifier(checked, spec, item, item_path)
        if outcome.value is REFUSED:
            return outcome
        found.append(outcome.value)
    return Outcome.kept(tuple(found))


def _persons(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    if not isinstance(value, list):
        return _wrong_type(checked, spec, value, path)
    people: list[Person] = []
    for index, item in enumerate(value):
        person = _person(checked, item, (*path, index))
        if isinstance(person, Diagnostic):
            return Outcome.refused(person)
        people.append(person)
    return Outcome.kept(tuple(people))


_PERSON_SHAPE = "attendu « nom: … » (et « prenom: … ») ou « organisation: … »"


def _person(checked: Checked, item: Any, path: Path) -> Person | Diagnostic:
    """The person ``item`` describes, or what is wrong with it."""
    if not isinstance(item, dict):
        return error(checked.at(path), "R008", f"auteur mal décrit : {_PERSON_SHAPE}")
    for key, value in item.items():
        if key not in schema.PERSON_KEYS:
            hint = suggestion(key, list(schema.PERSON_KEYS))
            message = f"clé inconnue {quote(key)} dans un auteur{hint}"
            return error(checked.raw.marks.key((*path, key)), "R001", message)
        if _as_text(value) is None or not str(value).strip():
            message = f"auteur : {quote(key)} doit être un texte non vide"
            return error(checked.at((*path, key)), "R008", message)
    if bool(item.get("nom")) == bool(item.get("organisation")):
        message = "auteur mal décrit : donner soit « nom » (personne), soit « organisation »"
        return error(checked.at(path), "R008", message)
    return Person(**{k: str(v).strip() for k, v in item.items()})


def _ids(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    single = spec.kind == schema.SECTION_ID
    items = [value] if not isinstance(value, list) else value
    if (single and isinstance(value, list)) or not all(isinstance(i, str) and i for i in items):
        return _wrong_type(checked, spec, value, path)
    return Outcome.kept(value if single else tuple(items))


def _mapping(checked: Checked, spec: schema.FieldSpec, value: Any, path: Path) -> Outcome:
    if not isinstance(value, dict):
        return _wrong_type(checked, spec, value, path)
    pairs = []
    for key, item in value.items():
        text = _as_text(item)
        if not isinstance(key, str) or text is None:
            message = f"{quote(spec.name)} : chaque entrée doit être « clé: texte »"
            return Outcome.refused(error(checked.at((*path, key)), "R003", message))
        pairs.append((key, text))
    return Outcome.kept(tuple(sorted(pairs)))


CHECKERS: dict[str, Checker] = {
    schema.TEXT: _text,
    schema.MARKDOWN: _text,
    schema.INTEGER: _integer,
    schema.BOOLEAN: _boolean,
    schema.TEXTS: _texts,
    schema.DATE: _date,
    schema.FULL_DATE: _date,
    schema.URL: _url,
    schema.PERSONS: _persons,
    schema.VOCABULARY: _vocabulary,
    schema.IDENTIFIER: _identifier,
    schema.IDENTIFIERS: _identifiers,
    schema.REFERENCE_IDS: _ids,
    schema.TERM_IDS: _ids,
    schema.SECTION_ID: _ids,
    schema.MAPPING: _mapping,
}
