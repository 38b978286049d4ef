"""The PDF edition: the built site's ``/imprimer/`` printed by Debian's chromium (Playwright's
``page.pdf``, served on 127.0.0.1), read back with poppler's ``pdftotext`` and pypdf."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from biblio.print_pdf import print_edition, start_pages
from biblio.render.context import build_context, section_title
from biblio.validate.markdown import CITATION
from biblio.validate.runner import load_base
from conftest import REPO, chromium_path, flatten

pypdf = pytest.importorskip("pypdf")
CONTEXT = build_context(load_base(REPO).corpus)
_TOC_LINE = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)\s*$")


def pdftotext_path() -> str:
    """poppler's pdftotext (Debian's poppler-utils); in CI a missing tool fails the test."""
    path = shutil.which("pdftotext")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext absent : .ci/run doit installer le paquet Debian poppler-utils")
        pytest.skip("pdftotext absent (paquet Debian poppler-utils ; obligatoire en CI)")
    return path


@pytest.fixture(scope="module")
def pdf(built_site: Path) -> bytes:
    return print_edition(built_site, chromium_path())


@pytest.fixture(scope="module")
def pages(pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each page, laid out as printed."""
    path = tmp_path_factory.mktemp("edition") / "edition.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [pdftotext_path(), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout.split("\f")[:-1]


def test_the_title_page_gives_the_date_of_the_edition(pages: list[str]) -> None:
    title = flatten(pages[0])
    assert title.startswith("Bibliographie commentée")
    assert "Édition du 1er mai 2023" in title
    assert f"/ {len(pages)}" not in title  # the title page has no number


def test_every_other_page_has_its_running_number(pages: list[str]) -> None:
    assert len(pages) > 20
    for number, text in enumerate(pages[1:], 2):
        assert f"{number} / {len(pages)}" in text.strip().splitlines()[-1]


def test_the_contents_give_the_page_each_part_starts_on(pdf: bytes, pages: list[str]) -> None:
    assert flatten(pages[1]).startswith("Sommaire")
    numbers = [int(m.group(2)) for line in pages[1].splitlines() if (m := _TOC_LINE.match(line))]
    starts = start_pages(pdf)
    assert numbers == [starts[s.id] for s in CONTEXT.section_order] + [starts["notes"]]
    assert numbers == sorted(numbers)
    for section in CONTEXT.section_order:  # each title heads the page the contents give
        page = pages[starts[section.id] - 1]
        assert flatten(section_title(section)).lower() in flatten(page).lower()
    glossary = next(s for s in CONTEXT.section_order if s.id == "glossaire")
    line = next(line for line in pages[1].splitlines() if "5. Annexe" in line)
    assert line.split()[-1] == str(starts[glossary.id])


def test_the_glossary_is_printed_with_its_definitions(pdf: bytes, pages: list[str]) -> None:
    starts = start_pages(pdf)
    glossary = flatten(" ".join(pages[starts["glossaire"] - 1 : starts["notes"] - 1]))
    assert "Voir la section en ligne" not in glossary
    for term in CONTEXT.corpus.terms:
        assert flatten(term.terme).lower() in glossary.lower()
        words = flatten(CITATION.sub("", term.definition)).split()[:8]
        assert " ".join(words) in glossary, term.id


def test_part_5_is_a_link_within_the_document_and_page_36_is_gone(
    pdf: bytes, pages: list[str]
) -> None:
    text = flatten(" ".join(pages))
    assert "p.36" not in text
    assert "Cf. partie 5. Annexe : Glossaire et définitions." in text
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    destinations = {
        str(annotation.get_object().get("/Dest"))
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    }
    assert "/glossaire" in destinations  # « partie 5 »
    assert "/fts-enquete-exploratoire-2022" in destinations  # a citation, to its entry
