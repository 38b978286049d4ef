"""The fields of the three kinds of records, as data: kind, label, documentation, example,
name in each exchange format, place on the reference page, link target (see ``biblio.schema``,
which gathers them with the vocabularies and types).

Adding a field: see « Ajouter un champ » in the README.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RecordKind(StrEnum):
    """The three kinds of records (a ``str``: plain text in the cache and in messages)."""

    REFERENCE = "reference"
    TERM = "terme"
    SECTION = "section"


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

# The value of a field left out of a record (all immutable: records share them).
KIND_DEFAULTS: dict[str, object] = {
    TEXT: "",
    MARKDOWN: "",
    INTEGER: None,
    BOOLEAN: False,
    TEXTS: (),
    DATE: "",
    FULL_DATE: "",
    URL: "",
    PERSONS: (),
    VOCABULARY: "",
    IDENTIFIER: "",
    IDENTIFIERS: (),
    REFERENCE_IDS: (),
    TERM_IDS: (),
    SECTION_ID: "",
    MAPPING: (),
}

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
    """One key of a record file, and how it travels: its name in each exchange format and its
    place on the reference page (``example`` is a YAML value, used by the documentation and by
    the every-field round trip)."""

    name: str
    label: str
    kind: str
    doc: str
    vocabulary: str = ""
    required: bool = False
    example: str = ""
    # BibLaTeX field written and read; "" → written under our own name, read back as ours.
    biblatex: str = ""
    # RIS tag; "" → a « biblio:champ: valeur » line of an N1 note. Several values: one tag each.
    ris: str = ""
    # CSL-JSON key; "" → kept under the item's ``custom`` object.
    csl: str = ""
    # How several values are joined in one text (CSL-JSON, the reference page).
    joined: str = ", "
    # Row of the « Notice » table on the reference page; "" → see ``shown``.
    notice: str = ""
    # Where else the reference page shows the field (documentation), or why it does not.
    shown: str = ""
    # A link to another record: (diagnostic code, message) when the target is unknown.
    link: tuple[str, str] = ("", "")


_ID_DOC = "Facultatif : s'il est présent, égal au nom du fichier."
_CITATION = "dans la citation"
# Where a link field points, by kind: the kind of record its ids name.
LINK_TARGETS: dict[str, RecordKind] = {
    SECTION_ID: RecordKind.SECTION,
    TERM_IDS: RecordKind.TERM,
    REFERENCE_IDS: RecordKind.REFERENCE,
}

# The tables are kept compact, one field per paragraph (not reformatted).
# fmt: off
REFERENCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id", "Identifiant", TEXT,
        _ID_DOC,
        example="motard-2016", shown="adresse de la page",
    ),
    FieldSpec(
        "type", "Type de document", VOCABULARY,
        "Type de document.",
        vocabulary="types", required=True, example="rapport", biblatex="typedoc", notice="Type",
    ),
    FieldSpec(
        "titre", "Titre", TEXT,
        "Titre tel qu'imprimé.",
        required=True, example="Les contrats locaux de santé en Île-de-France", biblatex="title",
        ris="TI", csl="title", shown="titre de la page",
    ),
    FieldSpec(
        "genre", "Précision sur le type", TEXT,
        "Imprimée après le titre : « Rapport », « Guide pratique », « Actes de colloque »…",
        example="Guide pratique", biblatex="type", ris="M3", csl="genre", shown=_CITATION,
    ),
    FieldSpec(
        "auteurs", "Auteurs", PERSONS,
        "Personnes ou organisations, dans l'ordre imprimé.",
        example="[{nom: Rivet, prenom: Jean, particule: de}, {organisation: Fabrique Territoires "
            "Santé}]",
        biblatex="author", ris="AU", csl="author", notice="Auteurs",
    ),
    FieldSpec(
        "et_al", "Autres auteurs non saisis", BOOLEAN,
        "Oui quand la source ne donne que les premiers auteurs : « (et al.) » est imprimé.",
        example="true", shown="avec les auteurs",
    ),
    FieldSpec(
        "editeurs", "Éditeur ou institution", TEXTS,
        "Éditeur, institution ou organisme diffuseur (plusieurs possibles).",
        example="[Fabrique Territoires Santé, IREPS Occitanie]", biblatex="publisher", ris="PB",
        csl="publisher", joined="; ", notice="Éditeur",
    ),
    FieldSpec(
        "publication", "Publication", TEXT,
        "Revue, journal, site, collection ou ouvrage qui contient le document.",
        example="Santé publique", biblatex="journaltitle", ris="T2", csl="container-title",
        notice="Publication",
    ),
    FieldSpec(
        "volume", "Volume", TEXT,
        "Volume de la revue.",
        example="28", biblatex="volume", ris="VL", csl="volume", shown=_CITATION,
    ),
    FieldSpec(
        "numero_revue", "Numéro", TEXT,
        "Numéro de la revue ou de la collection.",
        example="6", biblatex="number", ris="IS", csl="issue", shown=_CITATION,
    ),
    FieldSpec(
        "pages", "Pages", TEXT,
        "Pages occupées dans la publication.",
        example="729-733", biblatex="pages", ris="SP", csl="page", notice="Pages",
    ),
    FieldSpec(
        "nombre_pages", "Nombre de pages", INTEGER,
        "Nombre total de pages du document.",
        example="214", biblatex="pagetotal", csl="number-of-pages",
        shown="ligne « Pages » (« 214 p. ») quand les pages manquent",
    ),
    FieldSpec(
        "pagination", "Pagination", TEXT,
        "Pagination telle qu'imprimée quand elle n'est pas un simple nombre de pages.",
        example="xviii+214", notice="Pagination",
    ),
    FieldSpec(
        "lieu", "Lieu", TEXT,
        "Lieu d'édition.",
        example="Paris", biblatex="location", ris="CY", csl="publisher-place", notice="Lieu",
    ),
    FieldSpec(
        "date", "Date", DATE,
        "Date de publication, aussi précise que la source : AAAA, AAAA-MM ou AAAA-MM-JJ ; "
        "« s.d. » si elle est inconnue. Sont aussi admises les formes EDTF (niveau 1, ISO "
        "8601-2) : saison `2017-21` (printemps), `-22` (été), `-23` (automne), `-24` (hiver) ; "
        "intervalle `2017/2019`, `2017-03/2017-06`, ouvert `2017/..` ou `../2017` ; date "
        "incertaine `2017?`, approximative `2017~`, les deux `2017%` ; année avant 1000 `0950` ou "
        "avant notre ère `-0100` ; chiffres inconnus `201X`. Le site les affiche en toutes "
        "lettres (« printemps 2017 », « vers 2017 », « 2017-2019 », « depuis 2017 »). Une date en "
        "toutes lettres qu'aucune de ces formes ne peut dire (« XIIIe siècle ») est gardée telle "
        "quelle, avec un avertissement (R010).",
        example="2016-11", biblatex="date", ris="PY", csl="issued", notice="Date",
    ),
    FieldSpec(
        "date_signature", "Date du texte", FULL_DATE,
        "Textes juridiques : date de signature ou de promulgation (« loi du 21 juillet 2009 »).",
        example="2009-07-21", notice="Date du texte",
    ),
    FieldSpec(
        "date_maj", "Date de mise à jour", DATE,
        "Date de mise à jour (« màj »).",
        example="2021-03", notice="Mise à jour",
    ),
    FieldSpec(
        "date_consultation", "Consulté le", FULL_DATE,
        "Date de consultation de l'URL.",
        example="2024-05-02", biblatex="urldate", ris="Y2", csl="accessed", notice="Consulté le",
    ),
    FieldSpec(
        "date_ajout", "Ajouté le", FULL_DATE,
        "Date d'ajout à la base (fil de veille).",
        example="2024-05-03", notice="Ajouté à la base le",
    ),
    FieldSpec(
        "url", "URL", URL,
        "Adresse du document en ligne.",
        example="https://www.example.org/rapport.pdf", biblatex="url", ris="UR", csl="URL",
        shown="lien « Consulter le document »",
    ),
    FieldSpec(
        "url_archive", "Copie archivée", URL,
        "Adresse d'une copie archivée du document (Web Archive…), montrée si l'URL ne répond plus.",
        example="https://web.archive.org/web/20240503/https://www.example.org/rapport.pdf",
        shown="lien vers la copie, à côté du lien « Consulter »",
    ),
    FieldSpec(
        "date_archive", "Archivé le", FULL_DATE,
        "Date de la copie archivée.",
        example="2024-05-03", shown="avec le lien vers la copie",
    ),
    FieldSpec(
        "doi", "DOI", IDENTIFIER,
        "DOI sans préfixe : 10.xxxx/…",
        example="10.1177/17579759", biblatex="doi", ris="DO", csl="DOI", notice="DOI",
    ),
    FieldSpec(
        "isbn", "ISBN", IDENTIFIERS,
        "ISBN-10 ou ISBN-13, tirets permis ; une liste s'il y en a plusieurs.",
        example="978-2-11-077389-0", biblatex="isbn", ris="SN", csl="ISBN", notice="ISBN",
    ),
    FieldSpec(
        "issn", "ISSN", IDENTIFIERS,
        "ISSN NNNN-NNNC ; une liste s'il y en a plusieurs (papier, en ligne).",
        example="0995-3914", biblatex="issn", ris="SN", csl="ISSN", notice="ISSN",
    ),
    FieldSpec(
        "nor", "NOR", IDENTIFIER,
        "Numéro NOR d'un texte officiel.",
        example="SSAH2111132R", notice="NOR",
    ),
    FieldSpec(
        "jorftext", "Identifiant Légifrance", IDENTIFIER,
        "JORFTEXT ou LEGITEXT suivi de 12 chiffres.",
        example="JORFTEXT000020879475", notice="Légifrance",
    ),
    FieldSpec(
        "eli", "ELI", IDENTIFIER,
        "Identifiant européen de la législation (URL Légifrance).",
        example="https://www.legifrance.gouv.fr/eli/loi/2009/7/21/SASX0822640L/jo/texte",
        notice="ELI",
    ),
    FieldSpec(
        "langue", "Langue", VOCABULARY,
        "Langue du document (fr par défaut).",
        vocabulary="langues", example="en", biblatex="langid", ris="LA", csl="language",
        notice="Langue",
    ),
    FieldSpec(
        "territoire", "Territoire", VOCABULARY,
        "Territoire concerné.",
        vocabulary="territoires", example="occitanie", notice="Territoire",
    ),
    FieldSpec(
        "section", "Section", SECTION_ID,
        "Section de la bibliographie.",
        example="ateliers-sante-ville", notice="Section", link=("X006", "section inconnue"),
    ),
    FieldSpec(
        "numero", "Numéro d'affichage", INTEGER,
        "Numéro dans l'édition : (1) à (43). Absent : référence non numérotée (source citée).",
        example="12", shown="devant la citation, sur la page de la section",
    ),
    FieldSpec(
        "groupe", "Groupe", TEXT,
        "Groupe dans la section : « Pour aller plus loin ».",
        example="Pour aller plus loin", shown="sur la page de la section",
    ),
    FieldSpec(
        "commentaire", "Commentaire", MARKDOWN,
        "Commentaire de la référence (Markdown).",
        example="Un état des lieux, *rédigé pour la base*.", biblatex="abstract", ris="AB",
        csl="abstract", shown="partie « Commentaire »",
    ),
    FieldSpec(
        "source_commentaire", "Origine du commentaire", VOCABULARY,
        "D'où vient le commentaire.",
        vocabulary="sources_commentaire", example="resume-auteur", shown="sous le commentaire",
    ),
    FieldSpec(
        "termes", "Termes du glossaire", TERM_IDS,
        "Identifiants des termes traités.",
        example="[cpts, cls]", shown="partie « Termes du glossaire »",
        link=("X012", "terme du glossaire inconnu"),
    ),
    FieldSpec(
        "mots_cles", "Mots-clés", TEXTS,
        "Mots-clés libres.",
        example="[santé, territoire]", biblatex="keywords", ris="KW", csl="keyword",
        notice="Mots-clés",
    ),
    FieldSpec(
        "complements", "Compléments importés", MAPPING,
        "Données d'un import (Zotero…) sans champ équivalent, gardées telles quelles : "
        "« format:champ: valeur » (bibtex:shorttitle, ris:M1, csl:title-short…).",
        example="{'bibtex:shorttitle': Contrats locaux, 'ris:M1': n° 12, 'csl:title-short': CLS}",
        shown="non montrés ; rendus à l'export dans leur format d'origine",
    ),
    FieldSpec(
        "brouillon", "Fiche à compléter", BOOLEAN,
        "Oui pour une fiche importée incomplète : les champs obligatoires manquants sont signalés "
        "en avertissement (R012), la fiche est montrée par make serve avec le bandeau « fiche à "
        "compléter » mais absente du site publié. Retirez la ligne une fois la fiche complète.",
        example="true", shown="bandeau « Fiche à compléter »",
    ),
)

TERM_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id", "Identifiant", TEXT,
        _ID_DOC,
        example="cpts",
    ),
    FieldSpec(
        "terme", "Terme", TEXT,
        "Forme développée du terme.",
        required=True, example="Communauté professionnelle territoriale de santé",
    ),
    FieldSpec(
        "sigle", "Sigle", TEXT,
        "Sigle ou acronyme.",
        example="CPTS",
    ),
    FieldSpec(
        "definition", "Définition", MARKDOWN,
        "Définition (Markdown).",
        required=True, example="Professionnels de santé d'un territoire *organisés ensemble*.",
    ),
    FieldSpec(
        "variantes", "Variantes", TEXTS,
        "Synonymes et formes fléchies : pluriel, élision (« l'ASV »)…",
        example="[CPTS, communautés professionnelles]",
    ),
    FieldSpec(
        "voir_aussi", "Voir aussi", TERM_IDS,
        "Termes liés.",
        example="[cls]", link=("X007", "terme lié inconnu"),
    ),
    FieldSpec(
        "sources", "Sources", REFERENCE_IDS,
        "Références d'où vient la définition.",
        example="[motard-2016]", link=("X008", "référence source inconnue"),
    ),
    FieldSpec(
        "date_ajout", "Ajouté le", FULL_DATE,
        "Date d'ajout à la base.",
        example="2024-05-03",
    ),
)

SECTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id", "Identifiant", TEXT,
        _ID_DOC,
        example="ateliers-sante-ville",
    ),
    FieldSpec(
        "numero", "Numéro", TEXT,
        "Numéro imprimé : 1, 2.1, 2.2.1, A…",
        example="2.2.1",
    ),
    FieldSpec(
        "titre", "Titre", TEXT,
        "Titre de la section.",
        required=True, example="Ateliers santé ville",
    ),
    FieldSpec(
        "parent", "Section parente", SECTION_ID,
        "Section qui la contient.",
        example="dynamiques-territoriales", link=("X011", "section parente inconnue"),
    ),
    FieldSpec(
        "ordre", "Ordre", INTEGER,
        "Rang parmi les sections sœurs.",
        required=True, example="3",
    ),
    FieldSpec(
        "texte", "Texte", MARKDOWN,
        "Texte d'introduction (Markdown, avec citations).",
        example="Les ateliers santé ville *coordonnent* les acteurs locaux.",
    ),
)
# fmt: on
