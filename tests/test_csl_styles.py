"""« Citer dans un autre style »: ISO 690, APA 7 and Vancouver rendered by pandoc's citeproc."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from biblio import csl_styles
from biblio.cite import format_citation
from biblio.model import Reference
from biblio.render.other_styles import other_styles_markdown
from biblio.validate.runner import load_base
from conftest import REPO, TESTS


@cache
def one_of_each_type() -> list[Reference]:
    refs = sorted(load_base(REPO, use_cache=False).corpus.references, key=lambda r: r.id)
    return list({r.type: r for r in reversed(refs)}.values())


def test_one_reference_of_each_type_in_each_style(
    check_golden: Callable[[Path, str], None],
) -> None:
    lines = []
    for ref in sorted(one_of_each_type(), key=lambda r: r.type):
        lines.append(f"## {ref.type} — {ref.id}")
        lines += [f"{style.key} : {text}" for style, text in csl_styles.styled_citations(ref)]
        lines.append("")
    check_golden(TESTS / "golden" / "styles.txt", "\n".join(lines))


def test_texts_are_typographic_and_say_each_title_once() -> None:
    for ref in one_of_each_type():
        for style, text in csl_styles.styled_citations(ref):
            assert text, (ref.id, style.key)
            before_url = text.split("http")[0]
            assert "'" not in before_url, (ref.id, style.key, text)
            assert not re.search(r"[?!]\.", before_url), (ref.id, style.key, text)
            assert text.count(ref.titre[:40]) == 1, (ref.id, style.key, text)


def test_a_second_build_reuses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refs = one_of_each_type()[:3]
    monkeypatch.setattr(csl_styles, "_CACHE", {})
    csl_styles.set_cache_folder(tmp_path)
    csl_styles.prepare(refs)
    first = [csl_styles.styled_citations(r) for r in refs]
    assert (tmp_path / "styles.json").is_file()
    monkeypatch.setattr(csl_styles, "_CACHE", {})

    def no_engine(items: object, csl: object) -> dict[str, str]:
        raise AssertionError("pandoc lancé alors que le cache suffit")

    monkeypatch.setattr(csl_styles, "_pandoc_batch", no_engine)
    csl_styles.set_cache_folder(None)  # as a new process: the file is read again
    csl_styles.set_cache_folder(tmp_path)
    assert [csl_styles.styled_citations(r) for r in refs] == first
    csl_styles.set_cache_folder(None)


def test_namesakes_are_not_told_apart_on_their_own_pages() -> None:
    """Each reference is cited alone: no « 2022a » because a namesake exists elsewhere."""
    refs = load_base(REPO, use_cache=False).corpus.references
    csl_styles.prepare(refs)
    for ref in refs:
        for _, text in csl_styles.styled_citations(ref):
            assert not re.search(r"\b(19|20)\d\d[a-z]\b", text), text


def test_every_reference_page_offers_three_styles(built_site: Path) -> None:
    pages = sorted((built_site / "references").glob("*/index.html"))
    assert pages
    for page in pages:
        html_text = page.read_text(encoding="utf-8")
        assert "Citer dans un autre style" in html_text
        for style in csl_styles.STYLES:
            assert f"<strong>{style.label}</strong>" in html_text, (page, style.key)
        assert html_text.count("biblio-citer-style") == len(csl_styles.STYLES)  # copyable


def _same(text: str) -> str:
    # Typographic spaces and apostrophes aside (the house style adds its own no-break spaces).
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").split())


def test_the_house_style_is_valid_csl_and_close_to_the_house_citation() -> None:
    from citeproc import CitationStylesStyle

    CitationStylesStyle(str(csl_styles.HOUSE_STYLE), validate=True)  # a warning if invalid
    refs = [r for r in load_base(REPO, use_cache=False).corpus.references if r.numero]
    texts = csl_styles.pandoc_texts([csl_styles.csl_item(r) for r in refs], csl_styles.HOUSE_STYLE)
    same = [r.id for r in refs if _same(format_citation(r).text) == _same(texts[r.id])]
    # Measured: 21 of the 43 identical; the others differ by what CSL cannot express (« màj »
    # dates, « (et al.) » from the record's flag, organisations kept in their case).
    assert len(refs) == 43
    assert len(same) >= 21


def test_the_house_style_is_offered_for_download(built_site: Path) -> None:
    served = built_site / "telechargements" / "style-maison.csl"
    assert served.read_bytes() == csl_styles.HOUSE_STYLE.read_bytes()
    page = (built_site / "telechargements" / "index.html").read_text(encoding="utf-8")
    assert 'href="style-maison.csl"' in page


def test_without_pandoc_the_block_is_left_out_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    ref = one_of_each_type()[0]
    monkeypatch.setattr(csl_styles, "_CACHE", {})
    monkeypatch.setattr(csl_styles, "_FAILED", set())
    monkeypatch.setattr(csl_styles, "pandoc_path", lambda: str(tmp_path / "absent"))
    csl_styles.set_cache_folder(tmp_path)
    try:
        assert [text for _, text in csl_styles.styled_citations(ref)] == ["", "", ""]
        assert other_styles_markdown(ref) == ""
    finally:
        csl_styles.set_cache_folder(None)
    assert not (tmp_path / "styles.json").exists()  # nothing kept: the next build tries again
    assert "pandoc a échoué" in caplog.text
