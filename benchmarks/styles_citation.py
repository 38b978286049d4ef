"""Two CSL engines on the numbered references: citeproc-py and pandoc's citeproc.

    .venv/bin/python benchmarks/styles_citation.py [--pandoc CHEMIN] [--sortie DOSSIER]

Renders each numbered reference in the styles of ``biblio.csl_styles`` with both engines
(citeproc-py must be installed: it is a development dependency), prints the time each takes
and writes the texts side by side, one file per style, to compare them.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from biblio import csl_styles as styles  # noqa: E402
from biblio.validate.runner import load_base  # noqa: E402


def citeproc_py(items: list[dict[str, object]], csl: Path) -> dict[str, str]:
    """Each item alone in a bibliography, by citeproc-py (French locale)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    style = CitationStylesStyle(str(csl), locale="fr-FR", validate=False)
    texts = {}
    for item in items:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
            text = str(bibliography.bibliography()[0])
        # A numeric style's number (« 1. ») is left out, as pandoc's output is read.
        texts[str(item["id"])] = " ".join(re.sub(r"^1\.\s*", "", text).split())
    return texts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sortie", type=Path, default=Path(tempfile.gettempdir()) / "styles")
    args = parser.parse_args()
    refs = [r for r in load_base(ROOT, use_cache=False).corpus.references if r.numero]
    items = [styles.csl_item(r) for r in refs]
    args.sortie.mkdir(parents=True, exist_ok=True)
    for style in styles.STYLES:
        csl = styles.STYLE_FOLDER / style.file
        start = time.perf_counter()
        ours = citeproc_py(items, csl)
        middle = time.perf_counter()
        theirs = styles.pandoc_texts(items, csl)
        end = time.perf_counter()
        same = sum(ours[r.id] == theirs[r.id] for r in refs)
        print(
            f"{style.key}: citeproc-py {middle - start:.2f} s, pandoc {end - middle:.2f} s ; "
            f"identiques {same}/{len(refs)}"
        )
        lines = []
        for ref in refs:
            lines += [f"## ({ref.numero}) {ref.id} [{ref.type}]"]
            lines += [f"citeproc-py : {ours[ref.id]}", f"pandoc      : {theirs[ref.id]}", ""]
        (args.sortie / f"{style.key}.txt").write_text("\n".join(lines), encoding="utf-8")
    print(f"textes : {args.sortie}")


if __name__ == "__main__":
    main()
