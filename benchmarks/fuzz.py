"""Fuzzing the Markdown renderer longer than the test suite does (tests/test_fuzz_render.py).

Usage: python benchmarks/fuzz.py [--exemples N] [--champ CHAMP]
For each record field (commentary, definition, term name, section text, title, author), N
texts made by Hypothesis are rendered into their pages and converted to HTML as the site does;
prints, per field, the texts tried, the time taken and the first problem found (exit 1 if any).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings

from biblio.validate.runner import load_base
from conftest import FIXTURES
from site_html import FIELDS, converter, problems_with
from test_fuzz_render import TEXTS


def fuzz(field: str, examples: int) -> tuple[int, float, str]:
    """Texts tried, seconds, and the first problem (empty if none)."""
    base = load_base(FIXTURES / "base", use_cache=False).corpus
    md = converter(FIXTURES / "base")
    tried = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(value=TEXTS)
    def check(value: str) -> None:
        nonlocal tried
        tried += 1
        problems = problems_with(md, field, value, base)
        assert problems == [], f"{value!r}: {problems[:3]}"

    start = time.perf_counter()
    try:
        check()
    except Exception as exc:  # a problem found (or an exception while rendering): reported
        return tried, time.perf_counter() - start, f"{type(exc).__name__}: {exc}"[:500]
    return tried, time.perf_counter() - start, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exemples", type=int, default=2000, help="textes par champ")
    parser.add_argument("--champ", choices=FIELDS, action="append", help="champ (répétable)")
    args = parser.parse_args()
    failed = 0
    total_tried, total_time = 0, 0.0
    for field in args.champ or FIELDS:
        tried, seconds, problem = fuzz(field, args.exemples)
        total_tried, total_time = total_tried + tried, total_time + seconds
        rate = tried / seconds if seconds else 0.0
        status = "aucun problème" if not problem else f"PROBLÈME : {problem}"
        print(f"{field:12} {tried:6} textes  {seconds:7.1f} s  {rate:6.0f}/s  {status}")
        failed += bool(problem)
    print(f"{'total':12} {total_tried:6} textes  {total_time:7.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
