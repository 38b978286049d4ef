"""The site as built: strict, complete, self-contained, and the same through `biblio generer`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from biblio.cli import main
from biblio.validate.runner import load_base
from conftest import REPO, copy_repo, run_mkdocs

CORPUS = load_base(REPO).corpus


def test_every_record_has_its_page(built_site: Path) -> None:
    for ref in CORPUS.references:
        assert (built_site / "references" / ref.id / "index.html").is_file(), ref.id
        for ext in ("bib", "ris", "json"):
            assert (built_site / "references" / f"{ref.id}.{ext}").is_file()
    for term in CORPUS.terms:
        assert (built_site / "glossaire" / term.id / "index.html").is_file(), term.id
    for section in CORPUS.sections:
        assert (built_site / "sections" / section.id / "index.html").is_file(), section.id


def test_pages_are_french_and_english_titles_say_so(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    english = [r for r in CORPUS.references if r.langue == "en"]
    for ref in english:
        page = (built_site / "references" / ref.id / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<h1[^>]* lang="en"', page), ref.id


def test_nothing_is_fetched_from_a_third_party(built_site: Path) -> None:
    """No font, script, style or image from another site: the site works offline."""
    external = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not external.search(text), page
    for sheet in built_site.rglob("*.css"):
        assert "fonts.googleapis" not in sheet.read_text(encoding="utf-8"), sheet


def test_published_addresses_cover_the_promised_ones(built_site: Path) -> None:
    published = (built_site / "urls.txt").read_text(encoding="utf-8").split()
    promised = [
        line
        for line in (REPO / "urls-stables.txt").read_text(encoding="utf-8").split("\n")
        if line and not line.startswith("#")
    ]
    assert set(promised) <= set(published)
    assert "/glossaire/cpts/" in promised


def test_downloads_and_feed(built_site: Path) -> None:
    bib = (built_site / "telechargements" / "bibliographie.bib").read_text(encoding="utf-8")
    assert bib.count("\n@") + 1 == len(CORPUS.references)
    feed = ET.parse(built_site / "veille.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == min(50, len(CORPUS.references))
    days = [e.findtext(f"{atom}updated") for e in entries]
    assert days == sorted(days, reverse=True)
    summaries = " ".join(e.findtext(f"{atom}summary") or "" for e in entries)
    assert "[@" not in summaries  # rendered text: citations as « (18) », no Markdown
    assert "**" not in summaries


def test_a_charts_page_has_its_svg_and_a_lightbox(built_site: Path) -> None:
    page = (built_site / "connaissances" / "statistiques" / "index.html").read_text("utf-8")
    assert 'class="glightbox"' in page
    svg = (built_site / "connaissances" / "statistiques.svg").read_text("utf-8")
    assert svg.startswith("<svg")
    assert "<title" in svg


def test_broken_record_fails_the_build_with_its_position(repo_copy: Path, tmp_path: Path) -> None:
    (repo_copy / "references" / "chauvin-2021.yaml").write_text(
        "type: rapport\ntitre: T\ndate: 2021-13\n", encoding="utf-8"
    )
    result = run_mkdocs("build", "--strict", "-d", str(tmp_path / "site"), cwd=repo_copy)
    assert result.returncode != 0
    assert "references/chauvin-2021.yaml:3:7: erreur: date invalide" in result.stderr


def test_a_promised_address_that_disappears_fails_the_build(
    repo_copy: Path, tmp_path: Path
) -> None:
    # « aci » is a term no other record links to: renaming its file is a valid change.
    glossary = repo_copy / "glossaire"
    (glossary / "aci.yaml").rename(glossary / "accord-conventionnel.yaml")
    result = run_mkdocs("build", "--strict", "-d", str(tmp_path / "a"), cwd=repo_copy)
    assert result.returncode != 0
    assert "ne mène(nt) plus à aucune page : /glossaire/aci/" in result.stderr
    redirect = "glossaire/aci/: glossaire/accord-conventionnel/\n"
    (repo_copy / "redirections.yaml").write_text(redirect, "utf-8")
    result = run_mkdocs("build", "--strict", "-d", str(tmp_path / "b"), cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    moved = (tmp_path / "b" / "glossaire" / "aci" / "index.html").read_text("utf-8")
    assert 'url=../../glossaire/accord-conventionnel/"' in moved


def test_generate_then_build_gives_the_same_pages(built_site: Path, tmp_path: Path) -> None:
    """The Zensical path: `biblio generer`, then a build with no plugin of ours."""
    root = tmp_path / "depot"
    root.mkdir()
    copy_repo(root)
    generated = tmp_path / "genere"
    assert main(["generer", "--racine", str(root), "--sortie", str(generated)]) == 0
    for path in generated.rglob("*"):
        if path.is_file() and path.name != ".biblio-genere":
            target = root / "docs" / path.relative_to(generated)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    config = yaml.safe_load(
        (root / "mkdocs.yml")
        .read_text("utf-8")
        .replace("!relative $config_dir", ".")
        .replace("!ENV [BIBLIO_STRICT, true]", "true")
        .replace("!ENV [BIBLIO_URL_SITE, null]", "null")
    )
    config["plugins"] = [p for p in config["plugins"] if p != "biblio"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = run_mkdocs("build", "--strict", "-d", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*.html"))
    for page in pages:
        assert (root / "site" / page).read_bytes() == (built_site / page).read_bytes(), page


def test_the_strict_build_leaves_a_draft_out(repo_copy: Path, tmp_path: Path) -> None:
    draft = "type: article-revue\ntitre: Fiche importée incomplète\ndate: '2024'\nbrouillon: true\n"
    (repo_copy / "references" / "brouillon-2024.yaml").write_text(draft, encoding="utf-8")
    result = run_mkdocs("build", "--strict", "-d", str(tmp_path / "site"), cwd=repo_copy)
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (tmp_path / "site" / "references" / "brouillon-2024").exists()
    assert (tmp_path / "site" / "references" / "loi-hpst-2009" / "index.html").exists()


def test_the_footer_and_the_statement_say_non_conforme_without_an_audit(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8").replace("&nbsp;", "\u00a0")
    assert "Accessibilité\u00a0: non conforme" in home
    statement = (built_site / "accessibilite" / "index.html").read_text("utf-8")
    for part in (
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
    ):
        assert part in statement, part
    assert "<strong>non conforme</strong>" in statement
    assert "partiellement conforme" not in home + statement


def test_the_public_address_makes_feed_sitemap_and_canonical_links_absolute(
    repo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    public = "https://bibliographie.exemple.org/dts/"
    monkeypatch.setenv("BIBLIO_URL_SITE", public)
    site = tmp_path / "site"
    result = run_mkdocs("build", "--strict", "-d", str(site), cwd=repo_copy)
    assert result.returncode == 0, result.stderr
    term = (site / "glossaire" / "cpts" / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{public}glossaire/cpts/">' in term
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{public}glossaire/cpts/</loc>" in sitemap
    feed = ET.parse(site / "veille.xml").getroot()
    links = [e.get("href", "") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert links
    assert all(link.startswith(public) for link in links)
