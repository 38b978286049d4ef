"""The editor's configuration is the schema's (fields, widgets, vocabularies, patterns), its
patterns accept every value of the repository's records, the YAML the editor writes loads and
validates, and the built site serves the generated configuration out of search and addresses."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from biblio import schema
from biblio.editor import CONFIG, PAGE, editor_files, settings_from_env
from biblio.render.editor_config import (
    DATE_PATTERN,
    EditorSettings,
    editor_config,
    editor_config_text,
)
from biblio.validate.runner import load_base
from conftest import REPO

WIDGETS = {
    schema.TEXT: "string",
    schema.MARKDOWN: "markdown",
    schema.INTEGER: "number",
    schema.BOOLEAN: "boolean",
    schema.TEXTS: "list",
    schema.DATE: "string",
    schema.FULL_DATE: "string",
    schema.URL: "string",
    schema.PERSONS: "list",
    schema.VOCABULARY: "select",
    schema.IDENTIFIER: "string",
    schema.IDENTIFIERS: "list",
    schema.REFERENCE_IDS: "relation",
    schema.TERM_IDS: "relation",
    schema.SECTION_ID: "relation",
}


def _collections() -> dict[str, dict[str, Any]]:
    config = editor_config(EditorSettings())
    return {c["folder"]: c for c in config["collections"]}


def _fields(kind: str) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in _collections()[schema.FOLDERS[kind]]["fields"]}


@pytest.mark.parametrize("kind", sorted(schema.FIELDS_BY_KIND))
def test_every_field_of_the_schema_has_its_widget_label_and_hint(kind: str) -> None:
    fields = _fields(kind)
    for spec in schema.FIELDS_BY_KIND[kind]:
        if spec.kind == schema.MAPPING:
            assert spec.name not in fields  # an import's free keys: kept in the file as they are
            continue
        form = fields[spec.name]
        if spec.name != "id":
            assert form["widget"] == WIDGETS[spec.kind], spec.name
            assert (form["label"], form["required"]) == (spec.label, spec.required)
            assert form["hint"].startswith(spec.doc)
    assert fields["id"]["required"] is True


def test_vocabularies_relations_and_markdown_fidelity() -> None:
    references = _fields("reference")
    options = references["type"]["options"]
    assert {o["value"]: o["label"] for o in options} == schema.VOCABULARIES["types"].values
    assert (references["termes"]["collection"], references["termes"]["multiple"]) == (
        "glossaire",
        True,
    )
    assert (references["section"]["collection"], references["section"]["multiple"]) == (
        "sections",
        False,
    )
    assert _fields("terme")["sources"]["collection"] == "references"
    assert _fields("section")["parent"]["collection"] == "sections"
    # Only the raw Markdown editor: the rich one would rewrite citations and notes.
    assert references["commentaire"]["modes"] == ["raw"]
    assert "Obligatoire pour : Rapport" in references["date"]["hint"]
    collection = _collections()["references"]
    assert (collection["slug"], collection["extension"]) == ("{{fields.id}}", "yaml")
    assert collection["view_filters"][0]["field"] == "brouillon"


def _form_pattern(form: dict[str, Any]) -> str | None:
    item = form.get("field", form)
    return item["pattern"][0] if "pattern" in item else None


def test_the_form_patterns_accept_every_value_of_the_repository() -> None:
    """A pattern that refused a valid value would stop a documentalist editing a record."""
    report = load_base(REPO)
    patterns = 0
    for kind, records in (
        ("reference", report.corpus.references),
        ("terme", report.corpus.terms),
        ("section", report.corpus.sections),
    ):
        for name, form in _fields(kind).items():
            pattern = _form_pattern(form)
            if pattern is None or name == "id":
                continue
            patterns += 1
            for record in records:
                value = getattr(record, name, None)
                for item in value if isinstance(value, tuple) else [value]:
                    if item:
                        assert re.search(pattern, str(item)), (record.id, name, item)
        for record in records:
            assert re.search(_fields(kind)["id"]["pattern"][0], record.id)
    assert patterns >= 10


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("2016", True),
        ("2016-11", True),
        ("2016-11-30", True),
        ("2017-21", True),
        ("2017/..", True),
        ("../2017", True),
        ("2017?", True),
        ("201X", True),
        ("-0100", True),
        ("s.d.", True),
        ("XIIIe siècle", True),  # words: the validator keeps them with a warning (R010)
        ("2016-13", False),
        ("2016-00", False),
        ("2016-25", False),
        ("2016-02-32", False),
        ("2016-02-00", False),
    ],
)
def test_the_date_pattern_refuses_only_impossible_months_and_days(
    value: str, accepted: bool
) -> None:
    assert bool(re.search(DATE_PATTERN, value)) is accepted


# A file as Decap CMS 3.16 wrote it in the browser test (its YAML: block scalar, lists).
WRITTEN_BY_THE_EDITOR = """\
id: cres-paca-2024-essai
type: rapport
titre: Essai d’une fiche créée dans l’éditeur
auteurs:
  - organisation: CRES Provence-Alpes-Côte d'Azur
date: 2024-03-05
url: https://www.cres-paca.org/essai
section: acces-a-la-sante
commentaire: |-
  Un **commentaire** qui cite [@rojouan-2022].

  Second paragraphe.
