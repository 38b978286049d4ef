"""Run by ``test_adding_a_field`` in a scratch copy of the package whose schema (and nothing
else) declares two more reference fields: ``collection``, named in every format, and
``public``, named in none. Copied there as a test module (this folder is not collected)."""

from __future__ import annotations

import json

from biblio import schema
from biblio.convert import base_json, bibtex, csljson, ris, yaml_record
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import parse_yaml
from biblio.model import Corpus, Position, Reference
from biblio.render.context import build_context
from biblio.render.editor_config import EditorSettings, editor_config
from biblio.render.reference_page import reference_markdown
from biblio.render.schema_page import render_schema_page
from biblio.validate.record import check_record
from test_every_field import FULL, SECTION, TERM

COLLECTION = "Les Dossiers de la DREES"


def test_the_schema_and_the_model_have_the_fields() -> None:
    names = [f.name for f in schema.REFERENCE_FIELDS]
    assert {"collection", "public"} <= set(names)
    assert (FULL.collection, FULL.public) == (COLLECTION, ("élus", "professionnels"))  # type: ignore[attr-defined]
    bare = Reference(id="x", type="rapport", titre="T", position=Position("x"))
    assert (bare.collection, bare.public) == ("", ())  # type: ignore[attr-defined]


def test_the_fields_are_validated() -> None:
    text = "type: rapport\ntitre: T\ndate: 2020\ncollection: [a, b]\npublic: {a: b}\ncolection: x\n"
    document = parse_yaml(text, "references/x.yaml")
    raw = RawRecord("reference", "x", document.data, document.marks, Position("x"))
    _, problems = check_record(raw)
    found = sorted((p.code, p.message) for p in problems)
    assert [code for code, _ in found] == ["R001", "R003", "R003"], found
    assert "vouliez-vous dire « collection »" in found[0][1]
    assert found[1][1].startswith("« collection » doit être : texte")
    assert found[2][1] == "« public » : chaque élément doit être un texte non vide"


def test_each_format_writes_them_under_its_name_or_by_rule() -> None:
    assert f"series = {{{COLLECTION}}}" in bibtex.dump([FULL])
    assert "public = {élus, professionnels}" in bibtex.dump([FULL])
    assert f"T3  - {COLLECTION}\n" in ris.dump([FULL])
    assert "N1  - biblio:public: élus, professionnels\n" in ris.dump([FULL])
    (item,) = json.loads(csljson.dump([FULL]))
    assert item["collection-title"] == COLLECTION
    assert item["custom"]["public"] == ["élus", "professionnels"]
    assert f"collection: {COLLECTION}" in yaml_record.dump(FULL)


def test_the_page_and_the_json_dump_show_them() -> None:
    corpus = Corpus((FULL,), (TERM,), (SECTION,))  # type: ignore[arg-type]
    page = reference_markdown(FULL, build_context(corpus))
    assert f"| Collection | {COLLECTION} |" in page
    assert "| Public visé | élus, professionnels |" in page
    (item,) = json.loads(base_json.dump(corpus))["references"]
    assert item["collection-title"] == COLLECTION


def test_the_format_page_documents_them() -> None:
    page = render_schema_page()
    assert "| `collection` | `series` | `T3` | `collection-title` | ligne « Collection » |" in page
    assert "| `public` | `public` | note N1 | `custom` | ligne « Public visé » |" in page


def test_the_editor_offers_them() -> None:
    config = editor_config(EditorSettings())
    (references,) = [c for c in config["collections"] if c["name"] == "references"]
    fields = {f["name"]: f for f in references["fields"]}
    assert fields["collection"]["label"] == "Collection"
    assert fields["collection"]["widget"] == "string"
    assert fields["public"]["widget"] == "list"
