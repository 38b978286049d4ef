"""Generated pages turned into HTML as the site does it, and what a browser would make of it.

Shared by the hostile-input tests, the property tests and ``benchmarks/fuzz.py``: pages of
the core (``generated_pages``) are converted by Python-Markdown with the extensions listed in
``mkdocs.yml``, MkDocs aside (the guarantee does not depend on it).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown

from biblio.glossary_source import glossary_of
from biblio.markdown_ext import makeExtension
from biblio.model import Corpus, Person, Term
from biblio.render.context import build_context
from biblio.render.glossary_pages import term_markdown
from biblio.render.reference_page import reference_markdown
from biblio.render.safe_html import SAFE_SCHEMES, url_scheme
from biblio.render.section_pages import section_markdown

# Those of mkdocs.yml, in its order.
EXTENSIONS = ("tables", "footnotes", "attr_list", "md_in_html", "pymdownx.highlight")
EXTENSIONS += ("pymdownx.superfences", "toc")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "srcset", "data"})
URL_ATTRIBUTES |= {"xlink:href", "data-src", "data-href"}


def converter(root: Path) -> markdown.Markdown:
    """A Markdown converter set up like the site's, reading the glossary of ``root``."""
    return markdown.Markdown(extensions=[*EXTENSIONS, makeExtension(racine=str(root))])


def to_html(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


class Elements(HTMLParser):
    """Every element of an HTML text: its tag and attributes, values decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(text: str) -> list[tuple[str, dict[str, str]]]:
    return Elements(text).found


def made_by_inner_html(value: str) -> list[str]:
    """The elements a browser creates from ``value`` given to ``innerHTML`` (what Material's
    tooltips do with a ``title``)."""
    return [tag for tag, _ in elements(value)]


def unsafe(page_html: str) -> list[str]:
    """What in ``page_html`` could run a script or call another site, described; [] if none."""
    problems = []
    for tag, attributes in elements(page_html):
        if tag in ("script", "iframe", "object", "embed", "style", "form", "svg", "math"):
            problems.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on") or name == "srcdoc":
                problems.append(f"<{tag} {name}>")
            if name == "style" and not (tag in ("td", "th") and value.startswith("text-align")):
                problems.append(f"<{tag} style={value!r}>")
            scheme = url_scheme(html.unescape(value))
            if name in URL_ATTRIBUTES and scheme and scheme not in SAFE_SCHEMES:
                problems.append(f"<{tag} {name}={value!r}>")
            if tag == "img" and name == "src" and (scheme or value.lstrip().startswith("//")):
                problems.append(f"<img src={value!r}> (autre site)")
            if name == "title" and ("<" in value or made_by_inner_html(value)):
                problems.append(f"<{tag} title={value!r}> (HTML dans l'infobulle)")
            ours = name.startswith("data-pagefind-") or name == "data-terme"
            if name.startswith("data-") and not ours:
                problems.append(f"<{tag} {name}>")
    return problems


# Record texts as the fuzz tests vary them: each field, the pages that show it.
FIELDS = ("commentaire", "definition", "terme", "texte", "titre", "auteur")
CITES = "Voir [@article-2016] et la note[^@article-2016]."


def with_value(field: str, value: str, corpus: Corpus) -> Corpus:
    """``corpus`` (the small test base) with ``value`` in ``field`` of one of its records,
    and a citation of the reference in another one."""
    refs = {r.id: r for r in corpus.references}
    terms = {t.id: t for t in corpus.terms}
    sections = {s.id: s for s in corpus.sections}
    ref, term, section = refs["article-2016"], terms["cls"], sections["textes"]
    if field in ("commentaire", "titre"):
        refs[ref.id] = dataclasses.replace(ref, **{field: value})
    elif field == "auteur":
        refs[ref.id] = dataclasses.replace(ref, auteurs=(Person(nom=value, prenom="Anne"),))
    elif field in ("definition", "terme"):
        terms[term.id] = dataclasses.replace(term, **{field: value})
    else:
        sections[section.id] = dataclasses.replace(section, texte=f"{value}\n\n{CITES}")
    refs["loi-2009"] = dataclasses.replace(refs["loi-2009"], commentaire=CITES)
    return Corpus(tuple(refs.values()), tuple(terms.values()), tuple(sections.values()))


# The pages where each field shows: its record's, a citing record's, the glossary tooltips.
SHOWN_ON = {
    "commentaire": ("references/article-2016.md",),
    "titre": ("references/article-2016.md", "references/loi-2009.md", "sections/textes.md"),
    "auteur": ("references/article-2016.md", "references/loi-2009.md", "sections/textes.md"),
    "definition": ("glossaire/cls.md", "page.md"),
    "terme": ("glossaire/cls.md", "page.md"),
    "texte": ("sections/textes.md",),
}


def pages_of(corpus: Corpus, field: str) -> dict[str, str]:
    """The Markdown of the pages that show ``field`` of the records ``with_value`` changes."""
    context = build_context(corpus)
    makers = {
        "references/article-2016.md": lambda: reference_markdown(
            context.references["article-2016"], context
        ),
        "references/loi-2009.md": lambda: reference_markdown(
            context.references["loi-2009"], context
        ),
        "glossaire/cls.md": lambda: term_markdown(context.terms["cls"], context),
        "sections/textes.md": lambda: section_markdown(context.sections["textes"], context),
        "page.md": lambda: "Le CLS, le Contrat local de santé, le CLS.",
    }
    return {path: makers[path]() for path in SHOWN_ON[field]}


def problems_with(md: markdown.Markdown, field: str, value: str, corpus: Corpus) -> list[str]:
    """What could run a script or call another site in the HTML of the pages showing
    ``value`` in ``field``, glossary tooltips included; [] if nothing."""
    changed = with_value(field, value, corpus)
    use_glossary(md, changed.terms)
    return [
        f"{path}: {problem}"
        for path, text in pages_of(changed, field).items()
        for problem in unsafe(to_html(md, text))
    ]


def use_glossary(md: markdown.Markdown, terms: Iterable[Term]) -> None:
    """Tooltips of ``md`` from ``terms`` rather than from a glossary folder."""
    glossary = glossary_of(terms)
    tooltips: Any = md.treeprocessors["biblio_glossaire"]
    tooltips.finder, tooltips.tooltips = glossary.finder, glossary.tooltips
