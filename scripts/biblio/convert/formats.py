"""The exchange formats of references, one registry: name, label, suffixes, media type, the
reader and the writer. The command line, the importer, the downloads and the tests use it.

Light to import: each format's module (pybtex for BibTeX) is loaded when it is first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from biblio.diagnostics import Diagnostic
    from biblio.load.raw import RawRecord
    from biblio.model import Reference

Parsed = tuple[list["RawRecord"], list["Diagnostic"]]


@dataclass(frozen=True)
class ExchangeFormat:
    """One exchange format of references."""

    name: str  # the command line's choice (``--format``)
    label: str  # what a user reads
    detail: str  # said beside the label in the downloads page
    uses: str  # the tools that read it
    suffixes: tuple[str, ...]  # the first one is written
    media_type: str  # served with it (Zotero's connector imports by type)
    complement_prefix: str  # complements kept from an import in this format: « prefix:champ »
    module: str  # ``biblio.convert.<module>``: its ``parse`` and ``dump``

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def parse(self, text: str, fichier: str) -> Parsed:
        """Raw references of ``text`` (``fichier`` names it in diagnostics)."""
        return cast("Parsed", self._module().parse(text, fichier))

    def dump(self, references: Sequence[Reference]) -> str:
        """The text of ``references`` in this format, deterministic."""
        return cast(str, self._module().dump(references))

    def _module(self) -> ModuleType:
        return importlib.import_module(f"biblio.convert.{self.module}")


EXCHANGE_FORMATS: tuple[ExchangeFormat, ...] = (
    ExchangeFormat(
        "bibtex",
        "BibTeX",
        "BibLaTeX, UTF-8",
        "Zotero, JabRef, LaTeX",
        (".bib", ".bibtex"),
        "application/x-bibtex",
        "bibtex",
        "bibtex",
    ),
    ExchangeFormat(
        "ris",
        "RIS",
        "",
        "Zotero, EndNote, Mendeley",
        (".ris",),
        "application/x-research-info-systems",
        "ris",
        "ris",
    ),
    ExchangeFormat(
        "csljson",
        "CSL-JSON",
        "",
        "Zotero, Pandoc, styles CSL",
        (".json",),
        "application/vnd.citationstyles.csl+json",
        "csl",
        "csljson",
    ),
)
BY_NAME: dict[str, ExchangeFormat] = {f.name: f for f in EXCHANGE_FORMATS}


def by_suffix(name: str) -> ExchangeFormat | None:
    """The format a file name's suffix says, if any."""
    suffix = PurePath(name).suffix.lower()
    return next((f for f in EXCHANGE_FORMATS if suffix in f.suffixes), None)


def expected_formats() -> str:
    """« BibTeX (.bib), RIS (.ris) ou CSL-JSON (.json) », for messages."""
    names = [f"{f.label} ({f.suffix})" for f in EXCHANGE_FORMATS]
    return ", ".join(names[:-1]) + " ou " + names[-1]
