"""The site as the core hands it to every builder, and the promise on its addresses.

``site_files`` is the one function both edges call: the MkDocs plugin (files added in memory)
and ``biblio generer`` (files written to disk for builders that run no plugin of ours, such as
Zensical). It returns every generated file — pages, downloads, feed, redirect pages, the list
of published addresses (``urls.txt``), the editor at ``/admin/`` (``biblio.editor``: no page
of that list) — and the promised addresses (``urls-stables.txt``) that would lead nowhere: a
builder must refuse to publish a site that breaks the promise.

``built_site_urls`` reads the addresses a builder actually wrote, so that the promise is checked
on the output of any builder, not only on what the core expected it to write.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from biblio import csl_styles, urls
from biblio.editor import FOLDER as EDITOR_FOLDER
from biblio.editor import editor_files, settings_from_env
from biblio.links.last_report import read_report
from biblio.load.cache import cache_file
from biblio.model import Corpus
from biblio.render.downloads import PRINT_PAGE
from biblio.render.editor_config import EditorSettings
from biblio.render.pages import generated_pages

DOCS = "docs"  # the hand-written pages (mkdocs.yml's docs_dir)
_INDEX_NAMES = ("index.md", "README.md")


@dataclass(frozen=True)
class SiteFiles:
    """Everything the core generates for one build."""

    files: dict[str, str]  # docs-relative path → text
    published: frozenset[str]  # addresses of the site's pages (normalised, see urls.normalise)
    missing: tuple[str, ...]  # promised addresses that no page and no redirection serves

    def broken_promise(self) -> str:
        """The French message a builder fails with, or "" when the promise holds."""
        return promise_message(self.missing)


def promise_message(missing: tuple[str, ...] | list[str]) -> str:
    if not missing:
        return ""
    return (
        f"{len(missing)} adresse(s) de {urls.MANIFEST} ne mène(nt) plus à aucune page : "
        + ", ".join(f"/{u}" for u in missing)
        + f". Ajoutez une redirection dans {urls.REDIRECTS} (ancienne: nouvelle)."
    )


def site_files(
    root: Path,
    corpus: Corpus,
    donnees: dict[str, dict[str, Any]] | None = None,
    site_url: str = "",
    *,
    preview: bool = False,
    kept: dict[str, str] | None = None,
    editor: EditorSettings | None = None,
) -> SiteFiles:
    """The generated files of the base at ``root`` and the state of its address promise.

    ``preview`` (make serve) leaves out what holds the whole base (see ``generated_pages``);
    ``kept`` gives files of an earlier build that the preview serves again (its print page):
    they are not rendered again, and count as published.
    ``editor``: the settings of the editing interface (``/admin/``, no page of the published
    list), by default read from the environment (``editor.settings_from_env``).
    Raises ``ValueError`` (French message) when ``redirections.yaml`` is not a table or an
    editor setting is wrong.
    """
    kept = kept or {}
    # Citations in other styles are kept between builds in the base's cache folder.
    csl_styles.set_cache_folder(cache_file(root).parent)
    files = generated_pages(
        corpus,
        site_url,
        donnees,
        preview=preview,
        print_page=PRINT_PAGE not in kept,
        link_report=read_report(root),  # the last « biblio liens »: dead links lead to archives
    )
    files.update(kept)
    redirects = urls.read_redirects(root)
    files.update(urls.redirect_pages(redirects))
    pages = [*hand_written_pages(root), *(p for p in files if p.endswith(".md"))]
    published = frozenset(page_url(p) for p in pages)
    missing = urls.missing_urls(urls.read_manifest(root), set(published), redirects)
    files[urls.PUBLISHED] = published_list(published)
    files.update(editor_files(root, editor or settings_from_env(os.environ)))
    return SiteFiles(dict(sorted(files.items())), published, tuple(missing))


def hand_written_pages(root: Path) -> list[str]:
    """Docs-relative paths of the Markdown pages under ``docs/`` (hidden files left out, as
    MkDocs and Zensical leave them out)."""
    folder = root / DOCS
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*.md"):
        relative = path.relative_to(folder).as_posix()
        if not any(part.startswith(".") for part in relative.split("/")):
            found.append(relative)
    return sorted(found)


def page_url(path: str) -> str:
    """The address of a docs-relative Markdown page with directory URLs (``a/b.md`` →
    ``a/b/``, ``a/index.md`` → ``a/``), as MkDocs and Zensical publish it."""
    folder, name = posixpath.split(path)
    stem = name[: -len(".md")]
    if name in _INDEX_NAMES:
        return f"{folder}/" if folder else ""
    return f"{folder}/{stem}/" if folder else f"{stem}/"


def published_list(published: frozenset[str] | set[str]) -> str:
    """``urls.txt``: one site-absolute address per line, sorted."""
    return "".join(f"/{u}\n" for u in sorted(published))


def built_site_urls(site: Path, redirects: dict[str, str]) -> set[str]:
    """Addresses of the pages a builder wrote into ``site`` (redirect pages and the editor's
    page, which is no page of the published site, left out)."""
    found = set()
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site).as_posix()
        found.add("" if folder == "." else f"{folder}/")
    return found - set(redirects) - {f"{EDITOR_FOLDER}/"}


def check_built_site(root: Path, site: Path) -> list[str]:
    """Promised addresses that the site built in ``site`` does not serve."""
    redirects = urls.read_redirects(root)
    published = built_site_urls(site, redirects)
    return urls.missing_urls(urls.read_manifest(root), published, redirects)
