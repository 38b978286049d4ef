"""The per-file cache changes nothing but speed."""

from __future__ import annotations

import os
from pathlib import Path

from biblio.load.cache import cache_file
from biblio.validate.runner import load_base
from conftest import FIXTURES, REPO, overlay


def test_cached_report_equals_uncached_report(repo_copy: Path) -> None:
    cold = load_base(repo_copy, use_cache=False)
    first = load_base(repo_copy)
    warm = load_base(repo_copy)
    assert cold == first == warm
    assert cache_file(repo_copy).exists()


def test_edited_file_is_checked_again(base_copy: Path) -> None:
    assert load_base(base_copy).errors == 0
    overlay(FIXTURES / "invalide" / "13-date-invalide", base_copy)
    (base_copy / "references" / "article-2016.yaml").write_text(
        "type: rapport\ntitre: T\ndate: 2016-13\n", encoding="utf-8"
    )
    report = load_base(base_copy)
    assert [d.format() for d in report.diagnostics if d.code == "R004"] == [
        "references/article-2016.yaml:3:7: erreur: date invalide « 2016-13 » (attendu AAAA, "
        "AAAA-MM ou AAAA-MM-JJ, ou « s.d. » si inconnue) [R004]",
        "references/motard-2016.yaml:4:7: erreur: date invalide « 2016-13 » (attendu AAAA, "
        "AAAA-MM ou AAAA-MM-JJ, ou « s.d. » si inconnue) [R004]",
    ]
    assert load_base(base_copy) == report


def test_corrupt_cache_is_ignored(base_copy: Path) -> None:
    expected = load_base(base_copy, use_cache=False)
    path = cache_file(base_copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00pas un cache")
    assert load_base(base_copy) == expected


def test_tests_keep_the_cache_out_of_the_working_tree() -> None:
    assert os.environ["BIBLIO_CACHE_DIR"]
    assert not str(cache_file(REPO)).startswith(str(REPO))
