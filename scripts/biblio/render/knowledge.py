"""Knowledge pages drawn from the other documents and from the records themselves:
the survey's figures, the legal framework's timeline, the references by year and type."""

from __future__ import annotations

from collections import Counter
from typing import Any

from biblio.dates import display, sort_key, year_label, year_of
from biblio.model import Reference
from biblio.render import charts
from biblio.render import workshop as workshop_pages
from biblio.render.context import SiteContext
from biblio.render.text import link, plain, reference_page, title_markdown
from biblio.render.titles import listed_together, note_call
from biblio.schema import TYPES, TYPES_BY_ID

INDEX = "connaissances/index.md"
SURVEY = "connaissances/enquete-fts.md"
TIMELINE = "connaissances/chronologie.md"
STATISTICS = "connaissances/statistiques.md"
LEGAL = ("loi", "ordonnance", "decret", "arrete", "instruction-circulaire")


def knowledge_pages(context: SiteContext, donnees: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The « Repères » pages; a page whose data the base lacks is left out."""
    survey, workshop = donnees.get("enquete"), donnees.get("ateliers")
    pages = {INDEX: _index(survey is not None, workshop is not None)}
    pages.update(_timeline(context))
    pages.update(_statistics(context))
    if survey is not None:
        pages.update(_survey(context, survey))
    if workshop is not None:
        pages[workshop_pages.PAGE] = workshop_pages.workshop_page(context, workshop)
    return pages


def _index(with_survey: bool, with_workshop: bool) -> str:
    lines = ["# Repères", "", "Des données tirées des documents et des fiches de la base :", ""]
    if with_survey:
        lines.append(f"- {link(INDEX, SURVEY, 'Enquête de Fabrique Territoires Santé')}")
    if with_workshop:
        title = "Ateliers du CRES Paca : ce que chaque démarche apporte aux autres"
        lines.append(f"- {link(INDEX, workshop_pages.PAGE, title)}")
    lines += [
        f"- {link(INDEX, TIMELINE, 'Chronologie du cadre législatif')}",
        f"- {link(INDEX, STATISTICS, 'La base en chiffres : références par année et par type')}",
    ]
    return "\n".join(lines) + "\n"


FIGURES = {
    SURVEY: (
        "Graphique : part des répondants par situation",
        "Réponses au questionnaire, en pourcentage de la base indiquée.",
    ),
    TIMELINE: (
        "Frise chronologique des textes juridiques",
        "Frise des textes, du plus ancien au plus récent.",
    ),
    STATISTICS: (
        "Histogramme des références par année et par type",
        "Nombre de références par année, par type de document.",
    ),
}


def _figure(page: str) -> str:
    # An image in a paragraph of its own: the lightbox (glightbox) opens it full size.
    alt, caption = FIGURES[page]
    image = page.rsplit("/", 1)[1].replace(".md", ".svg")
    return f"![{alt}]({image})\n\n*{caption} Cliquer sur l’image pour l’agrandir.*"


def _survey(context: SiteContext, survey: dict[str, Any]) -> dict[str, str]:
    figures = survey["questionnaire"]["chiffres"]
    rows = [
        (f["libelle"], f["pourcentage"], f"{f['pourcentage']} % ({f['effectif']}/{f['base']})")
        for f in figures
        if "pourcentage" in f
    ]
    svg = charts.horizontal_bars("Réponses au questionnaire (octobre 2021)", rows)
    source = context.references.get(survey["source"])
    lines = [f"# {plain(survey['titre'])}", ""]
    if source is not None:
        lines += [f"Source : {link(SURVEY, reference_page(source.id), plain(source.titre))}.", ""]
    lines += [
        "## Chiffres du questionnaire",
        "",
        _figure(SURVEY),
        "",
    ]
    lines += ["| Réponse | Effectif | Sur | Part |", "|---|---:|---:|---:|"]
    for f in figures:
        part = f"{f['pourcentage']} %" if "pourcentage" in f else ""
        lines.append(f"| {plain(f['libelle'])} | {f['effectif']} | {f.get('base', '')} | {part} |")
    lines += ["", "## Calendrier", ""]
    lines += [
        f"- **{plain(str(step['periode']))}** : {plain(step['etape'])}"
        for step in survey["calendrier"]
    ]
    lines += ["", "## Questionnements partagés", ""]
    for theme in survey["questionnements"]:
        lines += [f"### {plain(theme['theme'])}", ""]
        lines += [f"- {plain(q)}" for q in theme["questions"]] + [""]
    lines += ["## Pistes pour lever les freins", ""]
    for number, lever in enumerate(survey["leviers"], 1):
        lines.append(f"{number}. {plain(lever['levier'])}")
        lines += [f"    - {plain(d)}" for d in lever.get("details", [])]
    return {SURVEY: "\n".join(lines) + "\n", SURVEY.replace(".md", ".svg"): svg}


def _text_date(ref: Reference) -> str:
    """A legal text is dated by its signature, else by its publication; "" if undated."""
    return ref.date_signature or (ref.date if ref.year else "")


def _timeline(context: SiteContext) -> dict[str, str]:
    laws = sorted(
        (r for r in context.edition_order if r.type in LEGAL and _text_date(r)),
        key=lambda r: (sort_key(_text_date(r)), _text_date(r), r.id),
    )
    distinct = listed_together(laws, context.distinct)
    # In the chart, Légifrance's note call « (1) » would read as a reference: left out.
    events = [(year_label(year_of(_text_date(r))), _chart_title(r, distinct)) for r in laws]
    svg = charts.timeline("Cadre législatif et réglementaire", events)
    first, last = (events[0][0], events[-1][0]) if events else ("", "")
    lines = [
        "# Chronologie du cadre législatif",
        "",
        f"Les {len(laws)} textes juridiques de la base, de {first} à {last}.",
        "",
        _figure(TIMELINE),
        "",
        "| Date | Texte | Type |",
        "|---|---|---|",
    ]
    for ref in laws:
        target = link(TIMELINE, reference_page(ref.id), title_markdown(ref, distinct))
        shown = plain(display(_text_date(ref)))
        lines.append(f"| {shown} | {target} | {TYPES_BY_ID[ref.type].label} |")
    return {TIMELINE: "\n".join(lines) + "\n", TIMELINE.replace(".md", ".svg"): svg}


def _chart_title(ref: Reference, distinct: dict[str, str]) -> str:
    title = note_call(ref)[0]
    return f"{title} — {distinct[ref.id]}" if ref.id in distinct else title


def _statistics(context: SiteContext) -> dict[str, str]:
    dated = [r for r in context.edition_order if r.year]
    years = sorted({r.year for r in dated}, key=int)
    counts = Counter((r.year, r.type) for r in dated)
    present = [t for t in TYPES if any(counts[(y, t.id)] for y in years)]
    series = {t.label: [counts[(y, t.id)] for y in years] for t in present}
    labels = [year_label(y) for y in years]
    svg = charts.stacked_columns("Références par année de publication et par type", labels, series)
    lines = [
        "# La base en chiffres",
        "",
        f"{len(context.references)} références, dont {len(dated)} datées.",
        "",
        _figure(STATISTICS),
        "",
        "| Année | " + " | ".join(t.label for t in present) + " | Total |",
        "|---|" + "---:|" * (len(present) + 1),
    ]
    for index, label in enumerate(labels):
        values = [series[t.label][index] for t in present]
        lines.append(f"| {label} | " + " | ".join(str(v) for v in values) + f" | {sum(values)} |")
    return {STATISTICS: "\n".join(lines) + "\n", STATISTICS.replace(".md", ".svg"): svg}
