"""Each section offers its references as RIS and BibTeX files that Zotero imports."""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from biblio.convert import ris
from biblio.mkdocs_plugin import BiblioPlugin
from biblio.validate.runner import load_base
from conftest import REPO


def test_every_section_with_references_links_its_files(built_site: Path) -> None:
    corpus = load_base(REPO, use_cache=False).corpus
    sections = {r.section for r in corpus.references if r.section}
    assert sections
    for section in sorted(sections):
        expected = sorted(r.titre for r in corpus.references if r.section == section)
        text = (built_site / "sections" / f"{section}.ris").read_text(encoding="utf-8")
        records, problems = ris.parse(text, f"{section}.ris")
        assert problems == []
        assert sorted(str(r.data["titre"]) for r in records) == expected
        bib = (built_site / "sections" / f"{section}.bib").read_text(encoding="utf-8")
        assert len(re.findall(r"^@\w+\{", bib, re.MULTILINE)) == len(expected)
        page = (built_site / "sections" / section / "index.html").read_text(encoding="utf-8")
        assert f'href="../{section}.ris"' in page
        assert f'href="../{section}.bib"' in page


def test_the_preview_serves_the_types_zotero_imports() -> None:
    server: Any = SimpleNamespace(watch=lambda path: None)
    config: Any = SimpleNamespace(config_file_path=str(REPO / "mkdocs.yml"))
    BiblioPlugin().on_serve(server, config=config, builder=None)
    assert mimetypes.guess_type("a.ris")[0] == "application/x-research-info-systems"
    assert mimetypes.guess_type("a.bib")[0] == "application/x-bibtex"
