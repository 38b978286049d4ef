"""``biblio liens``: check every URL of the base, report the dead ones with an archive."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from biblio.commands.support import UsageError, load_clean, root_of
from biblio.model import Reference
from biblio.output import write_new_file

if TYPE_CHECKING:
    from biblio.links.check import LinkResult
    from biblio.links.report import Checked


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="rapport JSON sur la sortie")
    parser.add_argument(
        "--delai", type=float, default=10.0, metavar="S", help="délai par lien (10 s)"
    )
    parser.add_argument(
        "--simultanes", type=int, default=8, metavar="N", help="liens vérifiés à la fois (8)"
    )
    parser.add_argument(
        "--par-hote", type=int, default=2, metavar="N", help="requêtes à la fois par site (2)"
    )
    parser.add_argument(
        "--rapport", metavar="DOSSIER", help="où écrire liens.md et liens.json (build/liens)"
    )
    parser.add_argument(
        "--sans-cache", action="store_true", help="tout revérifier, même vérifié hier"
    )
    parser.add_argument(
        "--ecrire-archives",
        action="store_true",
        help="écrire dans les fiches la copie archivée proposée (url_archive, date_archive) "
        "des liens morts ou redirigés qui n'en ont pas",
    )


def run(args: argparse.Namespace) -> int:
    if args.delai <= 0 or args.simultanes < 1 or args.par_hote < 1:
        raise UsageError("--delai, --simultanes et --par-hote doivent être positifs")
    # Imported here: the HTTP client costs a tenth of a second that other commands do not pay.
    from biblio.links.report import Checked, summary, to_json, to_markdown

    root = root_of(args)
    by_url = _references_by_url(load_clean(root).references)
    results = _check(root, list(by_url), args)
    items = [Checked(results[url], tuple(by_url[url])) for url in sorted(by_url)]
    folder = Path(args.rapport) if args.rapport else root / "build" / "liens"
    folder.mkdir(parents=True, exist_ok=True)
    # The previous report is replaced whole (never left half-written).
    write_new_file(folder / "liens.md", to_markdown(items), overwrite=True)
    write_new_file(folder / "liens.json", to_json(items), overwrite=True)
    if args.json:
        sys.stdout.write(to_json(items))
    else:
        for item in items:
            if item.dead:
                where = item.references[0].position.fichier
                print(
                    f"{where}: lien mort {item.result.url} ({item.result.statut}"
                    f"{f' {item.result.code}' if item.result.code else ''})"
                    f" — archive : {item.archive}"
                )
        print(summary(items))
    _archives(root, items, write=args.ecrire_archives)
    print(f"rapport : {folder / 'liens.md'} et {folder / 'liens.json'}", file=sys.stderr)
    return 1 if any(item.dead for item in items) else 0


def _archives(root: Path, items: list[Checked], write: bool) -> None:
    """Propose (or write, with --ecrire-archives) an archived copy for dead or moved links."""
    import datetime

    from biblio.links.archives import proposals, write_archives

    found = proposals(items, datetime.date.today())
    if not write:
        for proposal in found:
            print(
                f"{proposal.ref.position.fichier}: copie archivée proposée : "
                f"{proposal.url_archive} (biblio liens --ecrire-archives l'ajoute à la fiche)",
                file=sys.stderr,
            )
        return
    written, skipped = write_archives(root, found)
    for name in written:
        print(f"{name}: url_archive et date_archive ajoutées", file=sys.stderr)
    for reason in skipped:
        print(f"{reason} : non modifiée", file=sys.stderr)


def _references_by_url(references: tuple[Reference, ...]) -> dict[str, list[Reference]]:
    by_url: dict[str, list[Reference]] = {}
    for ref in references:
        if ref.url:
            by_url.setdefault(ref.url, []).append(ref)
    return by_url


def _check(root: Path, urls: list[str], args: argparse.Namespace) -> dict[str, LinkResult]:
    import asyncio

    from tqdm import tqdm

    from biblio.links import cache
    from biblio.links.check import Settings, check_urls

    path = cache.cache_path(root)
    known = {} if args.sans_cache else cache.still_valid(cache.load(path), time.time())
    pending = [url for url in urls if url not in known]
    settings = Settings(timeout=args.delai, concurrency=args.simultanes, per_host=args.par_hote)
    with tqdm(total=len(pending), desc="liens", unit="lien", file=sys.stderr, disable=None) as bar:
        fresh = asyncio.run(check_urls(pending, settings, on_done=lambda _: bar.update()))
    results = {**known, **{r.url: r for r in fresh}}
    cache.save(path, results)
    if known:
        print(
            f"{len(known)} lien(s) vérifié(s) il y a moins d'un jour, non revérifiés",
            file=sys.stderr,
        )
    return results
