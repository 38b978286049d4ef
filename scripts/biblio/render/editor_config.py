"""The editing interface's configuration (Decap CMS ``config.yml``), generated from the schema.

One collection per folder of the base (références, glossaire, sections), one form field per
field of the schema: its widget follows the field's kind, its label and hint are the « Format
des fiches » texts, vocabularies become selects with their French labels, links to other
records become relation widgets, identifiers carry the validator's patterns. The file name is
the id (``slug``), checked by the id rule. Pure and deterministic: the same schema and
settings give the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from biblio import schema
from biblio.schema import FieldSpec, RecordKind
from biblio.validate.identifiers import PATTERNS

JsonDict = dict[str, Any]

DEFAULT_PORT = 8081  # decap-server's own default
HOSTS = ("github", "gitlab")
MEDIA_FOLDER = "docs/assets/fiches"


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor saves: the local server (``make editer``) or a hosted repository."""

    port: int = DEFAULT_PORT  # decap-server on 127.0.0.1
    host: str = ""  # "github" or "gitlab"; "" when only local editing is configured
    repo: str = ""  # owner/name (GitHub), group/project (GitLab)
    branch: str = "main"
    app_id: str = ""  # GitLab OAuth application id (PKCE)

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"


# A date the validator would refuse whatever else it says: a numeric month or day that no
# calendar has (« 2016-13 », « 2016-02-45 »). Everything else, EDTF forms and words
# included, is left to the validator (its message then shows in the preview's banner).
DATE_PATTERN = (
    r"^(?!-?[0-9]{4}-(00|1[3-9]|20|2[5-9]|[3-9][0-9]))"
    r"(?!-?[0-9]{4}-[0-9]{2}-(00|3[2-9]|[4-9][0-9])).+$"
)
FULL_DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
URL_PATTERN = r"^https?://\S+$"
ID_PATTERN = f"^(?=.{{1,{schema.MAX_ID_LENGTH}}}$){schema.ID_PATTERN}$"

_RELATIONS: dict[str, tuple[str, str]] = {  # kind → (collection, field shown)
    schema.REFERENCE_IDS: ("references", "titre"),
    schema.TERM_IDS: ("glossaire", "terme"),
    schema.SECTION_ID: ("sections", "titre"),
}


def _pattern(regex: str, message: str) -> list[str]:
    return [regex, message]


def _text_widget(spec: FieldSpec) -> JsonDict:
    if spec.kind in (schema.IDENTIFIER, schema.IDENTIFIERS) and spec.name in PATTERNS:
        return {"widget": "string", "pattern": _pattern(*PATTERNS[spec.name])}
    if spec.kind == schema.URL:
        return {"widget": "string", "pattern": _pattern(URL_PATTERN, "attendu http(s)://…")}
    if spec.kind == schema.DATE:
        message = "date impossible (mois 01 à 12, saisons 21 à 24, jours 01 à 31)"
        return {"widget": "string", "pattern": _pattern(DATE_PATTERN, message)}
    if spec.kind == schema.FULL_DATE:
        return {"widget": "string", "pattern": _pattern(FULL_DATE_PATTERN, "attendu AAAA-MM-JJ")}
    return {"widget": "string"}


def _widget(spec: FieldSpec) -> JsonDict:
    """The widget settings of one field, from its kind."""
    kind = spec.kind
    if kind == schema.MARKDOWN:
        # The raw editor only: the rich one rewrites Markdown (citations « [@id] », notes).
        return {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True}
    if kind == schema.INTEGER:
        return {"widget": "number", "value_type": "int", "min": 1}
    if kind == schema.BOOLEAN:
        return {"widget": "boolean"}
    if kind == schema.VOCABULARY:
        values = schema.VOCABULARIES[spec.vocabulary].values
        options = [{"label": label, "value": value} for value, label in values.items()]
        return {"widget": "select", "options": options}
    if kind in _RELATIONS:
        collection, shown = _RELATIONS[kind]
        settings: JsonDict = {"widget": "relation", "collection": collection}
        settings |= {"value_field": "{{slug}}", "search_fields": [shown], "display_fields": [shown]}
        return settings | {"multiple": kind != schema.SECTION_ID}
    if kind == schema.PERSONS:
        persons = [
            {"label": label, "name": key, "widget": "string", "required": False}
            for key, label in schema.PERSON_KEYS.items()
        ]
        summary = "{{fields.organisation}}{{fields.nom}} {{fields.prenom}}"
        return {"widget": "list", "fields": persons, "summary": summary}
    if kind in (schema.TEXTS, schema.IDENTIFIERS):
        item = {"label": spec.label, "name": spec.name} | _text_widget(spec)
        return {"widget": "list", "field": item}
    return _text_widget(spec)


