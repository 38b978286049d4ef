"""Citations in published styles (ISO 690, APA 7, Vancouver), rendered by pandoc's citeproc.

Pandoc comes with the ``pypandoc-binary`` package. It was chosen over citeproc-py after a
comparison on the 43 numbered references (``benchmarks/styles_citation.py``, figures in the
README): citeproc-py printed the title twice in APA for works without an author, left
straight apostrophes and broke French dates in Vancouver (« 18déc2021 », « [cité le. »).

The styles are CSL files kept in ``biblio/styles`` (CC BY-SA 3.0, from the Citation Style
Language repository). Rendering is deterministic; each (style, record) is rendered once per
process (``make serve`` rebuilds reuse it), all missing records of a style in one pandoc run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biblio.convert import csljson
from biblio.model import Reference
from biblio.output import WriteRefused, write_new_file

STYLE_FOLDER = Path(__file__).parent / "styles"
log = logging.getLogger("mkdocs.plugins.biblio")  # a warning fails a strict build
# The house style as CSL, offered for download (Zotero installs a .csl file in one click).
HOUSE_STYLE = STYLE_FOLDER / "style-maison.csl"
HOUSE_STYLE_PAGE = "telechargements/style-maison.csl"


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    file: str


STYLES: tuple[Style, ...] = (
    Style("iso690", "ISO 690 (auteur-date, français)", "iso690-author-date-fr.csl"),
    Style("apa", "APA 7ᵉ édition (français)", "apa.csl"),
    Style("vancouver", "Vancouver (NLM)", "nlm-citation-sequence.csl"),
)
_CACHE: dict[str, str] = {}  # key of (style, engine, item as JSON) → text
_DISK: Path | None = None
_FAILED: set[str] = set()  # keys the engine could not render in this process
_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*)</div>\s*</div>', re.S)
_NUMBER = re.compile(r'<div class="csl-left-margin">.*?</div>', re.S)


def csl_item(ref: Reference) -> dict[str, Any]:
    """The record as a CSL-JSON item, without what no style prints (abstract, our extras)."""
    item: dict[str, Any] = json.loads(csljson.dump([ref]))[0]
    for key in ("custom", "abstract", "note"):
        item.pop(key, None)
    return item


def pandoc_path() -> str:
    import pypandoc  # type: ignore[import-untyped]

    return str(pypandoc.get_pandoc_path())


# pandoc 3.9 crashes (SIGSEGV) after some 80 documents in one ``pandoc lua`` run: 50 a run.
BATCH = 50
# Each item is cited alone (as on its page: no « 2022a » from a namesake), all in one process.
_LUA = """
local csl = arg[1]
for i = 2, #arg do
  local doc = pandoc.read("---\\nnocite: '@*'\\nlang: fr-FR\\n---\\n", "markdown")
  doc.meta.csl = csl
  doc.meta.bibliography = arg[i]
  io.write(pandoc.write(pandoc.utils.citeproc(doc), "html", {wrap_text = "none"}), "\\0")
end
"""


def pandoc_texts(items: list[dict[str, Any]], csl: Path) -> dict[str, str]:
    """Each item's bibliography entry in the style ``csl``, alone, as plain text."""
    texts = {}
    for start in range(0, len(items), BATCH):
        texts.update(_pandoc_batch(items[start : start + BATCH], csl))
    return texts


def _pandoc_batch(items: list[dict[str, Any]], csl: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "un-par-un.lua").write_text(_LUA, encoding="utf-8")
        paths = []
        for index, item in enumerate(items):
            paths.append(folder / f"{index}.json")
            paths[-1].write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
        command = [pandoc_path(), "lua", str(folder / "un-par-un.lua"), str(csl)]
        result = subprocess.run(
            [*command, *map(str, paths)], capture_output=True, check=True, encoding="utf-8"
        )
    texts = {}
    for item, output in zip(items, result.stdout.split("\0"), strict=False):
        entry = _ENTRY.search(output)
        body = _NUMBER.sub("", entry.group(2)) if entry else ""
        texts[str(item["id"])] = " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())
    return texts


