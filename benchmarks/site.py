"""Benchmark of the site build against a plain MkDocs build of the same Markdown.

For each size (2,000 and 10,000 generated references by default) it prints, side by side:
- « plain »: ``mkdocs build`` of the Markdown written by ``biblio generer``, with Material
  and its search plugin, and nothing of ours (no plugin, no Markdown extension);
- « ours »: ``mkdocs build`` of the base with the biblio plugin (records loaded and checked,
  pages generated, glossary tooltips, safe links, stable-URL check) and Pagefind;
- the overhead, with and without the Pagefind step;
- what a visitor's first search transfers (Pagefind's files and our search UI, measured in
  chromium), in the header's box and on the results page, against the budget (150 KB).

    .venv/bin/python benchmarks/site.py [--references 2000 10000]
    .venv/bin/python benchmarks/site.py --recherche site   # the budget of a built site
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
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
    shutil.copyfile(REPO / "pagefind.yml", root / "pagefind.yml")
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
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("!relative $config_dir", ".")
        .replace("!ENV [BIBLIO_STRICT, true]", "true")
        .replace("!ENV [BIBLIO_URL_SITE, null]", "null")
    )
    config["plugins"] = [{"search": {"lang": "fr"}}, "glightbox"]
    config["markdown_extensions"] = [
        e
        for e in config["markdown_extensions"]
        if not (isinstance(e, dict) and "biblio.markdown_ext" in e)
    ]
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _transferred(url: str, body: bytes) -> int:
    """Bytes on the wire from a host that compresses text (Pagefind's own files are stored
    compressed already)."""
    if url.endswith((".js", ".css", ".json", ".html")):
        return len(gzip.compress(body))
    return len(body)


SEARCH_FILES = ("/pagefind/", "/assets/recherche.")  # Pagefind, and our UI over its API
BUDGET = 150_000  # bytes transferred with compression (issue 14)
# What each fetched file is, for the breakdown (the first part of its name that matches).
PARTS = (
    ("wasm.", "moteur WebAssembly"),
    ("pagefind.js", "pagefind.js"),
    (".pf_meta", "liste des pages (pf_meta)"),
    (".pf_index", "index du mot (pf_index)"),
    (".pf_fragment", "pages des résultats (pf_fragment)"),
    (".pf_filter", "filtres (pf_filter)"),
    ("pagefind-entry.json", "entrée de l'index"),
    ("/assets/recherche.", "notre interface (recherche.js, .css)"),
)


def _part(url: str) -> str:
    return next((label for key, label in PARTS if key in url), url)


def first_search_files(site: Path, query: str, where: str) -> list[tuple[str, int, int]]:
    """Search files (Pagefind's and our UI's) fetched by a visitor's first search: each as
    (address, bytes served by a plain server, bytes transferred by a host that compresses
    text). ``where`` is « entete » (typed in the header's box of a reference page, the results
    shown as one types) or « page » (the results page /recherche/?q=…, with its facets)."""
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
            files: list[tuple[str, int, int]] = []
            page.on(
                "response",
                lambda r: (
                    files.append((r.url, len(r.body()), _transferred(r.url, r.body())))
                    if any(part in r.url for part in SEARCH_FILES) and r.ok
                    else None
                ),
            )
            if where == "entete":
                page.goto("http://127.0.0.1:8799/references/ref00042/")
                page.keyboard.press("/")
                page.keyboard.type(query, delay=80)
                page.wait_for_selector("[role=option]", timeout=60000)
            else:
                page.goto(f"http://127.0.0.1:8799/recherche/?q={query}")
                page.wait_for_selector(".biblio-resultat", timeout=60000)
            page.wait_for_load_state("networkidle")
            browser.close()
        return files
    finally:
        server.terminate()


def print_search_budget(site: Path) -> None:
    for where, label in (("entete", "boîte de l'en-tête"), ("page", "page /recherche/")):
        for query in ("cpts", "sante"):
            files = first_search_files(site, query, where)
            raw, wire = sum(f[1] for f in files), sum(f[2] for f in files)
            verdict = "dans l'objectif" if wire <= BUDGET else "AU-DELÀ de l'objectif"
            print(
                f"  1re recherche, {label} (« {query} ») : {wire / 1e3:.0f} Ko transférés "
                f"avec compression, {raw / 1e3:.0f} Ko sans "
                f"(objectif ≤ {BUDGET / 1e3:.0f} Ko : {verdict})"
            )
            parts: dict[str, list[int]] = {}
            for url, _, size in files:
                parts.setdefault(_part(url), []).append(size)
            for name, sizes in parts.items():
                count = f" ({len(sizes)} fichiers)" if len(sizes) > 1 else ""
                print(f"      {name}{count} : {sum(sizes) / 1e3:.1f} Ko")


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
            cwd=root,
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
        print_search_budget(root / "site")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--references", type=int, nargs="*", default=[2000, 10000])
    parser.add_argument(
        "--service", type=int, default=2000, help="base pour « make serve » (0 : pas de mesure)"
    )
    parser.add_argument(
        "--recherche", metavar="SITE", help="mesurer seulement la recherche d'un site construit"
    )
    args = parser.parse_args()
    if args.recherche:
        print_search_budget(Path(args.recherche))
        return
    for count in args.references:
        run(count)
    if args.service:
        serve_edit(args.service)


def serve_edit(count: int) -> None:
    """`make serve` on a generated base: time from saving an edited record to the rebuilt page."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "base"
        root.mkdir()
        prepare(root, count)
        env = {**ENV, "BIBLIO_STRICT": "false", "BIBLIO_CACHE_DIR": str(Path(folder) / "c")}
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", "127.0.0.1:8798"]
        server = subprocess.Popen(
            command, cwd=root, env=env, stderr=subprocess.PIPE, text=True, bufsize=1
        )
        try:
            _wait_for(server, "Serving on", timeout=900)
            time.sleep(3)  # let the file watcher settle: an edit at once can go unnoticed
            times = []
            for edit, name in enumerate(("ref00042", "ref01042", "ref00007"), 1):
                record = root / "references" / f"{name}.yaml"
                text = record.read_text(encoding="utf-8")
                started = time.perf_counter()
                marker = f"MODIFIÉ{edit} "
                record.write_text(text.replace('titre: "', f'titre: "{marker}', 1), "utf-8")
                _wait_for(server, "Reloading browsers", timeout=900)
                times.append(time.perf_counter() - started)
                shown = marker in _fetch(f"http://127.0.0.1:8798/references/{name}/")
                print(
                    f"{count} références, « make serve », modification {edit} : fiche → page "
                    f"reconstruite en {times[-1]:.1f} s (nouvelle version servie : {shown})"
                )
                time.sleep(3)  # the whole-base downloads and the search index follow the reload
            print(
                f"  médiane {statistics.median(times):.1f} s, maximum {max(times):.1f} s "
                "(objectif < 5 s)"
            )
        finally:
            server.terminate()
            server.wait()


def _wait_for(server: subprocess.Popen[str], marker: str, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    assert server.stderr is not None
    while time.perf_counter() < deadline:
        line = server.stderr.readline()
        if marker in line:
            return
        if not line and server.poll() is not None:
            raise RuntimeError("mkdocs serve s'est arrêté")
    raise TimeoutError(marker)


def _fetch(url: str) -> str:
    from urllib.request import urlopen

    with urlopen(url) as response:  # a local server only
        return str(response.read().decode("utf-8"))


if __name__ == "__main__":
    main()