def _required_for_types(name: str) -> list[str]:
    return [t.label for t in schema.TYPES if name in t.required]


def form_field(spec: FieldSpec, kind: RecordKind) -> JsonDict:
    """One field of a collection's form."""
    hint = spec.doc + (f" Exemple : {spec.example}" if spec.example else "")
    if kind == RecordKind.REFERENCE and not spec.required and _required_for_types(spec.name):
        hint += " Obligatoire pour : " + ", ".join(_required_for_types(spec.name)) + "."
    settings: JsonDict = {"label": spec.label, "name": spec.name}
    return settings | _widget(spec) | {"required": spec.required, "hint": hint}


def _id_field() -> JsonDict:
    return {
        "label": "Identifiant (nom du fichier)",
        "name": "id",
        "widget": "identifiant",  # a string, filled from the file's name (biblio.editor)
        "required": True,
        "pattern": _pattern(
            ID_PATTERN,
            f"minuscules sans accents, chiffres et tirets simples ; "
            f"{schema.MAX_ID_LENGTH} caractères au plus",
        ),
        "hint": "Donne l'adresse de la page. Pour une référence : nom du premier auteur, "
        "année, un mot du titre (« motard-tessier-2016 ») ; pour une fiche existante, rempli "
        "d'office : le nom de son fichier, à ne pas changer.",
    }


_COLLECTIONS: tuple[tuple[RecordKind, str, str, str], ...] = (  # kind, label, one, summary
    (RecordKind.REFERENCE, "Références", "Référence", "titre"),
    (RecordKind.TERM, "Glossaire", "Terme", "terme"),
    (RecordKind.SECTION, "Sections", "Section", "titre"),
)


def collection(kind: RecordKind, label: str, singular: str, summary: str) -> JsonDict:
    """One folder of the base as a collection: one YAML file per record, named by its id."""
    fields = [form_field(f, kind) for f in schema.FIELDS_BY_KIND[kind] if _editable(f)]
    settings: JsonDict = {
        "name": schema.FOLDERS[kind],
        "label": label,
        "label_singular": singular,
        "folder": schema.FOLDERS[kind],
        "extension": "yaml",
        "format": "yml",
        "create": True,
        "slug": "{{fields.id}}",
        "identifier_field": summary,
        "summary": "{{" + summary + "}}",
        "sortable_fields": [summary],
        "fields": [_id_field(), *fields],
    }
    if kind == RecordKind.REFERENCE:
        # Drafts of an import: listed apart so they are finished here.
        drafts = {"label": "Fiches à compléter (brouillons)", "field": "brouillon"}
        settings["view_filters"] = [drafts | {"pattern": True}]
    return settings


def _editable(spec: FieldSpec) -> bool:
    # The id is the form's first field; an import's « compléments » (free keys) have no
    # widget and are kept in the file as they are.
    return spec.name != "id" and spec.kind != schema.MAPPING


def backend(settings: EditorSettings) -> JsonDict:
    """Hosted repository (each save a merge request), else the local server only."""
    if not settings.host:
        return {"backend": {"name": "proxy", "proxy_url": settings.proxy_url, "branch": "main"}}
    hosted: JsonDict = {"name": settings.host, "repo": settings.repo, "branch": settings.branch}
    if settings.host == "gitlab" and settings.app_id:
        hosted |= {"auth_type": "pkce", "app_id": settings.app_id}
    local = {"url": settings.proxy_url, "allowed_hosts": ["127.0.0.1", "localhost"]}
    return {
        "backend": hosted,
        "publish_mode": "editorial_workflow",
        "local_backend": local,
    }


def editor_config(settings: EditorSettings) -> JsonDict:
    config: JsonDict = {"locale": "fr", **backend(settings)}
    config |= {"media_folder": MEDIA_FOLDER, "public_folder": "/assets/fiches"}
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    config["collections"] = [collection(*c) for c in _COLLECTIONS]
    return config


HEADER = (
    "# Généré par biblio à partir du schéma (biblio/schema.py) : ne pas modifier à la main.\n"
    "# Configuration de l'éditeur Decap CMS servi à /admin/ (voir la page Contribuer).\n"
)


def editor_config_text(settings: EditorSettings) -> str:
    """``config.yml``, as served at ``/admin/config.yml``."""
    body = yaml.safe_dump(editor_config(settings), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body
