"""The CRES Paca workshop synthesis (``donnees/ateliers-cres-paca-2021.yaml``) as a page:
its two tables (each approach's « silhouette »; what each can bring the others) and the
actions it proposes."""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from biblio.load.donnees import WORKSHOP_COLUMNS
from biblio.render.context import SiteContext
from biblio.render.text import link, plain, reference_page

PAGE = "connaissances/ateliers-cres-paca.md"
UNSURE = "\\*"  # marks an item whose column the PDF's extraction leaves in doubt
# Our own markup between the escaped items of a cell: a table cell holds no Markdown list.
_LINE_BREAK = "<br>"
WIDE_TABLE = "biblio-tableau-large"


def workshop_page(context: SiteContext, workshop: dict[str, Any]) -> str:
    lines = [f"# {plain(workshop['titre'])}", ""]
    source = context.references.get(workshop["source"])
    if source is not None:
        lines += [f"Source : {link(PAGE, reference_page(source.id), plain(source.titre))}.", ""]
    lines += ["## Contexte et objectifs", ""]
    lines += [f"- {plain(item)}" for item in workshop["contexte"]]
    lines += ["", "Objectifs des ateliers :", ""]
    lines += [f"- {plain(item)}" for item in workshop["objectifs"]]
    lines += ["", "## Composition des groupes", ""]
    for group in workshop["groupes"]:
        lines += [f"**{plain(group['nom'])}**", ""]
        lines += [f"- {plain(item)}" for item in group["composition"]] + [""]
    lines += _silhouettes(workshop["silhouettes"], len(workshop["groupes"]))
    lines += _contributions(workshop["apports"])
    lines += ["## Autres pistes et actions proposées", ""]
    lines += [f"{number}. {plain(item)}" for number, item in enumerate(workshop["actions"], 1)]
    return "\n".join(lines) + "\n"


def _silhouettes(silhouettes: dict[str, Any], groups: int) -> list[str]:
    rows = silhouettes["demarches"]
    columns = silhouettes["colonnes"]
    parts = ", ".join(
        f"{plain(columns[key]['partie']).lower()} ({plain(columns[key]['libelle']).lower()})"
        for key in WORKSHOP_COLUMNS
    )
    lines = [
        "## Mieux se connaître : la silhouette de chaque démarche",
        "",
        f"Chaque sous-groupe a présenté sa démarche sur une silhouette : {parts}. "
        "Le tableau compile "
        + ("la silhouette du groupe." if groups == 1 else f"les silhouettes des {groups} groupes."),
        "",
        # A wide table: on a phone it scrolls sideways rather than squeezing words (biblio.css).
        f'<div class="{WIDE_TABLE}" markdown>',
        "",
        "| Silhouette | " + " | ".join(plain(row["demarche"]) for row in rows) + " |",
        "|---|" + "---|" * len(rows),
    ]
    for key in WORKSHOP_COLUMNS:
        head = f"**{plain(columns[key]['partie'])}** : {plain(columns[key]['libelle'])}"
        lines.append(f"| {head} | " + " | ".join(_cell(row, key) for row in rows) + " |")
    lines += ["", "</div>", ""]
    if any(row.get("a_verifier") for row in rows):
        lines += [
            f"{UNSURE} Colonne ou découpage incertain : l’extraction du PDF mêle ici les "
            "colonnes du tableau ; à vérifier sur le document original.",
            "",
        ]
    for row in rows:
        if row.get("non_places"):
            fragments = ", ".join(f"« {plain(f)} »" for f in row["non_places"])
            where = plain(row["demarche"])
            lines += [f"Fragment sans élément de rattachement lisible ({where}) : {fragments}.", ""]
    return lines


def _cell(row: dict[str, Any], key: str) -> str:
    unsure = set(row.get("a_verifier", []))
    items = [plain(item) + (f"\u00a0{UNSURE}" if item in unsure else "") for item in row[key]]
    return _LINE_BREAK.join(f"•\u00a0{item}" for item in items)


def _contributions(contributions: list[dict[str, Any]]) -> list[str]:
    """Reciprocal pairs (A → B then B → A) side by side, as printed; others alone."""
    lines = ["## Ce que chaque démarche peut apporter aux autres", ""]
    index = 0
    while index < len(contributions):
        first = contributions[index]
        second = contributions[index + 1] if index + 1 < len(contributions) else None
        pair = [first]
        if second and (second["de"], second["a"]) == (first["a"], first["de"]):
            pair.append(second)
        lines += [*_table(pair), ""]
        index += len(pair)
    return lines


def _table(contributions: list[dict[str, Any]]) -> list[str]:
    heads = [
        f"Ce que les {plain(c['de'])} peuvent apporter aux {plain(c['a'])}" for c in contributions
    ]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for items in zip_longest(*(c["elements"] for c in contributions), fillvalue=""):
        lines.append("| " + " | ".join(plain(item) for item in items) + " |")
    return lines
