"""The per-file cache changes nothing but speed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from biblio.load.cache import cache_file
from biblio.load.files import SourceFile
from biblio.validate import perfile
from biblio.validate.runner import load_base
from conftest import FIXTURES, REPO, overlay

DATE_PROBLEM = (
    ": mois « 13 » inexistant (attendu AAAA, AAAA-MM, AAAA-MM-JJ, saison AAAA-21 à AAAA-24, "
    "intervalle AAAA/AAAA ou AAAA/.., date incertaine AAAA? ou approximative AAAA~, "
    "ou « s.d. » si inconnue)"
)


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
        "references/article-2016.yaml:3:7: erreur: date invalide « 2016-13 » "
        + DATE_PROBLEM
        + " [R004]",
        "references/motard-2016.yaml:4:7: erreur: date invalide « 2016-13 » "
        + DATE_PROBLEM
        + " [R004]",
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


def test_two_processes_give_the_same_report(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Broken files too: their diagnostics must cross from the second process unchanged.
    for case in (
        "01-encodage-latin1",
        "02-yaml-deux-points",
        "13-date-invalide",
        "29-citation-inconnue",
    ):
        overlay(FIXTURES / "invalide" / case, repo_copy)
    monkeypatch.setattr(perfile, "PARALLEL_MINIMUM", 10**9)
    alone = load_base(repo_copy, use_cache=False)
    submitted: list[tuple[int, int]] = []
    pool_class = perfile.ProcessPoolExecutor

    class SpyPool(pool_class):  # type: ignore[misc,valid-type]
        def submit(self, function, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(args)
            return super().submit(function, *args, **kwargs)

    monkeypatch.setattr(perfile, "ProcessPoolExecutor", SpyPool)
    monkeypatch.setattr(perfile, "PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(perfile, "can_fork", lambda: True)  # pytest may run other threads
    shared = load_base(repo_copy, use_cache=False)
    assert len(submitted) == 1
    assert submitted[0][0] > 0
    assert shared == alone
    assert shared.errors >= 4
    # With the cache: what the second process checked is cached like the rest.
    first = load_base(repo_copy)
    assert load_base(repo_copy) == first == alone


def test_a_failed_second_process_is_made_up_for(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = load_base(repo_copy, use_cache=False)
    parent, real_check = os.getpid(), perfile.check_file

    def check_or_die(source: SourceFile, data: bytes) -> perfile.FileResult:
        if os.getpid() != parent:
            os._exit(1)  # the second process dies (killed, out of memory)
        return real_check(source, data)

    monkeypatch.setattr(perfile, "check_file", check_or_die)
    monkeypatch.setattr(perfile, "PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(perfile, "can_fork", lambda: True)
    assert load_base(repo_copy, use_cache=False) == alone
