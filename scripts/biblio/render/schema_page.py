"""The « Format des fiches » page, generated from ``biblio.schema``."""

from __future__ import annotations

from typing import Any

from biblio import schema
from biblio.load.donnees import DATASETS, INTEGER, TEXT

_KIND_TITLES = {
    schema.RecordKind.REFERENCE: ("Références", "references/motard-tessier-2016.yaml"),
    schema.RecordKind.TERM: ("Termes du glossaire", "glossaire/cpts.yaml"),
    schema.RecordKind.SECTION: ("Sections", "sections/ateliers-sante-ville.yaml"),
}

_SYNTAX = """\
## Citer dans un texte

Les textes en Markdown (commentaires, définitions, textes de section) peuvent citer des fiches :

| Écriture | Effet |
|---|---|
| `[@motard-tessier-2016]` | citation dans le texte, affichée « (18) » avec un lien |
| `[@a; @b]` | plusieurs références citées ensemble |
| `[^@loi-hpst-2009]` | note de bas de page dont le texte est la référence citée |
| `[^1]` et, plus bas, `[^1]: texte de la note` | note de bas de page libre |

`biblio valider` signale toute citation d'une référence inconnue et toute note sans définition.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _field_row(spec: schema.FieldSpec) -> list[str]:
    kind = schema.KIND_LABELS[spec.kind]
    if spec.vocabulary:
        kind = f"liste « {schema.VOCABULARIES[spec.vocabulary].label} »"
    doc = spec.doc + (f" Exemple : `{spec.example}`." if spec.example else "")
    return [f"`{spec.name}`", spec.label, kind, "oui" if spec.required else "", doc]


def _kind_section(kind: schema.RecordKind, fields: tuple[schema.FieldSpec, ...]) -> list[str]:
    title, example = _KIND_TITLES[kind]
    intro = f"Dossier `{schema.FOLDERS[kind]}/`, par exemple `{example}`."
    header = ["Clé", "Libellé", "Valeur attendue", "Obligatoire", "Description"]
    return ["", f"## {title}", "", intro, "", *_table(header, [_field_row(f) for f in fields])]


def _types_section() -> list[str]:
    header = ["Valeur de `type`", "Type", "Champs obligatoires", "CSL", "BibLaTeX", "RIS"]
    rows = [
        [f"`{t.id}`", t.label, ", ".join(f"`{n}`" for n in t.required), t.csl, t.biblatex, t.ris]
        for t in schema.TYPES
    ]
    return ["", "## Types de document", "", *_table(header, rows)]


def _vocabularies_section() -> list[str]:
    lines = ["", "## Listes fermées"]
    for vocabulary in schema.VOCABULARIES.values():
        if vocabulary.name == "types":
            continue
        rows = [[f"`{key}`", label] for key, label in vocabulary.values.items()]
        lines += ["", f"### {vocabulary.label}", "", *_table(["Valeur", "Signification"], rows)]
    return lines


_PLURALS = {TEXT: "textes", INTEGER: "nombres entiers"}


def _shape_lines(shape: dict[str, Any], depth: int) -> list[str]:
    """A dataset's keys as a nested Markdown list (4 spaces per level)."""
    lines = []
    for key, value in shape.items():
        name, optional = key.rstrip("?"), key.endswith("?")
        if isinstance(value, list) and not isinstance(value[0], dict):
            expected, inner = f"liste de {_PLURALS[value[0]]}", None
        elif isinstance(value, list):
            expected, inner = "liste d'éléments, chacun avec :", value[0]
        elif isinstance(value, dict):
            expected, inner = "table avec :", value
        else:
            expected, inner = value, None
        facultative = " (facultatif)" if optional else ""
        lines.append(f"{'    ' * depth}- `{name}`{facultative} : {expected}")
        if inner is not None:
            lines += _shape_lines(inner, depth + 1)
    return lines


def _datasets_section() -> list[str]:
    lines = [
        "",
        "## Données des autres documents (`donnees/`)",
        "",
        "Les tableaux des pages « Repères » viennent de fichiers YAML de `donnees/`, un par "
        "document. Leur forme est vérifiée par `biblio valider` (codes `D001` à `D005`) ; "
        "un fichier qui ne la respecte pas est laissé hors du site. Dans chacun, `source` est "
        "l'identifiant de la fiche du document d'où viennent les données. Toutes les listes "
        "doivent avoir au moins un élément.",
    ]
    for dataset in DATASETS.values():
        lines += ["", f"### {dataset.label}", "", f"Fichier `{dataset.file}` :", ""]
        lines += _shape_lines(dataset.shape, 0)
    return lines


_EXCHANGE = (
    "Les champs d'une référence dans les formats d'échange (import, export, téléchargements) "
    "et sur sa page. Un champ qu'un format ne nomme pas y voyage quand même : sous son propre "
    "nom en BibLaTeX, dans une note N1 « biblio:champ: valeur » en RIS, dans l'objet "
    "`custom` en CSL-JSON. Ce qu'un import lit sans champ équivalent est gardé dans "
    "`complements` et rendu à l'export dans son format d'origine."
)


def _exchange_row(spec: schema.FieldSpec) -> list[str]:
    def name(value: str, default: str) -> str:
        return f"`{value}`" if value else default

    return [
        f"`{spec.name}`",
        name(spec.biblatex, f"`{spec.name}`"),
        name(spec.ris, "note N1"),
        name(spec.csl, "`custom`"),
        f"ligne « {spec.notice} »" if spec.notice else spec.shown,
    ]


def _exchange_section() -> list[str]:
    header = ["Clé", "BibLaTeX", "RIS", "CSL-JSON", "Page de la référence"]
    shown = [f for f in schema.REFERENCE_FIELDS if f.name not in ("id", "complements")]
    rows = [_exchange_row(f) for f in shown]
    return ["", "## Formats d'échange", "", _EXCHANGE, "", *_table(header, rows)]


REFERENCE_MANUAL_WEIGHT = 'data-pagefind-weight="0.1"'


def render_schema_page() -> str:
    """Markdown of the page; deterministic, from the schema only."""
    lines = [
        "# Format des fiches",
        "",
        "Chaque référence, terme du glossaire et section est une fiche : un fichier YAML "
        "dont le nom est l'identifiant (`references/motard-tessier-2016.yaml` → "
        "`motard-tessier-2016`). Les références peuvent aussi venir d'un fichier BibTeX "
        "placé dans `references/`. Cette page est produite à partir du schéma : elle est "
        "toujours à jour.",
    ]
    # The fields' examples and descriptions quote the commonest words of the base (« santé »):
    # weighed little, so that the page does not come before the references in search.
    lines += ["", f"<div {REFERENCE_MANUAL_WEIGHT} markdown>"]
    for kind, fields in schema.FIELDS_BY_KIND.items():
        lines += _kind_section(kind, fields)
    persons = [[f"`{key}`", doc] for key, doc in schema.PERSON_KEYS.items()]
    lines += ["", "## Auteurs", "", "Chaque auteur de la liste `auteurs` est décrit par :", ""]
    lines += _table(["Clé", "Description"], persons)
    lines += _exchange_section() + _types_section() + _vocabularies_section() + _datasets_section()
    codes = [[f"`{code}`", text] for code, text in schema.DIAGNOSTIC_CODES.items()]
    lines += ["", _SYNTAX, "## Codes des messages de `biblio valider`", ""]
    lines += _table(["Code", "Problème"], codes)
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"
