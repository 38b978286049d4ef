"""BibTeX files in references/ are read with pybtex, with their lines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.convert.bibtex import parse
from biblio.convert.latex import (
    balanced,
    escape_braces,
    latex_to_text,
    text_to_latex,
    unescape_braces,
)
from biblio.model import Person, Position
from biblio.validate.locate import FieldLocator
from biblio.validate.runner import load_base


def test_bib_entry_becomes_a_reference(base_copy: Path) -> None:
    report = load_base(base_copy)
    assert report.diagnostics == ()
    ref = next(r for r in report.corpus.references if r.id == "rapport-2021")
    assert ref.type == "rapport"
    assert ref.titre == "Dessiner la santé publique de demain"
    assert ref.auteurs == (
        Person(nom="Chauvin", prenom="Franck"),
        Person(organisation="Ministère des Solidarités"),
    )
    assert ref.editeurs == ("Ministère des Solidarités et de la santé",)
    assert (ref.date, ref.nombre_pages, ref.numero, ref.section) == ("2021-11", 157, 3, "textes")
    locate = FieldLocator(base_copy)
    assert locate.field(ref, "nombre_pages") == Position("references/zotero.bib", 6, 3)


def test_particles_year_month_and_newspaper() -> None:
    text = (
        "@article{clair-2022,\n"
        "  author = {Clair, Alice and de Rivet, Savinien},\n"
        "  title = {Pr{\\`e}s d'un quart des Fran{\\c c}ais},\n"
        "  journal = {Lib{\\'e}ration},\n  entrysubtype = {newspaper},\n"
        "  year = {2022}, month = {1},\n}\n"
    )
    records, problems = parse(text, "references/presse.bib")
    assert problems == []
    data = records[0].data
    assert data["type"] == "article-presse"
    assert data["auteurs"][1] == {"nom": "Rivet", "prenom": "Savinien", "particule": "de"}
    assert data["titre"] == "Près d'un quart des Français"
    assert data["date"] == "2022-01"


def test_a_field_with_no_home_is_kept_as_a_complement_with_its_line() -> None:
    records, problems = parse("@online{a,\n  title = {T},\n  file = {x.pdf},\n}\n", "r.bib")
    assert problems == []
    assert records[0].data["complements"] == {"bibtex:file": "x.pdf"}
    assert records[0].marks.value(("complements",)) == ("r.bib", 3, 3)


def test_duplicate_key_in_one_file() -> None:
    records, problems = parse("@online{a,\n title={T}}\n\n@online{a,\n title={U}}\n", "r.bib")
    assert [(r.id, r.data["titre"]) for r in records] == [("a", "T"), ("a-2", "U")]
    assert [d.format() for d in problems] == [
        "r.bib:4:1: avertissement: clé « a » en double dans le fichier (lignes 1 et 4) : la "
        "seconde notice est lue sous l'identifiant « a-2 » [F014]"
    ]


def test_a_duplicate_in_a_bib_file_points_at_its_own_entry(base_copy: Path) -> None:
    bib = base_copy / "references" / "zotero.bib"
    first = bib.read_text(encoding="utf-8")
    second = first.replace("rapport-2021", "rapport-bis").replace("numero = {3}", "numero = {44}")
    bib.write_text(first + "\n" + second, encoding="utf-8")
    report = load_base(base_copy)
    assert [d.format() for d in report.diagnostics] == [
        "references/zotero.bib:19:3: erreur: URL « https://solidarites-sante.gouv.fr/IMG/pdf/"
        "rapport_chauvin… » déjà utilisée par « rapport-2021 » (references/zotero.bib) [X003]"
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{}\\ab tx", max_size=30).map(lambda t: " ".join(t.split())))
def test_braces_are_escaped_one_way_and_read_back(text: str) -> None:
    escaped = escape_braces(text)
    assert balanced(escaped.replace(r"\{", "").replace(r"\}", ""))
    assert unescape_braces(escaped) == text
    assert latex_to_text(text_to_latex(text)) == text.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="-,'`!?<>{}\\~^%$&#_ aé", max_size=30).map(lambda t: " ".join(t.split())))
def test_any_text_we_write_in_latex_reads_back_as_typed(text: str) -> None:
    # TeX's input ligatures included: « -- » is no en dash, « ,, » no low quote.
    assert latex_to_text(text_to_latex(text)) == text
