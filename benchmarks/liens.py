"""Benchmark of ``biblio liens``'s checker: 1,000 URLs served locally (target: under 10 s).

Prints the time for 1,000 URLs on one local site (the per-host limit of 2 applies, as it
would on a real site) and on 10 local sites (100 each, closer to a real base), with the
command's default settings.

    .venv/bin/python benchmarks/liens.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from biblio.links.check import Settings, check_urls
from link_server import link_server

TOTAL = 1000


def run(sites: int) -> tuple[float, int]:
    with ExitStack() as stack:
        servers = [stack.enter_context(link_server()) for _ in range(sites)]
        urls = [f"http://127.0.0.1:{servers[i % sites].server_port}/page/{i}" for i in range(TOTAL)]
        start = time.perf_counter()
        results = asyncio.run(check_urls(urls, Settings()))
        elapsed = time.perf_counter() - start
    return elapsed, sum(r.statut == "ok" for r in results)


def main() -> None:
    for sites in (1, 10):
        elapsed, ok = run(sites)
        print(
            f"{TOTAL} URL sur {sites:>2} site(s) local(aux) : {elapsed:5.2f} s "
            f"({ok} en ligne ; objectif < 10 s) — {TOTAL / elapsed:,.0f} URL/s"
        )


if __name__ == "__main__":
    main()
