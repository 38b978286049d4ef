"""Zotero's connector saves every reference page as the right item, with its fields.

The connector's rules are restated in ``zotero_connector`` (from the translators' sources,
commit noted there); the expected item is written here from the record, independently of
``biblio.render.metadata``.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.model import Person, Reference
from biblio.render.metadata import (
    META_KEY,
    ZOTERO_TYPES,
    coins,
    embedded_metadata,
    front_matter,
    zotero_type,
)
from biblio.schema import TYPES
from biblio.validate.runner import load_base
from conftest import REPO
from zotero_connector import Head, Item, coins_item, connector_item, read_head

# Our document types as a documentalist expects to find them in Zotero.
EXPECTED_TYPES = {
    "loi": "statute",
    "ordonnance": "statute",
    "decret": "statute",
    "arrete": "statute",
    "instruction-circulaire": "statute",
    "article-code": "statute",
    "rapport": "report",
    "guide": "report",
    "synthese": "report",
    "dossier-documentaire": "report",
    "article-revue": "journalArticle",
    "article-presse": "newspaperArticle",
    "page-web": "webpage",
    "site-ressource": "webpage",
    "actes": "book",
    "presentation": "presentation",
    "these": "thesis",
    "ouvrage": "book",
    "chapitre": "bookSection",
    "communication": "conferencePaper",
    "document-non-publie": "manuscript",
    "jeu-de-donnees": "dataset",
    "logiciel": "computerProgram",
    "document": "document",
}
CONTAINER_FIELD = {
    "journalArticle": "publicationTitle",
    "newspaperArticle": "publicationTitle",
    "webpage": "publicationTitle",  # the connector's name; Zotero files it as websiteTitle
    "bookSection": "bookTitle",
}
PUBLISHER_FIELD = {
    "report": "institution",
    "thesis": "university",
    "book": "publisher",
    "bookSection": "publisher",
}


@cache
def repo_references() -> dict[str, Reference]:
    return {r.id: r for r in load_base(REPO, use_cache=False).corpus.references}


def _date(ref: Reference, kind: str) -> str:
    value = (
        (ref.date_signature or ref.date) if kind == "statute" else (ref.date or ref.date_signature)
    )
    return value if value[:4].isdigit() else ""


def expected_fields(ref: Reference) -> dict[str, str]:
    """The fields the saved item must hold, from the record."""
    kind = EXPECTED_TYPES[ref.type]
    fields = {"title": ref.titre, "language": ref.langue, "date": _date(ref, kind)}
    fields[CONTAINER_FIELD.get(kind, "")] = ref.publication
    if kind == "webpage" and not ref.publication and ref.editeurs:
        fields["publicationTitle"] = ref.editeurs[0]
    organisations = [p.organisation for p in ref.auteurs if p.is_organisation]
    if kind in ("report", "thesis"):
        fields[PUBLISHER_FIELD[kind]] = (ref.editeurs or (*organisations, ""))[0]
    elif kind in PUBLISHER_FIELD:
        fields["publisher"] = "; ".join(ref.editeurs)
    pages = ref.pages.replace("\u2013", "-").replace(" ", "")  # the connector writes 6-10
    fields |= {"volume": ref.volume, "issue": ref.numero_revue, "pages": pages}
    fields |= {"DOI": ref.doi, "ISBN": ref.isbn, "ISSN": ref.issn}
    fields.pop("", None)
    return {k: " ".join(v.split()) for k, v in fields.items() if v}


def expected_creators(ref: Reference) -> list[tuple[str, str]]:
    return [
        (p.organisation, "")
        if p.is_organisation
        else (" ".join(x for x in (p.particule, p.nom) if x), p.prenom)
        for p in ref.auteurs
    ]


def mismatches(ref: Reference, item: Item, page_url: str) -> list[str]:
    """What the saved item gets wrong about ``ref`` (empty: the item is right)."""
    problems = [f"balise non modélisée : {tag}" for tag in item.unsupported]
    if item.itemType != EXPECTED_TYPES[ref.type]:
        problems.append(f"type {item.itemType!r}, attendu {EXPECTED_TYPES[ref.type]!r}")
    for name, value in expected_fields(ref).items():
        if item.fields.get(name) != value:
            problems.append(f"{name} = {item.fields.get(name)!r}, attendu {value!r}")
    if item.creators != expected_creators(ref):
        problems.append(f"auteurs {item.creators}, attendu {expected_creators(ref)}")
    if item.fields.get("url") != (ref.url or page_url):
        problems.append(f"url {item.fields.get('url')!r}")
    wants_pdf = urlsplit(ref.url).path.lower().endswith(".pdf")
    if item.pdf != (ref.url if wants_pdf else ""):
        problems.append(f"PDF {item.pdf!r}")
    abstract = item.fields.get("abstractNote", "")
    if bool(abstract) != bool(ref.commentaire) or re.search(r"\*\*|\]\(|<\w|\[@", abstract):
        problems.append(f"résumé {abstract[:60]!r}")
    return problems


def _page_head(ref: Reference) -> Head:
    """A head with the tags the core writes for ``ref`` (as the theme writes them)."""
    return Head(metas=[*embedded_metadata(ref, repo_references()), ("description", " ")])


def test_every_schema_type_maps_to_a_zotero_type() -> None:
    assert {t.id for t in TYPES} <= EXPECTED_TYPES.keys()
    for spec in TYPES:
        assert ZOTERO_TYPES.get(spec.csl) == EXPECTED_TYPES[spec.id], spec.id


def test_every_built_reference_page_saves_the_right_item(built_site: Path) -> None:
    references = repo_references()
    pages = sorted((built_site / "references").glob("*/index.html"))
    assert {p.parent.name for p in pages} == references.keys()
    problems = {}
    for page in pages:
        ref = references[page.parent.name]
        head = read_head(page.read_text(encoding="utf-8").split("</head>")[0])
        found = mismatches(ref, connector_item(head, f"page:{ref.id}"), f"page:{ref.id}")
        if found:
            problems[ref.id] = found
    assert problems == {}


@pytest.mark.parametrize("ref_id", ["barlet-2012-apl", "ferron-2021-promotion-sante"])
def test_removing_any_tag_is_noticed(ref_id: str) -> None:
    ref = repo_references()[ref_id]
    head = _page_head(ref)
    assert mismatches(ref, connector_item(head, "page"), "page") == []
    for index, (name, _) in enumerate(head.metas[:-1]):
        fewer = Head(metas=head.metas[:index] + head.metas[index + 1 :])
        assert mismatches(ref, connector_item(fewer, "page"), "page"), name


def test_every_type_and_author_form_saves_right() -> None:
    """One record of each type of the base, and every author form (organisation, initials)."""
    for ref in repo_references().values():
        assert mismatches(ref, connector_item(_page_head(ref), "page"), "page") == [], ref.id


def test_organisations_and_lone_authors_stay_whole() -> None:
    base = repo_references()["barlet-2012-apl"]
    cases = [
        ({"organisation": "Haute Autorité de santé"}, ("Haute Autorité de santé", "")),
        ({"organisation": "Ministère des solidarités, de la santé"},
         ("Ministère des solidarités\u201a de la santé", "")),
        ({"nom": "Le Bihan", "prenom": "Marie Claire"}, ("Le Bihan", "Marie Claire")),
        ({"nom": "Rivet", "particule": "de", "prenom": "Savinien"}, ("de Rivet", "Savinien")),
    ]  # fmt: skip
    for person, expected in cases:
        ref = _replace(base, auteurs=(Person(**person),))
        assert connector_item(_page_head(ref), "page").creators == [expected]
        two = _replace(base, auteurs=(Person(**person), Person(nom="Motard", prenom="Émilie")))
        assert connector_item(_page_head(two), "page").creators == [expected, ("Motard", "Émilie")]


def _replace(ref: Reference, **values: object) -> Reference:
    return replace(ref, **values)  # type: ignore[arg-type]


def test_hostile_values_stay_inside_the_attribute() -> None:
    """The theme escapes the values: MkDocs' template environment does not escape by itself."""
    ref = _replace(repo_references()["barlet-2012-apl"], titre='A "> <script>alert(1)</script>')
    page = {"meta": {META_KEY: [list(t) for t in embedded_metadata(ref, repo_references())]}}
    stub = "{% block extrahead %}{% endblock %}"  # the head only: Material is not needed
    loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({"base.html": stub}), jinja2.FileSystemLoader(REPO / "overrides")]
    )
    html_text = jinja2.Environment(loader=loader).get_template("main.html").render(page=page)
    head = read_head(html_text)
    assert ("citation_title", ref.titre) in head.metas
    assert "<script>" not in html_text


