"""Fields and vocabularies of the three kinds of records, declared once as data.

The same declarations drive validation (``biblio.validate``), the model
(``biblio.model`` field names must match, a test checks it), the exports and
the generated « Format des fiches » page. How each exchange format names the
document types (every BibLaTeX, RIS and CSL type) is data too, in
``biblio.type_names``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from biblio.schema_fields import (
    BOOLEAN,
    DATE,
    FULL_DATE,
    IDENTIFIER,
    IDENTIFIERS,
    INTEGER,
    KIND_DEFAULTS,
    KIND_LABELS,
    LINK_TARGETS,
    MAPPING,
    MARKDOWN,
    PERSONS,
    REFERENCE_FIELDS,
    REFERENCE_IDS,
    SECTION_FIELDS,
    SECTION_ID,
    TERM_FIELDS,
    TERM_IDS,
    TEXT,
    TEXTS,
    URL,
    VOCABULARY,
    FieldSpec,
    RecordKind,
)

# Re-exported: the fields are declared in ``biblio.schema_fields``.
__all__ = [
    "BOOLEAN",
    "DATE",
    "FULL_DATE",
    "IDENTIFIER",
    "IDENTIFIERS",
    "INTEGER",
    "KIND_DEFAULTS",
    "KIND_LABELS",
    "LINK_TARGETS",
    "MAPPING",
    "MARKDOWN",
    "PERSONS",
    "REFERENCE_FIELDS",
    "REFERENCE_IDS",
    "SECTION_FIELDS",
    "SECTION_ID",
    "TERM_FIELDS",
    "TERM_IDS",
    "TEXT",
    "TEXTS",
    "URL",
    "VOCABULARY",
    "FieldSpec",
    "RecordKind",
]


LEGISLATION = "legislation"  # the CSL and BibLaTeX type of legal texts


@dataclass(frozen=True)
class TypeSpec:
    """One document type, with its mappings to exchange formats."""

    id: str
    label: str
    csl: str
    biblatex: str
    ris: str
    required: tuple[str, ...] = ()
    genre: str = ""  # CSL genre given when the CSL type is shared

    @property
    def is_legal(self) -> bool:
        """A law, decree, order… (Légifrance's texts)."""
        return self.csl == LEGISLATION


@dataclass(frozen=True)
class Vocabulary:
    """A controlled list: value id → French label."""

    name: str
    label: str
    values: dict[str, str] = field(default_factory=dict)


_BASE = ("titre",)
_DATED = ("titre", "date")
_CONTAINED = ("titre", "publication", "date")
_ONLINE = ("titre", "url")


def _legal(type_id: str, label: str) -> TypeSpec:
    return TypeSpec(type_id, label, LEGISLATION, LEGISLATION, "STAT", _BASE)


def _report(type_id: str, label: str, genre: str = "") -> TypeSpec:
    return TypeSpec(type_id, label, "report", "report", "RPRT", _DATED, genre=genre)


TYPES: tuple[TypeSpec, ...] = (
    _legal("loi", "Loi"),
    _legal("ordonnance", "Ordonnance"),
    _legal("decret", "Décret"),
    _legal("arrete", "Arrêté"),
    _legal("instruction-circulaire", "Instruction ou circulaire"),
    _legal("article-code", "Article de code"),
    _report("rapport", "Rapport"),
    _report("guide", "Guide", "Guide"),
    _report("synthese", "Synthèse", "Synthèse"),
    _report("dossier-documentaire", "Dossier documentaire", "Dossier documentaire"),
    TypeSpec("article-revue", "Article de revue", "article-journal", "article", "JOUR", _CONTAINED),
    TypeSpec(
        "article-presse", "Article de presse", "article-newspaper", "article", "NEWS", _CONTAINED
    ),
    TypeSpec("page-web", "Page web", "webpage", "online", "ELEC", _ONLINE),
    TypeSpec(
        "site-ressource", "Site ressource", "webpage", "online", "ELEC", _ONLINE, genre="Site web"
    ),
    TypeSpec("actes", "Actes de colloque", "book", "proceedings", "CONF", _DATED),
    TypeSpec("presentation", "Présentation", "speech", "misc", "SLIDE", _DATED),
    TypeSpec("these", "Thèse ou mémoire", "thesis", "thesis", "THES", _DATED),
    TypeSpec("ouvrage", "Ouvrage", "book", "book", "BOOK", _DATED),
    TypeSpec(
        "chapitre",
        "Chapitre d'ouvrage",
        "chapter",
        "incollection",
        "CHAP",
        ("titre", "publication"),
    ),
    TypeSpec(
        "communication",
        "Communication (article de colloque)",
        "paper-conference",
        "inproceedings",
        "CPAPER",
        _DATED,
    ),
    TypeSpec(
        "document-non-publie",
        "Document non publié (littérature grise)",
        "manuscript",
        "unpublished",
        "UNPB",
        _BASE,
    ),
    TypeSpec("jeu-de-donnees", "Jeu de données", "dataset", "dataset", "DATA", _BASE),
    TypeSpec("logiciel", "Logiciel", "software", "software", "COMP", _BASE),
    TypeSpec("document", "Autre document", "document", "misc", "GEN", _BASE),
)

TYPES_BY_ID: dict[str, TypeSpec] = {t.id: t for t in TYPES}

VOCABULARIES: dict[str, Vocabulary] = {
    "types": Vocabulary("types", "Types de document", {t.id: t.label for t in TYPES}),
    "langues": Vocabulary(
        "langues",
        "Langues",
        {
            "fr": "français",
            "en": "anglais",
            "es": "espagnol",
            "de": "allemand",
            "it": "italien",
            "pt": "portugais",
            "nl": "néerlandais",
            "ca": "catalan",
            "la": "latin",
            "el": "grec",
            "pl": "polonais",
            "ru": "russe",
            "sv": "suédois",
            "da": "danois",
            "no": "norvégien",
            "fi": "finnois",
            "tr": "turc",
            "ar": "arabe",
            "zh": "chinois",
            "ja": "japonais",
        },
    ),
    "sources_commentaire": Vocabulary(
        "sources_commentaire",
        "Origine du commentaire",
        {
            "base": "Rédigé pour la bibliographie",
            "resume-bib-bop": "Résumé Bib-Bop",
            "resume-auteur": "Résumé auteur",
            "resume-editeur": "Résumé éditeur",
        },
    ),
    "territoires": Vocabulary(
        "territoires",
        "Territoires",
        {
            "international": "International",
            "national": "National",
            "auvergne-rhone-alpes": "Auvergne-Rhône-Alpes",
            "bourgogne-franche-comte": "Bourgogne-Franche-Comté",
            "bretagne": "Bretagne",
            "centre-val-de-loire": "Centre-Val de Loire",
            "corse": "Corse",
            "grand-est": "Grand Est",
            "guadeloupe": "Guadeloupe",
            "guyane": "Guyane",
            "hauts-de-france": "Hauts-de-France",
            "ile-de-france": "Île-de-France",
            "la-reunion": "La Réunion",
            "martinique": "Martinique",
            "mayotte": "Mayotte",
            "normandie": "Normandie",
            "nouvelle-aquitaine": "Nouvelle-Aquitaine",
            "occitanie": "Occitanie",
            "pays-de-la-loire": "Pays de la Loire",
            "provence-alpes-cote-d-azur": "Provence-Alpes-Côte d'Azur",
        },
    ),
}

# Identifier kinds, checked in ``biblio.validate.identifiers``.
IDENTIFIER_LABELS: dict[str, str] = {
    "doi": "DOI",
    "isbn": "ISBN",
    "issn": "ISSN",
    "nor": "NOR",
    "jorftext": "JORFTEXT",
    "eli": "ELI",
}

PERSON_KEYS: dict[str, str] = {
    "nom": "Nom de famille (sans la particule)",
    "prenom": "Prénom(s) ou initiales",
    "particule": "Particule (« de », « du », « van der »…), imprimée en capitales avec le nom",
    "organisation": "Nom d'une organisation auteur (à la place de nom et prénom)",
}


FIELDS_BY_KIND: dict[RecordKind, tuple[FieldSpec, ...]] = {
    RecordKind.REFERENCE: REFERENCE_FIELDS,
    RecordKind.TERM: TERM_FIELDS,
    RecordKind.SECTION: SECTION_FIELDS,
}
REQUIRED_BY_KIND: dict[RecordKind, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields if f.required) for kind, fields in FIELDS_BY_KIND.items()
}

