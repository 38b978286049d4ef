"""Why a first search weighs what it does: Pagefind's index of a built site, looked into.

For each query word it prints the Pagefind index chunk a search loads (its compressed size and
the words that fill it: a rare word shares its chunk with its alphabetical neighbours), the
page list every search loads, and, for comparison, what an index of our own cut by word
would load instead: the word's pages with their frequencies, in one small file per
three-letter beginning (no WebAssembly engine, no list of every page).

    .venv/bin/python benchmarks/index_recherche.py SITE [--mots cpts sante]

SITE is a site built with its Pagefind index (``benchmarks/site.py`` builds the 10,000-reference
one in a temporary folder; ``make build`` builds this repository's).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"  # Pagefind's files: gzip of this signature and the data


def pagefind_file(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} : pas un fichier de Pagefind")
    return data[len(SIGNATURE) :]


def cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR value at ``at`` (the subset Pagefind writes) and where it ends."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = 1 << (info - 24)  # 24 → 1 byte, 25 → 2, 26 → 4, 27 → 8
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major in (0, 1):
        return (value if major == 0 else -1 - value), at
    if major in (2, 3):
        text = data[at : at + value]
        return (text.decode() if major == 3 else text), at + value
    items = []
    for _ in range(value * (2 if major == 5 else 1)):
        item, at = cbor(data, at)
        items.append(item)
    return (dict(zip(items[::2], items[1::2], strict=True)) if major == 5 else items), at


def fold(text: str) -> str:
    """Lower case, accents removed (« Santé » → « sante »)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def chunk_words(chunk: list[Any]) -> list[tuple[int, int, str]]:
    """(locations, pages, word) of each word of a chunk, the most frequent first. A word is
    [stem, pages, [[accented form, pages]…]]; a page is [number, locations, …]."""
    rows = []
    for word in chunk[0]:
        pages = list(word[1]) + [page for form in word[2] for page in form[1]]
        locations = sum(1 for page in pages for n in page[1] if n >= 0)  # < 0: a weight
        rows.append((locations, len(pages), str(word[0])))
    return sorted(rows, reverse=True)


def show_pagefind(bundle: Path, words: list[str]) -> None:
    meta_file = next(bundle.glob("pagefind.*.pf_meta"))
    meta, _ = cbor(pagefind_file(meta_file))
    pages, chunks = meta[1], meta[2]
    size = meta_file.stat().st_size
    print(f"Pagefind : {len(pages)} pages, liste des pages {size / 1e3:.1f} Ko compressée")
    print(f"  {len(chunks)} morceaux d'index, de {_sizes(bundle)} compressés")
    for word in words:
        # A chunk is named by the first and last words (stems) it holds: looked up by the
        # word's unaccented form, which sorts as its stem does.
        _, _, name = next(
            (c for c in chunks if c[0] <= fold(word) <= c[1] or fold(word).startswith(c[1])),
            chunks[-1],
        )
        path = bundle / "index" / f"{name}.pf_index"
        chunk, _ = cbor(pagefind_file(path))
        rows = chunk_words(chunk)
        main = ", ".join(f"{w} ({p} pages, {n} emplacements)" for n, p, w in rows[:3])
        print(
            f"  « {word} » : morceau de {path.stat().st_size / 1e3:.1f} Ko compressé, "
            f"{len(rows)} mots, surtout {main}"
        )


def _sizes(bundle: Path) -> str:
    sizes = sorted(p.stat().st_size for p in (bundle / "index").glob("*.pf_index"))
    median = sizes[len(sizes) // 2]
    return f"{sizes[0] / 1e3:.1f} à {sizes[-1] / 1e3:.1f} Ko (médiane {median / 1e3:.1f})"


def show_own_index(bundle: Path, words: list[str]) -> None:
    """Per word, its pages (numbers as growing gaps) and frequency, grouped by beginning."""
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    fragments = sorted((bundle / "fragment").glob("*.pf_fragment"))
    for number, path in enumerate(fragments):
        page = json.loads(pagefind_file(path))
        for word in re.findall(
            r"[^\W_]+", fold(page["meta"].get("title", "") + " " + page["content"])
        ):
            postings[word][number] = postings[word].get(number, 0) + 1
    shards: dict[str, list[str]] = defaultdict(list)
    for word in postings:
        shards[word[:3]].append(word)
    print(f"Index par mot (estimation) : {len(fragments)} pages, {len(shards)} fichiers")
    for word in words:
        beginning = fold(word)[:3]
        data = b"".join(_postings(w, postings[w]) for w in sorted(shards[beginning]))
        pages = len(postings.get(fold(word), {}))
        print(
            f"  « {word} » ({pages} pages) : fichier « {beginning} » de "
            f"{len(gzip.compress(data, 9))} octets compressé"
        )


def _postings(word: str, pages: dict[int, int]) -> bytes:
    """The word, its number of pages, the gaps between its page numbers, and one byte of
    frequency per page."""
    out = bytearray(word.encode() + b"\0") + _varint(len(pages))
    previous = -1
    for number in sorted(pages):
        out += _varint(number - previous - 1)
        previous = number
    out += bytes(min(255, pages[n]) for n in sorted(pages))
    return bytes(out)


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:  # 7 bits a byte, the high bit says another byte follows
        out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not value:
            return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--mots", nargs="*", default=["cpts", "sante"])
    args = parser.parse_args()
    bundle = args.site / "pagefind"
    show_pagefind(bundle, args.mots)
    show_own_index(bundle, args.mots)


if __name__ == "__main__":
    main()
