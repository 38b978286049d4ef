"""Benchmark of the site build against a plain MkDocs build of the same Markdown.

For each size (2,000 and 10,000 generated references by default) it prints, side by side:
- « plain »: ``mkdocs build`` of the Markdown written by ``biblio generer``, with Material
  and its search plugin, and nothing of ours (no plugin, no Markdown extension);
- « ours »: ``mkdocs build`` of the base with the biblio plugin (records loaded and checked,
  pages generated, glossary tooltips, safe links, stable-URL check) and Pagefind;
- the overhead, with and without the Pagefind step;
- what a visitor's first search downloads (Pagefind files, measured in chromium).

    .venv/bin/python benchmarks/site.py [--references 2000 10000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chargement import generate

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def prepare(root: Path, count: int) -> None:
    generate(root, count)
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("sections/sites-ressource.md", "sections/s0.md")
    )


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - started


def plain_project(root: Path, plain: Path) -> None:
    """The same Markdown, built by MkDocs and Material alone (their search included)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "biblio",
            "generer",
            "--racine",
            str(root),
            "--sortie",
            str(plain / "gen"),
        ],
        env=ENV,
        check=True,
        capture_output=True,
    )
    shutil.copytree(root / "docs", plain / "docs")
    shutil.copytree(plain / "gen", plain / "docs", dirs_exist_ok=True)
    shutil.copytree(root / "overrides", plain / "overrides")
    config = yaml.safe_load(
        (root / "mkdocs.yml").read_text(encoding="utf-8").replace("!relative $config_dir", ".")
    )
    config["plugins"] = [{"search": {"lang": "fr"}}, "glightbox"]
    config["markdown_extensions"] = [
        e
        for e in config["markdown_extensions"]
        if not (isinstance(e, dict) and "biblio.markdown_ext" in e)
    ]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def first_search_bytes(site: Path, query: str) -> int:
    """Bytes fetched from /pagefind/ when a visitor opens the search page and searches."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", "8799", "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox"]
            )
            page = browser.new_page()
            sizes: list[int] = []
            page.on(
                "response",
                lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url and r.ok else None,
            )
            page.goto(f"http://127.0.0.1:8799/recherche/?q={query}")
            page.wait_for_selector(".pagefind-ui__result", timeout=60000)
            page.wait_for_load_state("networkidle")
            browser.close()
        return sum(sizes)
    finally:
        server.terminate()


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root, plain = Path(folder) / "base", Path(folder) / "plain"
        root.mkdir()
        plain.mkdir()
        prepare(root, count)
        plain_project(root, plain)
        os.environ["BIBLIO_CACHE_DIR"] = str(Path(folder) / "cache")
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
        plain_time = timed(mkdocs, plain)
        ours_time = timed(mkdocs, root)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(root / "site"), "--silent"],
            check=True,
            capture_output=True,
        )
        pagefind_time = time.perf_counter() - started
        without = ours_time - pagefind_time
        print(f"{count} références ({len(list((root / 'site').rglob('index.html')))} pages) :")
        print(f"  MkDocs + Material + recherche lunr, même Markdown : {plain_time:6.1f} s")
        print(
            f"  notre construction complète (avec Pagefind)      : {ours_time:6.1f} s"
            f"  → surcoût {100 * (ours_time / plain_time - 1):+.0f} %"
        )
        print(
            f"  dont Pagefind (mesuré à part : {pagefind_time:.1f} s) ; sans lui : {without:6.1f} s"
            f"  → surcoût {100 * (without / plain_time - 1):+.0f} %"
        )
        lunr = plain / "site" / "search" / "search_index.json"
        print(f"  index lunr téléchargé à la 1re page vue : {lunr.stat().st_size / 1e6:.1f} Mo")
        searched = first_search_bytes(root / "site", "sante") / 1e3
        print(f"  1re recherche Pagefind (« sante ») : {searched:.0f} Ko (objectif < 300 Ko)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--references", type=int, nargs="+", default=[2000, 10000])
    for count in parser.parse_args().references:
        run(count)


if __name__ == "__main__":
    main()
