"""Positions of fields, found again in the files when a message needs them."""

from __future__ import annotations

from pathlib import Path

from biblio.model import Position
from biblio.validate.locate import FieldLocator
from biblio.validate.runner import load_base
from conftest import without_commentary


def test_a_field_is_found_where_it_is_written(base_copy: Path) -> None:
    ref = next(r for r in load_base(base_copy).corpus.references if r.id == "article-2016")
    lines = (base_copy / "references" / "article-2016.yaml").read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("section:"))
    assert FieldLocator(base_copy).field(ref, "section") == Position(ref.position.fichier, line, 10)


def test_a_file_gone_or_changed_since_loading_gives_the_record_start(base_copy: Path) -> None:
    refs = {r.id: r for r in load_base(base_copy).corpus.references}
    (base_copy / "references" / "article-2016.yaml").unlink()
    (base_copy / "references" / "loi-2009.yaml").write_text("titre: [", encoding="utf-8")
    locate = FieldLocator(base_copy)
    for ref_id in ("article-2016", "loi-2009"):
        assert locate.field(refs[ref_id], "section") == refs[ref_id].position


def test_an_unknown_citation_is_located_in_yaml_and_bibtex_texts(base_copy: Path) -> None:
    bib = base_copy / "references" / "zotero.bib"
    bib.write_text(
        bib.read_text("utf-8").replace(
            "  abstract = {Rapport sur", "  abstract = {Voir [@nulle-part]. Rapport sur"
        ),
        encoding="utf-8",
    )
    article = base_copy / "references" / "article-2016.yaml"
    text = without_commentary(article)
    article.write_text(
        text + "commentaire: |\n  Premier paragraphe.\n\n  Puis [@absente].\n", "utf-8"
    )
    line = len(text.splitlines()) + 4
    report = load_base(base_copy, use_cache=False)
    assert [(d.fichier, d.ligne, d.colonne, d.code) for d in report.diagnostics] == [
        ("references/article-2016.yaml", line, 9, "X009"),
        # BibTeX marks know where a field starts: the column is counted from there.
        ("references/zotero.bib", 10, 3 + len("Voir ["), "X009"),
    ]
    assert load_base(base_copy) == load_base(base_copy)  # the same from the cache
