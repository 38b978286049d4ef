"""Thin MkDocs adapter: adds the generated pages, watches the records, runs Pagefind.

All the work is in the pure core (``render.pages``); ``biblio generer`` writes the same
pages to disk for builders that run no plugin (Zensical), after which
``python -m pagefind --site site`` builds the search index.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from biblio import urls
from biblio.diagnostics import ERROR
from biblio.model import Corpus
from biblio.output import SiteSwap, path_under
from biblio.render.downloads import PRINT_PAGE
from biblio.render.pages import generated_pages, whole_base_files
from biblio.schema import FOLDERS
from biblio.validate.runner import load_base

log = logging.getLogger("mkdocs.plugins.biblio")


class BiblioConfig(Config):  # type: ignore[no-untyped-call]
    pagefind = config_options.Type(bool, default=True)


class BiblioPlugin(BasePlugin[BiblioConfig]):  # type: ignore[no-untyped-call]
    """Loads the base once per build and adds its pages."""

    def __init__(self) -> None:
        self.corpus = Corpus()
        self.donnees: dict[str, dict[str, Any]] = {}
        self.redirects: dict[str, str] = {}
        self.published: set[str] = set()
        # `mkdocs serve --dirty` (make serve): generated pages go to disk, rewritten only when
        # their text changes, so that MkDocs rebuilds only the pages an edit touches.
        self.incremental = False
        self.swap: SiteSwap | None = None  # set by on_startup for `mkdocs build`
        self.written: dict[str, str] = {}
        self.indexed = False
        # While previewing, the whole-base downloads are written by a thread per rebuild:
        # only the latest rebuild's writes, one thread at a time.
        self.rebuilds = 0
        self.writing = threading.Lock()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.incremental = command == "serve" and dirty
        # `mkdocs build` empties its folder first: the site is built beside it instead, and
        # takes its place only when complete (see ``output.SiteSwap``).
        self.swap = SiteSwap() if command == "build" and not dirty else None

    @event_priority(100)  # before any other plugin reads the output folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.swap is not None:
            config.site_dir = str(self.swap.begin(Path(config.site_dir)))
        return config

    def on_build_error(self, *, error: Exception) -> None:
        if self.swap is not None:
            self.swap.fail()

    def on_shutdown(self) -> None:
        if self.swap is not None:
            self.swap.end()

    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        report = load_base(self._root(config))
        for diagnostic in report.diagnostics:
            (log.error if diagnostic.gravite == ERROR else log.warning)(diagnostic.format())
        if report.errors:
            raise PluginError(f"{report.errors} erreur(s) dans les fiches : lancez biblio valider")
        self.corpus = report.corpus
        self.donnees = report.donnees

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.incremental:
            # The preview's print page is the one of its first build (it says so).
            first = PRINT_PAGE not in self.written
            pages = generated_pages(
                self.corpus, config.site_url or "", self.donnees, preview=True, print_page=first
            )
            if not first:
                pages[PRINT_PAGE] = self.written[PRINT_PAGE]
            self._add_from_disk(files, pages, config)
        else:
            for path, text in generated_pages(
                self.corpus, config.site_url or "", self.donnees
            ).items():
                path_under(Path(config.site_dir), path)  # a page never lands outside the site
                files.append(File.generated(config, path, content=text))
        try:
            self.redirects = urls.read_redirects(self._root(config))
        except (ValueError, yaml.YAMLError) as exc:
            raise PluginError(str(exc)) from exc
        for path, text in urls.redirect_pages(self.redirects).items():
            files.append(File.generated(config, path, content=text))
        self.published = {urls.normalise(f.url) for f in files.documentation_pages()}
        # Checked before any page is rendered: a broken promise fails the build at once.
        promised = urls.read_manifest(self._root(config))
        missing = urls.missing_urls(promised, self.published, self.redirects)
        if missing:
            raise PluginError(
                f"{len(missing)} adresse(s) de {urls.MANIFEST} ne mène(nt) plus à aucune page : "
                + ", ".join(f"/{u}" for u in missing)
                + f". Ajoutez une redirection dans {urls.REDIRECTS} (ancienne: nouvelle)."
            )
        return files

    def _add_from_disk(self, files: Files, pages: dict[str, str], config: MkDocsConfig) -> None:
        staging = self._root(config) / ".cache" / "biblio" / "pages"
        if not self.written and staging.exists():
            shutil.rmtree(staging)  # a previous session's pages: start clean
        for path, text in pages.items():
            target = path_under(staging, path)
            if self.written.get(path) != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            files.append(File(path, str(staging), config.site_dir, config.use_directory_urls))
        for gone in set(self.written) - set(pages):
            (staging / gone).unlink(missing_ok=True)
        self.written = dict(pages)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        (site / urls.PUBLISHED).write_text("".join(f"/{u}\n" for u in sorted(self.published)))
        if self.incremental:
            # The whole base in each format changes with any edit and costs more than the
            # edit's own pages: while previewing, it is written just after the reload.
            self.rebuilds += 1
            writer = threading.Thread(
                target=self._write_whole_base, args=(site, self.corpus, self.rebuilds), daemon=True
            )
            writer.start()
        self._index_for_search(config)
        if self.swap is not None:
            self.swap.complete()

    def _index_for_search(self, config: MkDocsConfig) -> None:
        if not self.config.pagefind:
            return
        # Run from the repository: Pagefind reads its settings from pagefind.yml there.
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"]
        root = self._root(config)
        if self.incremental and self.indexed:
            # While serving, an edit shows at once; the search index follows a moment later.
            quiet = subprocess.DEVNULL
            subprocess.Popen(command, cwd=root, stdout=quiet, stderr=quiet)
            return
        self.indexed = True
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PluginError(f"index de recherche (Pagefind) non construit : {result.stderr}")

    def _write_whole_base(self, site: Path, corpus: Corpus, rebuild: int) -> None:
        files = whole_base_files(corpus)
        with self.writing:
            if rebuild != self.rebuilds:
                return  # a later edit's rebuild writes newer files
            for path, text in files.items():
                target = path_under(site, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(target.name + ".part")
                partial.write_text(text, encoding="utf-8")
                partial.replace(target)  # a visitor never downloads a half-written file

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in FOLDERS.values():
            directory = self._root(config) / folder
            if directory.is_dir():
                server.watch(str(directory))
        return server