# Folders of the base, by record kind.
FOLDERS: dict[RecordKind, str] = {
    RecordKind.REFERENCE: "references",
    RecordKind.TERM: "glossaire",
    RecordKind.SECTION: "sections",
}

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # matched whole (fullmatch), see ids.id_problem
# Record ids become file names (with suffixes such as « .yaml », « .bib »): well under 255 bytes.
MAX_ID_LENGTH = 100

# Stable diagnostic codes, documented on the « Format des fiches » page.
DIAGNOSTIC_CODES: dict[str, str] = {
    "F001": "fichier qui n'est pas en UTF-8",
    "F002": "syntaxe YAML invalide",
    "F003": "syntaxe BibTeX invalide",
    "F004": "fichier vide ou qui ne décrit pas une fiche (clés « clé: valeur » attendues)",
    "F005": "clé répétée ou invalide dans un fichier YAML",
    "F006": "fichier ignoré (extension inattendue)",
    "F007": "nom de fichier qui n'est pas un identifiant valide",
    "F008": "fichier illisible (droits, fichier supprimé pendant la vérification, boucle de liens)",
    "F009": "ancre ou alias YAML (« &nom », « *nom ») : sans usage dans une fiche, refusés",
    "F010": "valeur YAML trop imbriquée (listes ou tables les unes dans les autres)",
    "F011": "écriture interrompue (import ou ajout tué en cours d'écriture)",
    "R001": "clé inconnue (avec suggestion)",
    "R002": "champ obligatoire manquant",
    "R003": "valeur du mauvais type",
    "R004": "date invalide",
    "R005": "valeur hors liste fermée",
    "R006": "URL invalide ou schéma non http(s)",
    "R007": "identifiant (DOI, ISBN, ISSN, NOR, JORFTEXT, ELI) invalide",
    "R008": "auteur mal décrit",
    "R009": "champ vide",
    "R010": "date en texte libre, gardée telle quelle (avertissement)",
    "R011": "import : valeur invalide mise de côté dans les compléments (à corriger)",
    "R012": "fiche en brouillon : champ obligatoire encore à compléter (avertissement)",
    "R013": "référence numérotée sans commentaire, ou sans adresse ni identifiant (avertissement)",
    "F012": "caractère de contrôle retiré d'une valeur importée",
    "F013": "export illisible : macro @string trop grande, imbrication trop profonde",
    "F014": "BibTeX : clé ou champ en double, macro @string inconnue, crossref / xdata "
    "introuvable (avertissement)",
    "X001": "identifiant en double",
    "X002": "numéro d'affichage en double",
    "X003": "URL en double",
    "X004": "DOI en double",
    "X005": "identifiant différent du nom du fichier",
    "X006": "section inconnue",
    "X007": "terme lié inconnu",
    "X008": "référence source inconnue",
    "X009": "citation d'une référence inconnue dans un texte",
    "X010": "note de bas de page sans définition, ou définie sans appel",
    "X011": "section parente inconnue ou boucle dans l'arbre",
    "X012": "terme du glossaire inconnu",
    "X013": "identifiant (clé BibTeX) invalide : minuscules, chiffres, tirets ; 100 caractères",
    "D001": "donnée (dossier donnees/) : clé obligatoire manquante",
    "D002": "donnée : valeur vide ou du mauvais type",
    "D003": "donnée : clé inconnue (avec suggestion)",
    "D004": "donnée : la source n'est pas une référence de la base",
    "D005": "donnée : élément « à vérifier » absent des colonnes de sa démarche",
}