def test_coins_give_the_same_item() -> None:
    for ref in repo_references().values():
        item = coins_item(_unescape_title(coins(ref)))
        assert item.unsupported == []
        assert item.itemType == zotero_type(ref) == EXPECTED_TYPES[ref.type]
        assert item.fields["title"] == " ".join(ref.titre.split())
        assert item.creators == expected_creators(ref)
        if ref.url:
            assert item.fields["url"] == ref.url


def _unescape_title(span: str) -> str:
    match = re.fullmatch(r'<span class="Z3988" title="([^"]*)"></span>', span)
    assert match
    return html.unescape(match.group(1))


def test_section_pages_expose_one_coins_per_reference(built_site: Path) -> None:
    references = repo_references()
    by_section: dict[str, int] = {}
    for ref in references.values():
        by_section[ref.section] = by_section.get(ref.section, 0) + 1
    for section, count in by_section.items():
        if not section:
            continue
        page = read_head((built_site / "sections" / section / "index.html").read_text("utf-8"))
        assert len(page.coins) == count, section
        titles = sorted(coins_item(c).fields["title"] for c in page.coins)
        expected = sorted(
            " ".join(r.titre.split()) for r in references.values() if r.section == section
        )
        assert titles == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_front_matter_carries_any_text(value: str) -> None:
    text = front_matter([("citation_title", value)])
    assert not re.search(r"[<>&]|[^\x00-\x7f]", text)
    data = yaml.safe_load(text.split("---\n")[1])
    assert data[META_KEY] == [["citation_title", value]]


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1).filter(lambda t: t.strip()), st.text())
def test_coins_carry_any_title_and_organisation(title: str, organisation: str) -> None:
    base = repo_references()["barlet-2012-apl"]
    authors = (Person(organisation=organisation),) if organisation.strip() else ()
    ref = _replace(base, titre=title, auteurs=authors)
    item = coins_item(_unescape_title(coins(ref)))
    assert item.fields["title"] == " ".join(title.split())
    assert item.creators == [(" ".join(organisation.split()), "")] * len(authors)


def test_types_the_base_does_not_use_yet_save_right() -> None:
    """Every document type of the schema, built on a record of the base."""
    base = repo_references()["barlet-2012-apl"]
    for spec in TYPES:
        ref = _replace(base, type=spec.id, editeurs=("Université de Lyon",))
        assert mismatches(ref, connector_item(_page_head(ref), "page"), "page") == [], spec.id
        assert coins_item(_unescape_title(coins(ref))).itemType == EXPECTED_TYPES[spec.id]


def test_browse_and_glossary_pages_expose_one_coins_per_reference(built_site: Path) -> None:
    references = repo_references()
    reports = [r for r in references.values() if r.type == "rapport"]
    page = read_head((built_site / "parcourir/types/rapport/index.html").read_text("utf-8"))
    assert sorted(coins_item(c).fields["title"] for c in page.coins) == sorted(
        " ".join(r.titre.split()) for r in reports
    )
    term = read_head((built_site / "glossaire/cpts/index.html").read_text("utf-8"))
    assert term.coins
    titles = {" ".join(r.titre.split()) for r in references.values()}
    found = [coins_item(c).fields["title"] for c in term.coins]
    assert set(found) <= titles
    assert len(found) == len(set(found))  # a source also among the backlinks: offered once
