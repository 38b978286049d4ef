"""Property-based tests: any text in a YAML record or a ``donnees/`` file gives records or
located diagnostics, never an exception. A bounded budget here; ``BIBLIO_FUZZ_EXAMPLES``
raises it for a longer run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblio.diagnostics import Diagnostic
from biblio.load.donnees import DATASETS, load_donnees
from biblio.load.files import SourceFile
from biblio.validate.perfile import check_file

EXAMPLES = int(os.environ.get("BIBLIO_FUZZ_EXAMPLES", "150"))
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of YAML and of records, so that random texts reach past the parser.
_PIECES = [
    "type: rapport\n",
    "titre: ",
    "auteurs:\n",
    "  - nom: ",
    "    prenom: ",
    "date: ",
    "url: https://example.org/",
    "commentaire: |\n  ",
    "termes: [",
    "section: ",
    "mots_cles:",
    "\n",
    "  ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "&a ",
    "*a ",
    "!!str ",
    "!x ",
    "? ",
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "\t",
    "\x00",
    "\ufeff",
    "é",
    "2016",
    "2016-13",
    "null",
    "~",
    "true",
    "0x1F",
    "1e400",
    ".nan",
    "<<: *a\n",
    "[@x]",
    "[^1]",
    "<script>",
    "javascript:",
    "../",
    "\u0301",
    "\u202e",
]
yaml_like = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=40).map("".join)
any_text = st.text(max_size=300) | yaml_like


def _source(kind: str, name: str) -> SourceFile:
    return SourceFile(kind, Path("/nonexistent") / name, name)


def _located(problems: list[Diagnostic], fichier: str) -> None:
    for problem in problems:
        assert problem.fichier == fichier
        assert min(problem.ligne, problem.colonne) >= 1
        assert "\n" not in problem.message
        assert problem.code[:1] in "FRXD"


@BUDGET
@given(text=any_text, kind=st.sampled_from(["reference", "terme", "section"]))
def test_any_text_in_a_yaml_record_gives_records_or_located_diagnostics(
    text: str, kind: str
) -> None:
    name = "dossier/fiche-1.yaml"
    result = check_file(_source(kind, name), text.encode("utf-8", "surrogatepass"))
    _located(result.problems, name)
    for entry in result.entries:
        assert entry.id == "fiche-1"


@BUDGET
@given(data=st.binary(max_size=200))
def test_any_bytes_in_a_yaml_record_give_diagnostics(data: bytes) -> None:
    result = check_file(_source("reference", "references/octets.yaml"), data)
    _located(result.problems, "references/octets.yaml")


def _shaped(shape: Any) -> st.SearchStrategy[Any]:
    """Values near ``shape``: often right, sometimes of another kind, a key left out."""
    scalar = st.none() | st.integers(-5, 10**6) | st.text(max_size=12) | st.booleans()
    if isinstance(shape, dict):
        fields = {key.rstrip("?"): _shaped(value) for key, value in shape.items()}
        right = st.fixed_dictionaries({}, optional=fields)
        return right | scalar
    if isinstance(shape, list):
        return st.lists(_shaped(shape[0]), max_size=3) | scalar
    return scalar | st.lists(scalar, max_size=2)


def _load_one(name: str, text: str) -> list[Diagnostic]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / DATASETS[name].file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        datasets, problems = load_donnees(root, {"cres-paca-synthese-ateliers-2021"})
    assert (name in datasets) == (not problems)
    _located(problems, DATASETS[name].file)
    return problems


@BUDGET
@given(name=st.sampled_from(sorted(DATASETS)), text=any_text)
def test_any_text_in_a_data_file_gives_data_or_located_diagnostics(name: str, text: str) -> None:
    _load_one(name, text)


@BUDGET
@given(st.data())
def test_data_files_of_nearly_the_right_shape_give_data_or_located_diagnostics(
    data: st.DataObject,
) -> None:
    name = data.draw(st.sampled_from(sorted(DATASETS)))
    shape = DATASETS[name].shape
    value = data.draw(_shaped(shape))
    _load_one(name, yaml.safe_dump(value, allow_unicode=True))
