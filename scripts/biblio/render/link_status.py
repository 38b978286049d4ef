"""« État des liens »: the last link check (``biblio liens``) as a page for documentalists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from biblio.render.context import SiteContext
from biblio.render.text import NOT_INDEXED, link, reference_page, title_markdown

PAGE = "liens.md"
# Status → heading and what to do, worst first (the statuses of ``biblio.links.check``).
_SECTIONS = {
    "erreur-client": ("Introuvables (404, 410…)", "lien mort : nouvelle adresse ou copie archivée"),
    "dns": ("Nom de domaine introuvable", "lien mort : nouvelle adresse ou copie archivée"),
    "redirection": ("Redirigées", "mettre à jour l'adresse"),
    "interdit-ou-limite": ("Accès refusé ou limité", "à vérifier à la main"),
    "erreur-serveur": ("Erreur du serveur", "à revérifier plus tard"),
    "delai-depasse": ("Délai dépassé", "à revérifier plus tard"),
    "connexion": ("Connexion refusée ou coupée", "à revérifier plus tard"),
}


def link_status_markdown(report: Mapping[str, Any] | None, context: SiteContext) -> str:
    """The page: counts, then one table per kind of problem (records linked to their page)."""
    lines = [NOT_INDEXED + "# État des liens", ""]
    if not report:
        lines += [
            "Aucune vérification des liens n'accompagne cette construction du site : lancez "
            "`biblio liens` (rapport dans `build/liens/`) puis reconstruisez le site.",
        ]
        return "\n".join(lines) + "\n"
    links = [item for item in report.get("liens", []) if isinstance(item, Mapping)]
    lines += [
        f"Dernière vérification : {len(links)} adresse(s), "
        f"{sum(item.get('statut') in ('erreur-client', 'dns') for item in links)} morte(s).",
        "",
    ]
    for status, (heading, advice) in _SECTIONS.items():
        found = [item for item in links if item.get("statut") == status]
        if found:
            lines += [f"## {heading} ({len(found)})", "", f"À faire : {advice}.", ""]
            lines += ["| Référence | Adresse | Détail |", "|---|---|---|"]
            lines += [_row(item, context) for item in found] + [""]
    return "\n".join(lines) + "\n"


def _row(item: Mapping[str, Any], context: SiteContext) -> str:
    refs = [context.references[i] for i in item.get("references", []) if i in context.references]
    names = ", ".join(link(PAGE, reference_page(r.id), title_markdown(r)) for r in refs) or "—"
    detail = []
    if item.get("code"):
        detail.append(f"code {int(item['code'])}")
    if item.get("cible"):
        detail.append(f"nouvelle adresse : {_cell(str(item['cible']))}")
    if item.get("archive"):
        detail.append(f"copie archivée : {_cell(str(item['archive']))}")
    return f"| {names} | {_cell(str(item.get('url', '')))} | {' ; '.join(detail) or '—'} |"


def _cell(url: str) -> str:
    # An address as code: shown as is, never a link from this page, and no « | » breaks the row.
    return "`" + url.replace("`", "%60").replace("|", "%7C") + "`"