def set_cache_folder(folder: Path | None) -> None:
    """Keep rendered citations in ``folder`` between builds (the build's cache folder)."""
    global _DISK
    disk = folder / "styles.json" if folder else None
    if disk == _DISK:
        return  # already read: each make serve rebuild would parse the whole file again
    _DISK = disk
    if _DISK and _DISK.is_file():
        # An optimisation only: unreadable, it is rebuilt.
        with contextlib.suppress(OSError, ValueError):
            _CACHE.update(json.loads(_DISK.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=100_000)
def _key(style: Style, item: str) -> str:
    text = f"{_fingerprint(style.file)}\n{item}"
    return hashlib.sha1(text.encode()).hexdigest()


@functools.cache
def _fingerprint(style_file: str) -> str:
    """What the rendering depends on besides the record: the style and the engine's version."""
    digest = hashlib.sha1((STYLE_FOLDER / style_file).read_bytes())
    digest.update(pandoc_path().encode())
    with contextlib.suppress(OSError):
        digest.update(str(Path(pandoc_path()).stat().st_size).encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=20_000)  # `make serve` rebuilds: unchanged records are reused
def _item_text(ref: Reference) -> str:
    return json.dumps(csl_item(ref), ensure_ascii=False, sort_keys=True)


def prepare(refs: Iterable[Reference]) -> None:
    """Render every record not rendered yet (cached on disk): the styles' pandoc runs in
    parallel, each over batches of records."""
    items = {ref.id: _item_text(ref) for ref in refs}
    missing = {
        style: {
            i: text
            for i, text in items.items()
            if _key(style, text) not in _CACHE and _key(style, text) not in _FAILED
        }
        for style in STYLES
    }
    jobs = [
        (style, dict(list(todo.items())[start : start + BATCH]))
        for style, todo in missing.items()
        for start in range(0, len(todo), BATCH)
    ]
    if not jobs:
        return
    added = False
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = pool.map(lambda job: _render_job(*job), jobs)
        for (style, batch), rendered in zip(jobs, results, strict=True):
            for ref_id, text in batch.items():
                if ref_id in rendered:
                    _CACHE[_key(style, text)] = rendered[ref_id]
                    added = True
                else:  # not kept on disk: the next build tries again
                    _FAILED.add(_key(style, text))
    if added and _DISK:
        _save(_DISK)


def _render_job(style: Style, batch: dict[str, str]) -> dict[str, str]:
    try:
        return _pandoc_batch([json.loads(t) for t in batch.values()], STYLE_FOLDER / style.file)
    except (ImportError, OSError, subprocess.CalledProcessError) as exc:
        # No traceback for a build: the block is left out of these pages, and a warning
        # (which fails a strict build) says why.
        detail = exc.stderr.strip()[:300] if isinstance(exc, subprocess.CalledProcessError) else exc
        log.warning(
            "style %s non produit pour %d fiche(s) : pandoc a échoué (%s)",
            style.label,
            len(batch),
            detail,
        )
        return {}


def _save(path: Path) -> None:
    with contextlib.suppress(OSError, WriteRefused):
        path.parent.mkdir(parents=True, exist_ok=True)
        # Replaced at once (a temporary name of its own: two builds at once never mix).
        write_new_file(path, json.dumps(_CACHE, sort_keys=True), overwrite=True)


def styled_citations(ref: Reference) -> list[tuple[Style, str]]:
    """``ref`` in each style (rendered now if ``prepare`` did not see it)."""
    item = _item_text(ref)
    keys = [_key(style, item) for style in STYLES]
    if any(key not in _CACHE and key not in _FAILED for key in keys):
        prepare([ref])
    return [(style, _CACHE.get(key, "")) for style, key in zip(STYLES, keys, strict=True)]
