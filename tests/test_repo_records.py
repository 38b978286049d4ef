"""The repository's own records: every file validates, the seed covers what it must."""

from __future__ import annotations

import pytest

from biblio.cli import main
from biblio.model import Term
from biblio.validate.markdown import iter_mentions
from biblio.validate.runner import load_base
from conftest import REPO

REPORT = load_base(REPO)
FILES = sorted(
    str(p.relative_to(REPO))
    for folder in ("references", "glossaire", "sections")
    for p in (REPO / folder).iterdir()
    if p.suffix in (".yaml", ".bib")
)


@pytest.mark.parametrize("fichier", FILES)
def test_record_file_has_no_diagnostic(fichier: str) -> None:
    assert [d.format() for d in REPORT.diagnostics if d.fichier == fichier] == []


def test_whole_repo_validates_strictly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["valider", "--strict", "--racine", str(REPO)]) == 0
    assert capsys.readouterr().out == "0 erreur, 0 avertissement\n"


def test_seed_covers_the_required_types_and_sizes() -> None:
    types = {r.type for r in REPORT.corpus.references}
    assert {"loi", "rapport", "article-revue", "page-web", "guide", "actes", "ordonnance"} <= types
    assert len([r for r in REPORT.corpus.references if r.numero]) >= 10
    assert len(REPORT.corpus.terms) >= 5


def test_section_tree_is_the_bibliography_outline() -> None:
    numbers = {s.numero for s in REPORT.corpus.sections}
    expected = {"1", "2", "2.1", "A", "B", "C", "2.2", "2.2.1", "2.2.2", "2.2.3", "2.3"}
    assert expected | {"2.3.1", "2.3.2", "2.3.3", "3", "4", "5"} <= numbers


@pytest.mark.parametrize("term", REPORT.corpus.terms, ids=lambda t: t.id)
def test_term_sources_are_exactly_the_records_its_definition_cites(term: Term) -> None:
    cited = {m.target for m in iter_mentions(term.definition) if m.kind.endswith("citation")}
    assert cited == set(term.sources)
