"""Thin MkDocs adapter: adds the generated pages and watches the record folders.

All the work is in the pure core (``render.pages``); ``biblio generer`` writes the same
pages to disk for builders that run no plugin (Zensical).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from biblio.diagnostics import ERROR
from biblio.model import Corpus
from biblio.render.pages import generated_pages
from biblio.schema import FOLDERS
from biblio.validate.runner import load_base

log = logging.getLogger("mkdocs.plugins.biblio")


class BiblioPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Loads the base once per build and adds its pages."""

    def __init__(self) -> None:
        self.corpus = Corpus()

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

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path, text in generated_pages(self.corpus).items():
            files.append(File.generated(config, path, content=text))
        return files

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in FOLDERS.values():
            directory = self._root(config) / folder
            if directory.is_dir():
                server.watch(str(directory))
        return server
