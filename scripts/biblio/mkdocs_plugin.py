"""Thin MkDocs adapter: adds the generated files, watches the records, runs Pagefind.

All the work and every guarantee (pages, redirects, the address promise, ``urls.txt``) are in
the core (``biblio.publish.site_files``); ``biblio generer`` writes the same files to disk for
builders that run no plugin (Zensical: ``make build-zensical``).
"""

from __future__ import annotations

import logging
import mimetypes
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

from biblio.diagnostics import ERROR, Diagnostic
from biblio.model import Corpus
from biblio.output import SiteSwap, path_under, write_new_file
from biblio.preview import STATUS_FILE, banner_script, status_json
from biblio.publish import site_files
from biblio.render.downloads import FILES, PRINT_PAGE
from biblio.render.pages import whole_base_files
from biblio.render.section_files import CONTENT_TYPES
from biblio.schema import FOLDERS
from biblio.validate.drafts import about_a_draft, draft_files
from biblio.validate.runner import load_base

log = logging.getLogger("mkdocs.plugins.biblio")
_WHOLE_BASE_LINKS = tuple(f"'{path}'" for path, _, _ in FILES)


def _drop_preview_noise(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    if message.startswith("A 'dirty' build is being performed"):
        return False
    return not ("contains a link" in message and any(p in message for p in _WHOLE_BASE_LINKS))


class BiblioConfig(Config):  # type: ignore[no-untyped-call]
    pagefind = config_options.Type(bool, default=True)


class BiblioPlugin(BasePlugin[BiblioConfig]):  # type: ignore[no-untyped-call]
    """Loads the base once per build and adds its pages."""

    def __init__(self) -> None:
        self.corpus = Corpus()
        self.donnees: dict[str, dict[str, Any]] = {}
        # `mkdocs serve --dirty` (make serve): generated pages go to disk, rewritten only when
        # their text changes, so that MkDocs rebuilds only the pages an edit touches.
        self.incremental = False
        self.built_once = False  # the preview has served a site (errors then keep it)
        self.errors: list[Diagnostic] = []
        self.swap: SiteSwap | None = None  # set by on_startup for `mkdocs build`
        self.written: dict[str, str] = {}
        self.indexed = False
        # While previewing, the whole-base downloads are written by a thread per rebuild:
        # only the latest rebuild's writes, one thread at a time.
        self.rebuilds = 0
        self.writing = threading.Lock()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.incremental = command == "serve" and dirty
        if self.incremental:
            # Warnings that call for no action while previewing: the dirty build is what
            # `make serve` asks for, and the whole-base downloads are written after each reload.
            logging.getLogger("mkdocs.commands.build").addFilter(_drop_preview_noise)
            logging.getLogger("mkdocs.structure.pages").addFilter(_drop_preview_noise)
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
        drafts = draft_files(report.corpus)  # left out of the site: their gaps are no warning
        for diagnostic in report.diagnostics:
            if diagnostic.gravite == ERROR:
                log.error(diagnostic.format())
            else:
                (log.info if about_a_draft(diagnostic, drafts) else log.warning)(
                    diagnostic.format()
                )
        self.errors = [d for d in report.diagnostics if d.gravite == ERROR]
        if report.errors and not self.incremental:
            raise PluginError(f"{report.errors} erreur(s) dans les fiches : lancez biblio valider")
        if report.errors and self.built_once:
            return  # the preview keeps the last good site, with a banner listing the errors
        self.corpus = report.corpus
        self.donnees = report.donnees

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        if not self.incremental:
            return output
        # While previewing, every page shows the records' errors (apercu.json) in a banner.
        head, body_end, tail = output.rpartition("</body>")
        return head + banner_script() + body_end + tail if body_end else output

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The core gives the files and the state of the address promise; this adapter only
        # hands them to MkDocs (checked before any page is rendered: a broken promise fails
        # the build at once).
        # The preview keeps its first build's print page (it says so): it holds the whole base.
        kept = {p: self.written[p] for p in (PRINT_PAGE,) if self.incremental and p in self.written}
        try:
            site = site_files(
                self._root(config),
                self.corpus,
                self.donnees,
                config.site_url or "",
                preview=self.incremental,
                kept=kept,
            )
        except (ValueError, yaml.YAMLError) as exc:
            raise PluginError(str(exc)) from exc
        if site.missing:
            raise PluginError(site.broken_promise())
        if self.incremental:
            self._add_from_disk(files, site.files, config)
        else:
            for path, text in site.files.items():
                path_under(Path(config.site_dir), path)  # a page never lands outside the site
                files.append(File.generated(config, path, content=text))
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
        if self.incremental:
            self.built_once = True
            write_new_file(path_under(site, STATUS_FILE), status_json(self.errors), overwrite=True)
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
                # Replaced at once: a visitor never downloads a half-written file.
                write_new_file(target, text, overwrite=True)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # The preview serves .ris and .bib with the types Zotero's connector imports.
        for suffix, content_type in CONTENT_TYPES.items():
            mimetypes.add_type(content_type, suffix)
        for folder in FOLDERS.values():
            directory = self._root(config) / folder
            if directory.is_dir():
                server.watch(str(directory))
        return server
