"""Import rules: values normalised, keys and macros, bounds, writers that cannot be injected."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from biblio.cli import main
from biblio.convert import bibtex, csljson, ris
from biblio.convert.normalise import bare_doi, decode_text, normalise
from biblio.importing import plan_import, read_entries
from biblio.load.raw import RawRecord
from biblio.load.yaml_tree import Marks
from biblio.model import Corpus, Person, Position, Reference
from biblio.validate.record import check_record

TODAY = "2026-01-01"


def _normalised(**data: object) -> tuple[dict[str, object], list[str]]:
    raw = RawRecord("reference", "k", dict(data), Marks("x"), Position("x"))
    problems = normalise(raw)
    return raw.data, [d.format() for d in problems]


@pytest.mark.parametrize(
    ("written", "bare"),
    [
        ("http://dx.doi.org/10.1002/abc.123", "10.1002/abc.123"),
        ("https://doi.org/10.1002/abc", "10.1002/abc"),
        ("doi:10.1002/abc", "10.1002/abc"),
        ("DOI: 10.1002/abc", "10.1002/abc"),
        ("http://doi.acm.org/10.1145/1137627", "10.1145/1137627"),
        ("10.1002/abc", "10.1002/abc"),
    ],
)
def test_a_doi_is_kept_bare(written: str, bare: str) -> None:
    assert bare_doi(written) == bare
    assert _normalised(doi=written)[0]["doi"] == bare


def test_several_isbn_or_issn_in_one_field_become_a_list() -> None:
    data, _ = _normalised(issn="0014-2085, 1492-1405", isbn="978-2-1234-5680-3 (br.)")
    assert data["issn"] == ["0014-2085", "1492-1405"]
    assert data["isbn"] == "978-2-1234-5680-3"
    data, _ = _normalised(isbn="2-218-05069-2; 9782218050693")
    assert data["isbn"] == ["2-218-05069-2", "9782218050693"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("214", {"nombre_pages": 214}),
        ("214 p.", {"nombre_pages": 214}),
        ("xviii+214", {"pagination": "xviii+214"}),
        ("XVIII-2187", {"pagination": "XVIII-2187"}),
    ],
)
def test_a_page_count_as_printed_is_kept_as_text(written: str, expected: dict[str, object]) -> None:
    data, _ = _normalised(nombre_pages=written)
    assert {k: v for k, v in data.items() if k in ("nombre_pages", "pagination")} == expected


def test_entities_and_latex_left_in_values_are_decoded() -> None:
    assert decode_text("Sant&eacute; &amp; soins &#233;") == "Santé & soins é"
    assert decode_text("Sant{\\'e} publique") == "Santé publique"
    assert decode_text("pas de balise & ici") == "pas de balise & ici"
    data, _ = _normalised(titre="R&amp;D", url="https://x.fr/?a=1&amp;b=2")
    assert data == {"titre": "R&D", "url": "https://x.fr/?a=1&amp;b=2"}  # codes stay as written


def test_control_characters_are_dropped_and_reported() -> None:
    data, problems = _normalised(titre="Bell\u0007 and\u0000 tab\tok", commentaire="a\r\nb")
    assert data["titre"] == "Bell and tab ok"
    assert data["commentaire"] == "a\nb"
    assert problems == [
        "x:1:1: avertissement: 2 caractère(s) de contrôle retiré(s) de « titre » (invisibles, "
        "sans place dans une fiche) [F012]"
    ]


# A « string bomb »: ten lines that expand to gigabytes (MemoryError before the bound).
BOMB = "\n".join(
    ['@string{s0 = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}']
    + [f"@string{{s{i} = {' # '.join([f's{i - 1}'] * 16)}}}" for i in range(1, 9)]
    + ["@article{a, title = s8, journal = {J}, year = 2020}"]
)


def test_a_string_bomb_gets_a_located_error_quickly() -> None:
    start = time.monotonic()
    records, problems = bibtex.parse(BOMB, "bombe.bib")
    assert time.monotonic() - start < 2
    assert [d.format() for d in problems][:1] == [
        "bombe.bib:5:1: erreur: notice illisible : ses macros @string donneraient plus de "
        "1\u202f000\u202f000 caractères (macros imbriquées en boucle ?) [F013]"
    ]
    assert [r.id for r in records] == ["a"]


def test_a_string_bomb_in_the_base_is_reported_by_valider(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_copy / "references" / "bombe.bib").write_text(BOMB, encoding="utf-8")
    assert main(["valider", "--racine", str(base_copy)]) == 1
    assert "references/bombe.bib:5:1: erreur: notice illisible" in capsys.readouterr().out


def test_a_string_bomb_is_refused_by_importer(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bombe.bib").write_text(BOMB, encoding="utf-8")
    assert main(["importer", str(tmp_path / "bombe.bib"), "--racine", str(base_copy)]) == 1
    assert f"refusée : {tmp_path / 'bombe.bib'}:5:1 — notice illisible" in capsys.readouterr().out


def test_deeply_nested_json_gets_a_located_error() -> None:
    records, problems = csljson.parse("[" * 100_000 + "]" * 100_000, "profond.json")
    assert records == []
    assert [d.format() for d in problems] == [
        "profond.json:1:201: erreur: JSON illisible : plus de 200 crochets ou accolades "
        "imbriqués [F013]"
    ]


def test_one_broken_bibtex_entry_does_not_hide_the_others() -> None:
    text = (
        "@article{a, title = {A}, journal = {J}, year = 2020}\n"
        "@article{b, title = {B} journal = {J}, year = 2020}\n"
        "@article{c, title = {C, journal = {J}, year = 2020\n"
        "@article{d, title = {D}, journal = {J}, year = 2020}\n"
    )
    records, problems = bibtex.parse(text, "x.bib")
    assert [r.id for r in records] == ["a", "d"]
    assert [(d.ligne, d.gravite, d.code) for d in problems] == [
        (2, "erreur", "F003"),
        (3, "erreur", "F003"),
    ]


def test_crossref_and_xdata_are_inherited_and_the_parent_imported_once() -> None:
    text = (
        "@incollection{child, title = {Chapitre}, crossref = {parent}, xdata = {pub}}\n"
        "@xdata{pub, publisher = {Presses}, location = {Rennes}}\n"
        "@book{parent, title = {Le livre}, author = {Dupont, Jean}, year = 2019}\n"
    )
    records, problems = bibtex.parse(text, "x.bib")
    assert problems == []
    child, parent = records
    assert (child.id, parent.id) == ("child", "parent")
    assert child.data["publication"] == "Le livre"  # the parent's title is the book title
    assert (child.data["date"], child.data["editeurs"], child.data["lieu"]) == (
        "2019",
        ["Presses"],
        "Rennes",
    )
    assert child.data["complements"]["bibtex:bookauthor"] == "Dupont, Jean"


def test_an_unknown_crossref_is_a_warning() -> None:
    _, problems = bibtex.parse("@inbook{c, title = {T}, crossref = {absent}}", "x.bib")
    assert [d.format() for d in problems] == [
        "x.bib:1:1: avertissement: notice « absent » (crossref ou xdata) introuvable dans le "
        "fichier [F014]"
    ]


def test_an_entry_missing_what_the_schema_requires_comes_in_as_a_draft() -> None:
    records, _ = bibtex.parse("@article{a, author = {Dupont, Jean}, year = 2020}", "x.bib")
    records[0].exchange_format = "bibtex"
    plan = plan_import(Corpus(), records, TODAY)
    (created,) = plan.created
    assert created.draft
    assert created.missing == ("titre", "publication")
    assert created.text.endswith("brouillon: true\n# À compléter : titre, publication\n")


# Values a writer must escape: line breaks, tag lines, braces, @, %, quotes, backslashes.
HOSTILE = 'a}b{c @article{x, "q" %p \\d ER - TY - JOUR'
HOSTILE_LINES = "l1\nER  - \nTY  - JOUR\nTI  - injecté\n@article{x,\n}\n\\ER  - %"


def _hostile_reference() -> Reference:
    return Reference(
        id="hostile",
        type="chapitre",
        titre=HOSTILE,
        position=Position("x"),
        genre=HOSTILE,
        auteurs=(Person(nom=HOSTILE, prenom=HOSTILE), Person(organisation=HOSTILE)),
        editeurs=(HOSTILE, HOSTILE_LINES),
        publication=HOSTILE,
        volume=HOSTILE,
        numero_revue=HOSTILE,
        pages=HOSTILE,
        lieu=HOSTILE,
        pagination=HOSTILE,
        groupe=HOSTILE,
        date="2020",
        url="https://x.fr/a}b%c@d",
        commentaire=HOSTILE_LINES,
        mots_cles=(HOSTILE_LINES,),
        complements=(("bibtex:note", HOSTILE_LINES), ("csl:note", HOSTILE_LINES)),
        brouillon=True,
    )


def _as_carried(text: str, module: object) -> str:
    """What a format can carry of a multi-line text: BibTeX collapses runs of spaces, RIS
    drops the spaces that end a line; CSL-JSON carries everything."""
    if module is bibtex:
        return "\n".join(" ".join(line.split()) for line in text.split("\n"))
    if module is ris:
        return "\n".join(line.rstrip() for line in text.split("\n"))
    return text


@pytest.mark.parametrize("module", [bibtex, ris, csljson], ids=["bibtex", "ris", "csljson"])
def test_no_value_breaks_out_of_its_record(module: object) -> None:
    ref = _hostile_reference()
    text = module.dump([ref, ref])  # type: ignore[attr-defined]
    records, problems = module.parse(text, "x")  # type: ignore[attr-defined]
    assert [d for d in problems if d.gravite == "erreur"] == []
    assert len(records) == 2
    values, record_problems = check_record(records[0])
    assert [d for d in record_problems if d.gravite == "erreur"] == []
    for name in ("titre", "genre", "publication", "volume", "numero_revue", "lieu", "url"):
        assert values[name] == getattr(ref, name), name
    assert values["commentaire"] == _as_carried(HOSTILE_LINES, module)
    assert values["auteurs"] == ref.auteurs
    # A list item keeps its text; RIS writes it on one line (each line would be an item).
    one_line = " ".join(HOSTILE_LINES.split()) if module is ris else None
    assert values["editeurs"] == (HOSTILE, one_line or _as_carried(HOSTILE_LINES, module))


def test_a_ris_value_cannot_inject_a_record() -> None:
    ref = _hostile_reference()
    text = ris.dump([ref])
    assert re.findall("^(?:TY|ER)  - ", text, re.MULTILINE) == ["TY  - ", "ER  - "]
    assert "\n\\ER  - \n" in text


def test_a_multi_line_bibtex_value_keeps_its_entry_closed() -> None:
    text = bibtex.dump([_hostile_reference()])
    assert "\n@article" not in text
    assert json.loads(csljson.dump([_hostile_reference()]))[0]["title"] == HOSTILE


def test_duplicate_ris_and_csl_ids_get_distinct_records(tmp_path: Path) -> None:
    entries, _ = read_entries(
        b"TY  - JOUR\nID  - a\nTI  - A\nER  - \nTY  - JOUR\nID  - a\nTI  - B\nER  - \n", "x.ris"
    )
    plan = plan_import(Corpus(), entries, TODAY)
    assert len({c.reference.id for c in plan.created}) == 2


def test_authors_written_with_initials_and_no_comma_are_people() -> None:
    text = (
        "TY  - JOUR\nTI  - T\nAU  - Liu R.\nAU  - Adler D.G.\n"
        "AU  - Haute Autorité de santé\nER  - \n"
    )
    (raw,), _ = ris.parse(text, "x.ris")
    assert raw.data["auteurs"] == [
        {"nom": "Liu", "prenom": "R."},
        {"nom": "Adler", "prenom": "D.G."},
        {"organisation": "Haute Autorité de santé"},
    ]
    organisation = Reference(
        id="o",
        type="rapport",
        titre="T",
        position=Position("x"),
        auteurs=(Person(organisation="Agence X Y"),),
    )
    (again,), _ = ris.parse(ris.dump([organisation]), "x.ris")
    assert again.data["auteurs"] == [{"organisation": "Agence X Y"}]


def test_language_names_of_real_exports_are_understood() -> None:
    text = "@book{a, title = {T}, year = 2020, langid = {australian}}\n"
    text += "@book{b, title = {U}, year = 2020, language = {Dutch}}\n"
    records, _ = bibtex.parse(text, "x.bib")
    assert [r.data["langue"] for r in records] == ["en", "nl"]


def test_a_section_or_term_the_base_lacks_is_set_aside(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    item = {
        "id": "x",
        "type": "report",
        "title": "Rapport",
        "issued": {"date-parts": [[2020]]},
        "note": "biblio:section: ailleurs\nbiblio:termes: inconnu",
    }
    (tmp_path / "x.json").write_text(json.dumps([item]), encoding="utf-8")
    assert main(["importer", str(tmp_path / "x.json"), "--racine", str(base_copy)]) == 0
    out = capsys.readouterr().out
    assert "valeur de « section » mise de côté dans « complements » : « ailleurs » [R011]" in out
    assert "validation des fiches créées : 0 erreur, 0 avertissement" in out


def test_entries_without_a_key_get_one_from_their_line() -> None:
    text = "@string{j = {Cell}}\n@article{, title = {A}, journal = j}\n@article{\n title = {B}}\n"
    records, problems = bibtex.parse(text, "x.bib")
    assert problems == []
    assert [(r.id, r.data["titre"]) for r in records] == [("sans-cle-2", "A"), ("sans-cle-3", "B")]
    assert records[0].data["publication"] == "Cell"


def test_a_bibtex_value_is_decoded_once() -> None:
    ref = Reference(id="b", type="rapport", titre="C:\\dossier{x} \\'e", position=Position("x"))
    (raw,), _ = bibtex.parse(bibtex.dump([ref]), "x.bib")
    assert raw.data["titre"] == "C:\\dossier{x} \\'e"


def test_a_file_without_any_ris_record_is_refused_not_ignored() -> None:
    records, problems = ris.parse(
        "FN Clarivate Analytics Web of Science\nPT J\nTI x\nER\n", "w.ris"
    )
    assert records == []
    assert [(d.gravite, d.code) for d in problems] == [("erreur", "F003")]
    assert "Web of Science" in problems[0].message
    assert ris.parse("\n\n", "vide.ris") == ([], [])


def test_a_bib_file_without_any_entry_is_refused() -> None:
    records, problems = read_entries(b"Ceci n'est pas un export.\n", "notes.bib")
    assert records == []
    assert [d.format() for d in problems] == [
        "notes.bib:1:1: erreur: fichier illisible : aucune notice BibTeX (« @type{clé, … } ») "
        "dans le fichier [F003]"
    ]


def test_a_repeated_field_is_a_warning_and_the_first_is_read() -> None:
    records, problems = bibtex.parse("@article{k, title={A}, title={B}, year=2020}", "x.bib")
    assert [r.data["titre"] for r in records] == ["A"]
    assert [d.format() for d in problems] == [
        "x.bib:1:1: avertissement: champ « title » répété dans la notice : le premier est lu [F014]"
    ]


def test_title_less_entries_are_duplicates_only_when_they_say_the_same() -> None:
    text = "TY  - GEN\nN1  - a\nER  - \nTY  - BOOK\nN1  - b\nER  - \nTY  - GEN\nN1  - a\nER  - \n"
    entries, _ = read_entries(text.encode(), "x.ris")
    plan = plan_import(Corpus(), entries, TODAY)
    assert (len(plan.created), len(plan.skipped)) == (2, 1)
    assert plan.skipped[0].reason.endswith("(notice sans titre au contenu identique)")


def test_a_no_break_space_survives_bibtex() -> None:
    ref = Reference(id="n", type="rapport", titre="Volume\u00a02 ~x", position=Position("x"))
    (raw,), _ = bibtex.parse(bibtex.dump([ref]), "x.bib")
    assert raw.data["titre"] == "Volume\u00a02 ~x"


def test_of_several_ris_dates_the_first_that_is_a_date_is_read_and_the_others_kept() -> None:
    # As in JabRef's test file ris-jabref-importer-test1.ris: placeholders before the date.
    text = "TY  - JOUR\nTI  - T\nPY  - 99\nPY  - YEAR/MONTH/DAY/\nPY  - 2001/09/01/\nER  - \n"
    (record,), _ = ris.parse(text, "x.ris")
    assert record.data["date"] == "2001-09-01"
    assert record.data["complements"] == {"ris:PY": "99\nYEAR/MONTH/DAY/"}
    # None is a date: the first is read, to be reported (and set aside) by the importer.
    (record,), _ = ris.parse("TY  - JOUR\nPY  - 99\nPY  - ///\nER  - \n", "x.ris")
    assert record.data["date"] == "99"
    assert record.data["complements"] == {"ris:PY": "///"}


def test_a_ris_date_beside_our_date_note_is_kept_unless_derived_from_it() -> None:
    # Our export of a season writes PY 2017 and the exact date in a note: PY is derived.
    text = "TY  - JOUR\nTI  - T\nPY  - 2017\nN1  - biblio:date: 2017-21\nER  - \n"
    (record,), _ = ris.parse(text, "x.ris")
    assert record.data["date"] == "2017-21"
    assert "complements" not in record.data
    # A date the first import set aside (its note) and a PY line it kept: the PY line is not
    # the date, and is not lost either (it was, read as the date then replaced by the note).
    text = "TY  - JOUR\nTI  - T\nN1  - biblio:date: 99\nPY  - vers 2017\nER  - \n"
    (record,), _ = ris.parse(text, "x.ris")
    assert record.data["date"] == "99"
    assert record.data["complements"] == {"ris:PY": "vers 2017"}
