"""Stable addresses: the pages a build publishes, the committed list of addresses that must
keep working (trainers put them in slides and e-mails), and redirections for moved pages.

``urls-stables.txt`` (one address per line, ``#`` comments) lists the promised addresses;
``redirections.yaml`` maps an old address to its new one. A promised address that the build
no longer publishes, and that no redirection covers, fails the build.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable
from pathlib import Path

import yaml

MANIFEST = "urls-stables.txt"
REDIRECTS = "redirections.yaml"
PUBLISHED = "urls.txt"  # written into the built site


def read_manifest(root: Path) -> list[str]:
    path = root / MANIFEST
    if not path.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [normalise(line) for line in lines if line]


def read_redirects(root: Path) -> dict[str, str]:
    path = root / REDIRECTS
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.SafeLoader) or {}
    if not isinstance(data, dict):
        raise ValueError(
            f"{REDIRECTS} : une table « ancienne/adresse/: nouvelle/adresse/ » attendue"
        )
    return {normalise(str(old)): normalise(str(new)) for old, new in data.items()}


def normalise(url: str) -> str:
    """Site-relative, no leading slash, a trailing slash for pages (``/glossaire/cpts`` →
    ``glossaire/cpts/``)."""
    url = url.strip().lstrip("/")
    if url in (".", "./"):  # the home page, as MkDocs writes it
        return ""
    if url and not url.endswith("/") and "." not in posixpath.basename(url):
        url += "/"
    return url


def missing_urls(
    promised: Iterable[str], published: set[str], redirects: dict[str, str]
) -> list[str]:
    """Promised addresses that lead nowhere (neither published nor redirected to a page)."""
    return sorted(u for u in promised if u not in published and redirects.get(u) not in published)


def redirect_pages(redirects: dict[str, str]) -> dict[str, str]:
    """One small HTML page per old address, sending to the new one."""
    pages = {}
    for old, new in sorted(redirects.items()):
        depth = old.rstrip("/").count("/") + 1 if old else 0
        target = html.escape("../" * depth + new, quote=True)
        pages[f"{old}index.html"] = (
            '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
            f'<title>Page déplacée</title><meta http-equiv="refresh" content="0; url={target}">'
            f'<link rel="canonical" href="{target}"></head>\n'
            f'<body><p>Cette page a changé d’adresse : <a href="{target}">{target}</a>.</p>'
            "</body></html>\n"
        )
    return pages
