"""Fields and vocabularies of the three kinds of records, declared once as data.

The same declarations drive validation (``biblio.validate``), the model
(``biblio.model`` field names must match, a test checks it), the exports and
the generated « Format des fiches » page. How each exchange format names the
document types (every BibLaTeX, RIS and CSL type) is data too, in
``biblio.type_names``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of values a field may hold. The validator knows how to check each.
TEXT = "texte"  # one line of text (numbers are accepted and read as text)
MARKDOWN = "markdown"  # text in Markdown, may span lines, may cite records
INTEGER = "entier"  # positive whole number
BOOLEAN = "booleen"  # oui / non (true / false)
TEXTS = "textes"  # one text or a list of texts
DATE = "date"  # AAAA, AAAA-MM, AAAA-MM-JJ, EDTF level 1 or « s.d. » (see biblio.dates)
FULL_DATE = "date_complete"  # AAAA-MM-JJ
URL = "url"  # http(s) address
PERSONS = "personnes"  # list of persons or organisations
VOCABULARY = "vocabulaire"  # one value of a controlled vocabulary
IDENTIFIER = "identifiant"  # DOI, ISBN… checked by pattern or checksum
IDENTIFIERS = "identifiants"  # one identifier or a list of them (several ISBN of a book)
REFERENCE_IDS = "ids_references"  # list of reference ids
TERM_IDS = "ids_termes"  # list of glossary term ids
SECTION_ID = "id_section"  # one section id
MAPPING = "table"  # keys → texts (data an import could not place elsewhere)

KIND_LABELS: dict[str, str] = {
    TEXT: "texte",
    MARKDOWN: "texte Markdown",
    INTEGER: "nombre entier positif",
    BOOLEAN: "oui ou non (true / false)",
    TEXTS: "texte ou liste de textes",
    DATE: "date AAAA, AAAA-MM ou AAAA-MM-JJ, date EDTF (saison, intervalle, date incertaine "
    "ou approximative), ou « s.d. »",
    FULL_DATE: "date AAAA-MM-JJ",
    URL: "adresse http:// ou https://",
    PERSONS: "liste de personnes (nom, prenom, particule) ou d'organisations",
    VOCABULARY: "valeur d'une liste fermée",
    IDENTIFIER: "identifiant normalisé",
    IDENTIFIERS: "identifiant normalisé ou liste d'identifiants",
    REFERENCE_IDS: "liste d'identifiants de références",
    TERM_IDS: "liste d'identifiants de termes du glossaire",
    SECTION_ID: "identifiant de section",
    MAPPING: "table « clé: texte »",
}


@dataclass(frozen=True)
class FieldSpec:
    """One key of a record file."""

    name: str
    label: str
    kind: str
    doc: str
    vocabulary: str = ""
    required: bool = False
    example: str = ""


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
    return TypeSpec(type_id, label, "legislation", "legislation", "STAT", _BASE)


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

_ID_DOC = "Facultatif : s'il est présent, égal au nom du fichier."

REFERENCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "Identifiant", TEXT, _ID_DOC),
    FieldSpec(
        "type", "Type de document", VOCABULARY, "Type de document.", "types", True, "rapport"
    ),
    FieldSpec("titre", "Titre", TEXT, "Titre tel qu'imprimé.", required=True),
    FieldSpec(
        "genre",
        "Précision sur le type",
        TEXT,
        "Imprimée après le titre : « Rapport », « Guide pratique », « Actes de colloque »…",
    ),
    FieldSpec("auteurs", "Auteurs", PERSONS, "Personnes ou organisations, dans l'ordre imprimé."),
    FieldSpec(
        "et_al",
        "Autres auteurs non saisis",
        BOOLEAN,
        "Oui quand la source ne donne que les premiers auteurs : « (et al.) » est imprimé.",
    ),
    FieldSpec(
        "editeurs",
        "Éditeur ou institution",
        TEXTS,
        "Éditeur, institution ou organisme diffuseur (plusieurs possibles).",
    ),
    FieldSpec(
        "publication",
        "Publication",
        TEXT,
        "Revue, journal, site, collection ou ouvrage qui contient le document.",
    ),
    FieldSpec("volume", "Volume", TEXT, "Volume de la revue.", example="28"),
    FieldSpec(
        "numero_revue", "Numéro", TEXT, "Numéro de la revue ou de la collection.", example="6"
    ),
    FieldSpec("pages", "Pages", TEXT, "Pages occupées dans la publication.", example="729-733"),
    FieldSpec("nombre_pages", "Nombre de pages", INTEGER, "Nombre total de pages du document."),
    FieldSpec(
        "pagination",
        "Pagination",
        TEXT,
        "Pagination telle qu'imprimée quand elle n'est pas un simple nombre de pages.",
        example="xviii+214",
    ),
    FieldSpec("lieu", "Lieu", TEXT, "Lieu d'édition."),
    FieldSpec(
        "date",
        "Date",
        DATE,
        "Date de publication, aussi précise que la source : AAAA, AAAA-MM ou AAAA-MM-JJ ; "
        "« s.d. » si elle est inconnue. Sont aussi admises les formes EDTF (niveau 1, "
        "ISO 8601-2) : saison `2017-21` (printemps), `-22` (été), `-23` (automne), `-24` "
        "(hiver) ; intervalle `2017/2019`, `2017-03/2017-06`, ouvert `2017/..` ou `../2017` ; "
        "date incertaine `2017?`, approximative `2017~`, les deux `2017%` ; année avant 1000 "
        "`0950` ou avant notre ère `-0100` ; chiffres inconnus `201X`. Le site les affiche en "
        "toutes lettres (« printemps 2017 », « vers 2017 », « 2017-2019 », « depuis 2017 »). "
        "Une date en toutes lettres qu'aucune de ces formes ne peut dire (« XIIIe siècle ») "
        "est gardée telle quelle, avec un avertissement (R010).",
        example="2016-11",
    ),
    FieldSpec(
        "date_signature",
        "Date du texte",
        FULL_DATE,
        "Textes juridiques : date de signature ou de promulgation (« loi du 21 juillet 2009 »).",
        example="2009-07-21",
    ),
    FieldSpec("date_maj", "Date de mise à jour", DATE, "Date de mise à jour (« màj »)."),
    FieldSpec("date_consultation", "Consulté le", FULL_DATE, "Date de consultation de l'URL."),
    FieldSpec("date_ajout", "Ajouté le", FULL_DATE, "Date d'ajout à la base (fil de veille)."),
    FieldSpec("url", "URL", URL, "Adresse du document en ligne."),
    FieldSpec(
        "url_archive",
        "Copie archivée",
        URL,
        "Adresse d'une copie archivée du document (Web Archive…), montrée si l'URL ne répond plus.",
    ),
    FieldSpec("date_archive", "Archivé le", FULL_DATE, "Date de la copie archivée."),
    FieldSpec("doi", "DOI", IDENTIFIER, "DOI sans préfixe : 10.xxxx/…", example="10.1177/17579759"),
    FieldSpec(
        "isbn",
        "ISBN",
        IDENTIFIERS,
        "ISBN-10 ou ISBN-13, tirets permis ; une liste s'il y en a plusieurs.",
    ),
    FieldSpec(
        "issn",
        "ISSN",
        IDENTIFIERS,
        "ISSN NNNN-NNNC ; une liste s'il y en a plusieurs (papier, en ligne).",
        example="0995-3914",
    ),
    FieldSpec("nor", "NOR", IDENTIFIER, "Numéro NOR d'un texte officiel.", example="SSAH2111132R"),
    FieldSpec(
        "jorftext",
        "Identifiant Légifrance",
        IDENTIFIER,
        "JORFTEXT ou LEGITEXT suivi de 12 chiffres.",
        example="JORFTEXT000020879475",
    ),
    FieldSpec("eli", "ELI", IDENTIFIER, "Identifiant européen de la législation (URL Légifrance)."),
    FieldSpec("langue", "Langue", VOCABULARY, "Langue du document (fr par défaut).", "langues"),
    FieldSpec("territoire", "Territoire", VOCABULARY, "Territoire concerné.", "territoires"),
    FieldSpec("section", "Section", SECTION_ID, "Section de la bibliographie."),
    FieldSpec(
        "numero",
        "Numéro d'affichage",
        INTEGER,
        "Numéro dans l'édition : (1) à (43). Absent : référence non numérotée (source citée).",
    ),
    FieldSpec("groupe", "Groupe", TEXT, "Groupe dans la section : « Pour aller plus loin »."),
    FieldSpec("commentaire", "Commentaire", MARKDOWN, "Commentaire de la référence (Markdown)."),
    FieldSpec(
        "source_commentaire",
        "Origine du commentaire",
        VOCABULARY,
        "D'où vient le commentaire.",
        "sources_commentaire",
    ),
    FieldSpec("termes", "Termes du glossaire", TERM_IDS, "Identifiants des termes traités."),
    FieldSpec("mots_cles", "Mots-clés", TEXTS, "Mots-clés libres."),
    FieldSpec(
        "complements",
        "Compléments importés",
        MAPPING,
        "Données d'un import (Zotero…) sans champ équivalent, gardées telles quelles : "
        "« format:champ: valeur » (bibtex:shorttitle, ris:M1, csl:title-short…).",
    ),
    FieldSpec(
        "brouillon",
        "Fiche à compléter",
        BOOLEAN,
        "Oui pour une fiche importée incomplète : les champs obligatoires manquants sont "
        "signalés en avertissement (R012), la fiche est montrée par make serve avec le bandeau "
        "« fiche à compléter » mais absente du site publié. Retirez la ligne une fois la fiche "
        "complète.",
    ),
)

TERM_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "Identifiant", TEXT, _ID_DOC),
    FieldSpec("terme", "Terme", TEXT, "Forme développée du terme.", required=True),
    FieldSpec("sigle", "Sigle", TEXT, "Sigle ou acronyme.", example="CPTS"),
    FieldSpec("definition", "Définition", MARKDOWN, "Définition (Markdown).", required=True),
    FieldSpec(
        "variantes",
        "Variantes",
        TEXTS,
        "Synonymes et formes fléchies : pluriel, élision (« l'ASV »)…",
    ),
    FieldSpec("voir_aussi", "Voir aussi", TERM_IDS, "Termes liés."),
    FieldSpec("sources", "Sources", REFERENCE_IDS, "Références d'où vient la définition."),
    FieldSpec("date_ajout", "Ajouté le", FULL_DATE, "Date d'ajout à la base."),
)

SECTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "Identifiant", TEXT, _ID_DOC),
    FieldSpec("numero", "Numéro", TEXT, "Numéro imprimé : 1, 2.1, 2.2.1, A…", example="2.2.1"),
    FieldSpec("titre", "Titre", TEXT, "Titre de la section.", required=True),
    FieldSpec("parent", "Section parente", SECTION_ID, "Section qui la contient."),
    FieldSpec("ordre", "Ordre", INTEGER, "Rang parmi les sections sœurs.", required=True),
    FieldSpec("texte", "Texte", MARKDOWN, "Texte d'introduction (Markdown, avec citations)."),
)

FIELDS_BY_KIND: dict[str, tuple[FieldSpec, ...]] = {
    "reference": REFERENCE_FIELDS,
    "terme": TERM_FIELDS,
    "section": SECTION_FIELDS,
}
REQUIRED_BY_KIND: dict[str, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields if f.required) for kind, fields in FIELDS_BY_KIND.items()
}

# Folders of the base, by record kind.
FOLDERS: dict[str, str] = {"reference": "references", "terme": "glossaire", "section": "sections"}

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
