"""Helpers shared by the exchange formats: names, dates, extra data, raw records."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from biblio import dates, schema
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Person, Position, Reference

# Lower-case words that open a family name in French and neighbouring languages.
PARTICLES = {"de", "du", "des", "d'", "d’", "le", "la", "van", "von", "der", "den", "di", "da"}

# Our fields in the order of the schema, with their defaults, to write only what is set.
_DEFAULTS = {f.name: f.default for f in fields(Reference) if f.name not in ("id", "position")}
SKIPPED_ON_DUMP = {"positions", "origins"}


def person_from_text(text: str) -> dict[str, str]:
    """« Nom, Prénom » (or « de Nom, Prénom ») → a person; no comma → an organisation."""
    text = " ".join(text.split())
    if "," not in text:
        return {"organisation": text}
    family, given = (part.strip() for part in text.split(",", 1))
    return person_parts(family, given)


def person_parts(family: str, given: str = "", particle: str = "") -> dict[str, str]:
    """A person from its parts; a lower-case particle left in the family name is split off."""
    words = family.split()
    if not particle:
        leading = []
        while len(words) > 1 and words[0] in PARTICLES:  # lower case only: « De » is a name
            leading.append(words.pop(0))
        particle = " ".join(leading)
    result = {"nom": " ".join(words)}
    if given:
        result["prenom"] = given
    if particle:
        result["particule"] = particle
    return result


def person_text(person: Person) -> str:
    """« Nom, Prénom » with the particle in front of the name, or the organisation."""
    if person.is_organisation:
        return person.organisation
    family = f"{person.particule} {person.nom}" if person.particule else person.nom
    return f"{family}, {person.prenom}" if person.prenom else family


def date_from_text(text: str) -> str:
    """A date as an export writes it (``2019/03/05/``, « juin 2021 », « Spring 2017 »,
    « ca. 1850 »…) → ours (see ``biblio.dates.text``); text that is no date stays as is."""
    return dates.from_text(text)


# Language code → the names met in exports; the first is BibLaTeX's ``langid``.
LANGUAGES = {
    "fr": ("french", "fre", "fra", "français", "francais"),
    "en": ("english", "eng", "anglais", "american", "british"),
    "es": ("spanish", "spa", "espagnol", "español"),
    "de": ("german", "ger", "deu", "allemand", "ngerman"),
    "it": ("italian", "ita", "italien"),
    "pt": ("portuguese", "por", "portugais", "brazilian", "português"),
    "nl": ("dutch", "dut", "nld", "néerlandais", "nederlands"),
    "ca": ("catalan", "cat", "català"),
    "la": ("latin", "lat"),
    "el": ("greek", "gre", "ell", "grec"),
    "pl": ("polish", "pol", "polonais", "polski"),
    "ru": ("russian", "rus", "russe"),
    "sv": ("swedish", "swe", "suédois", "svenska"),
    "da": ("danish", "dan", "danois", "dansk"),
    "no": ("norsk", "nor", "nob", "norwegian", "norvégien", "nb", "nn"),
    "fi": ("finnish", "fin", "finnois", "suomi"),
    "tr": ("turkish", "tur", "turc"),
    "ar": ("arabic", "ara", "arabe"),
    "zh": ("chinese", "chi", "zho", "chinois"),
    "ja": ("japanese", "jpn", "japonais"),
}
# English spelled the way BibLaTeX and Zotero name its variants.
_ENGLISH_VARIANTS = ("australian", "canadian", "newzealand", "ukenglish", "usenglish", "en-us")
_LANGUAGE_CODES = {name: code for code, names in LANGUAGES.items() for name in (code, *names)}
_LANGUAGE_CODES |= dict.fromkeys(_ENGLISH_VARIANTS, "en")


def language_code(text: str) -> str:
    """« fr-FR », « fre », « French », « français » → « fr » (unknown values unchanged)."""
    key = text.strip().lower()
    return _LANGUAGE_CODES.get(key) or _LANGUAGE_CODES.get(re.split(r"[-_]", key)[0], text.strip())


def reference_values(ref: Reference) -> dict[str, Any]:
    """The fields of ``ref`` that differ from their defaults, in schema order."""
    values: dict[str, Any] = {"type": ref.type, "titre": ref.titre}
    if not ref.titre:
        del values["titre"]  # a draft (« brouillon ») may still lack its title
    for name, default in _DEFAULTS.items():
        value = getattr(ref, name)
        if name in SKIPPED_ON_DUMP or name in ("type", "titre") or value == default:
            continue
        values[name] = value
    return values


def complements_for(ref: Reference, prefix: str) -> dict[str, str]:
    """Complements kept from a previous import in the same format (``prefix:field``)."""
    start = f"{prefix}:"
    return {k.removeprefix(start): v for k, v in ref.complements if k.startswith(start)}


def new_raw(key: str, data: dict[str, Any], at: Position, marks: Marks | None = None) -> RawRecord:
    """A raw reference read from an exchange file, located at ``at``."""
    if marks is None:
        marks = Marks(at.fichier)
    marks.values.setdefault((), at)
    return RawRecord(schema.RecordKind.REFERENCE, key, data, marks, at)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# Our fields where a format has no place for them (RIS notes, Zotero's « Extra »):
# one line each, ``biblio:champ: valeur``.
NOTE_PREFIX = "biblio:"
_LIST_KINDS = {schema.TEXTS, schema.TERM_IDS, schema.REFERENCE_IDS}
_FIELDS = {f.name: f for f in schema.REFERENCE_FIELDS}


def read_note(line: str) -> tuple[str, Any]:
    """``biblio:termes: cls, asv`` → (« termes », [« cls », « asv »])."""
    name, _, text = line.removeprefix(NOTE_PREFIX).partition(":")
    name, text = name.strip(), text.strip()
    spec = _FIELDS.get(name)
    kind = spec.kind if spec else schema.TEXT
    if kind == schema.INTEGER and text.isdecimal():
        return name, int(text)
    if kind == schema.BOOLEAN:
        return name, {"oui": True, "non": False}.get(text, text)
    if kind in _LIST_KINDS:
        return name, [part.strip() for part in text.split(",") if part.strip()]
    return name, text


def write_note(name: str, value: Any) -> str:
    if isinstance(value, bool):
        text = "oui" if value else "non"
    elif isinstance(value, tuple):
        text = ", ".join(value)
    else:
        text = str(value)
    return f"{NOTE_PREFIX}{name}: {text}"