termes:
  - cls
  - msp
"""


def test_what_the_editor_writes_loads_and_validates(repo_copy: Path) -> None:
    path = repo_copy / "references" / "cres-paca-2024-essai.yaml"
    path.write_text(WRITTEN_BY_THE_EDITOR, encoding="utf-8")
    report = load_base(repo_copy)
    assert [d.format() for d in report.diagnostics if "cres-paca" in d.fichier] == []
    (ref,) = (r for r in report.corpus.references if r.id == "cres-paca-2024-essai")
    assert (ref.date, ref.termes) == ("2024-03-05", ("cls", "msp"))
    assert ref.commentaire.startswith("Un **commentaire**")


def test_settings_from_the_environment() -> None:
    assert settings_from_env({}) == EditorSettings()
    hosted = settings_from_env({"BIBLIO_EDITEUR_DEPOT": "gitlab:reseau/biblio"})
    assert (hosted.host, hosted.repo, hosted.branch) == ("gitlab", "reseau/biblio", "main")
    config = editor_config(hosted)
    assert config["backend"]["name"] == "gitlab"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"
    with pytest.raises(ValueError, match="BIBLIO_EDITEUR_DEPOT"):
        settings_from_env({"BIBLIO_EDITEUR_DEPOT": "bitbucket:x/y"})
    with pytest.raises(ValueError, match="port invalide"):
        settings_from_env({"BIBLIO_EDITEUR_PORT": "80a"})


def test_without_the_npm_packages_the_page_says_so_in_french(tmp_path: Path) -> None:
    files = editor_files(tmp_path, EditorSettings())
    assert set(files) == {PAGE, CONFIG}
    assert "L’éditeur n’est pas installé" in files[PAGE]
    assert '<meta name="robots" content="noindex, nofollow">' in files[PAGE]
    assert "<script" not in files[PAGE]


def test_the_built_site_serves_the_generated_configuration_out_of_search_and_addresses(
    built_site: Path,
) -> None:
    served = (built_site / CONFIG).read_text(encoding="utf-8")
    assert served == editor_config_text(settings_from_env(os.environ))
    assert yaml.safe_load(served)["locale"] == "fr"
    page = (built_site / PAGE).read_text(encoding="utf-8")
    assert "noindex" in page
    assert "data-pagefind-body" not in page  # Pagefind indexes only the pages that carry it
    assert "data-pagefind-body" in (built_site / "index.html").read_text(encoding="utf-8")
    assert "/admin/" not in (built_site / "urls.txt").read_text(encoding="utf-8").split()
    assert "admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    link = re.compile(r'href="(?:\.\./)*/?admin/')
    for reader_page in built_site.rglob("*.html"):
        if reader_page.parent.name != "admin":
            assert not link.search(reader_page.read_text(encoding="utf-8")), reader_page


def test_biblio_editeur_prints_or_writes_the_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from biblio.cli import main

    monkeypatch.delenv("BIBLIO_EDITEUR_DEPOT", raising=False)
    monkeypatch.delenv("BIBLIO_EDITEUR_PORT", raising=False)
    assert main(["editeur", "--racine", str(REPO)]) == 0
    assert capsys.readouterr().out == editor_config_text(EditorSettings())
    out = tmp_path / "config.yml"
    assert main(["editeur", "--racine", str(REPO), "-o", str(out)]) == 0
    assert main(["editeur", "--racine", str(REPO), "-o", str(out)]) == 2  # never overwritten
    assert out.read_text(encoding="utf-8") == editor_config_text(EditorSettings())
    monkeypatch.setenv("BIBLIO_EDITEUR_DEPOT", "github")
    assert main(["editeur", "--racine", str(REPO)]) == 2
    assert "BIBLIO_EDITEUR_DEPOT : « github » invalide" in capsys.readouterr().err


def _all_patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        pattern = node.get("pattern")  # (a view filter's pattern is a value, not a regex)
        found = [pattern[0]] if isinstance(pattern, list) else []
        return found + [p for value in node.values() for p in _all_patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _all_patterns(value)]
    return []


def test_the_browser_reads_every_pattern_as_python_does() -> None:
    """Decap CMS compiles the patterns with JavaScript's RegExp: same answers as Python's."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node absent : .ci/run doit installer le paquet Debian nodejs")
        pytest.skip("node absent (paquet Debian nodejs ; obligatoire en CI)")
    patterns = sorted(set(_all_patterns(editor_config(EditorSettings()))))
    samples = ["2016-13", "2017-21", "2016-02-32", "s.d.", "10.1177/17579759", "0995-3914"]
    samples += ["SSAH2111132R", "JORFTEXT000020879475", "https://exemple.org/a", "motard-2016"]
    script = (
        "const [patterns, samples] = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(patterns.map(p => samples.map(s => new RegExp(p).test(s)))));"
    )
    argument = json.dumps([patterns, samples])
    result = subprocess.run(
        [node, "-e", script, argument], capture_output=True, text=True, check=True
    )
    expected = [[bool(re.search(p, s)) for s in samples] for p in patterns]
    assert json.loads(result.stdout) == expected
    assert len(patterns) >= 8
