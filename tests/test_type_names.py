"""Every document type of each exchange format maps to one of ours (lists from the specs)."""

from __future__ import annotations

import pytest

from biblio.convert import bibtex, csljson, ris
from biblio.importing import plan_import
from biblio.model import Corpus
from biblio.schema import TYPES_BY_ID
from biblio.type_names import BIBLATEX_TYPES, CSL_TYPES, RIS_TYPES, ris_code

# biblatex manual (v3.x) §2.1.1 regular types, §2.1.2 non-standard types, §2.1.3 aliases.
BIBLATEX_SPEC = [
    "article",
    "book",
    "mvbook",
    "inbook",
    "bookinbook",
    "suppbook",
    "booklet",
    "collection",
    "mvcollection",
    "incollection",
    "suppcollection",
    "dataset",
    "manual",
    "misc",
    "online",
    "patent",
    "periodical",
    "suppperiodical",
    "proceedings",
    "mvproceedings",
    "inproceedings",
    "reference",
    "mvreference",
    "inreference",
    "report",
    "set",
    "software",
    "thesis",
    "unpublished",
    "customa",
    "customb",
    "customc",
    "customd",
    "custome",
    "customf",
    "artwork",
    "audio",
    "bibnote",
    "commentary",
    "image",
    "jurisdiction",
    "legislation",
    "legal",
    "letter",
    "movie",
    "music",
    "performance",
    "review",
    "standard",
    "video",
    "conference",
    "electronic",
    "mastersthesis",
    "phdthesis",
    "techreport",
    "www",
]
# RIS format specification (Research Information Systems, 2011): the TY codes.
RIS_SPEC = [
    "ABST",
    "ADVS",
    "AGGR",
    "ANCIENT",
    "ART",
    "BILL",
    "BLOG",
    "BOOK",
    "CASE",
    "CHAP",
    "CHART",
    "CLSWK",
    "COMP",
    "CONF",
    "CPAPER",
    "CTLG",
    "DATA",
    "DBASE",
    "DICT",
    "EBOOK",
    "ECHAP",
    "EDBOOK",
    "EJOUR",
    "ELEC",
    "ENCYC",
    "EQUA",
    "FIGURE",
    "GEN",
    "GOVDOC",
    "GRANT",
    "HEAR",
    "ICOMM",
    "INPR",
    "JFULL",
    "JOUR",
    "LEGAL",
    "MANSCPT",
    "MAP",
    "MGZN",
    "MPCT",
    "MULTI",
    "MUSIC",
    "NEWS",
    "PAMP",
    "PAT",
    "PCOMM",
    "RPRT",
    "SER",
    "SLIDE",
    "SOUND",
    "STAND",
    "STAT",
    "THES",
    "UNBILL",
    "UNPB",
    "VIDEO",
]
# Written-out names: EndNote's reference types and rispy's names of the codes.
RIS_NAMES = [
    "Journal Article", "Book", "Book Section", "Edited Book", "Electronic Book",
    "Electronic Book Section", "Electronic Article", "Conference Paper",
    "Conference Proceedings", "Report", "Thesis", "Web Page", "Generic", "Newspaper Article",
    "Magazine Article", "Government Document", "Statute", "Bill", "Case",
    "Legal Rule or Regulation", "Manuscript", "Unpublished Work", "Personal Communication",
    "Dataset", "Computer Program", "Audiovisual Material", "Film or Broadcast", "Artwork",
    "Chart or Table", "Equation", "Figure", "Hearing", "Map", "Online Database",
    "Online Multimedia", "Pamphlet", "Patent", "Serial", "Standard", "Catalog", "Ancient Text",
    "Classical Work", "Dictionary", "Encyclopedia", "Grant", "Interview", "Music",
    "Aggregated Database", "Blog", "Press Release", "Podcast",
    "Abstract", "Art Work", "Whole book", "Book chapter", "Chart", "Conference proceeding",
    "Data file", "Internet Communication", "In Press", "Journal (full)", "Journal",
    "Motion picture", "Music score", "Newspaper", "Serial publication", "Slide",
    "Sound recording", "Thesis/Dissertation", "Unenacted Bill", "Video recording",
]  # fmt: skip
# CSL 1.0.2 item types.
CSL_SPEC = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
]


def test_every_biblatex_type_and_alias_is_mapped() -> None:
    assert [t for t in BIBLATEX_SPEC if t not in BIBLATEX_TYPES] == []
    assert set(BIBLATEX_TYPES.values()) <= TYPES_BY_ID.keys()


def test_every_ris_code_and_written_out_name_is_mapped() -> None:
    assert [t for t in RIS_SPEC if t not in RIS_TYPES] == []
    assert [n for n in RIS_NAMES if ris_code(n) is None] == []
    assert ris_code("  journal   ARTICLE ") == "JOUR"
    assert set(RIS_TYPES.values()) <= TYPES_BY_ID.keys()


def test_every_csl_type_is_mapped() -> None:
    assert len(CSL_SPEC) == 45
    assert [t for t in CSL_SPEC if t not in CSL_TYPES] == []
    assert set(CSL_TYPES.values()) <= TYPES_BY_ID.keys()


def test_our_types_are_written_with_names_their_format_reads_back() -> None:
    for spec in TYPES_BY_ID.values():
        assert spec.biblatex in BIBLATEX_TYPES
        assert spec.ris in RIS_TYPES
        assert spec.csl in CSL_TYPES


def _import(module: object, text: str) -> list[tuple[str, str]]:
    records, problems = module.parse(text, "x")  # type: ignore[attr-defined]
    assert [d for d in problems if d.gravite == "erreur"] == []
    for raw in records:
        raw.exchange_format = {bibtex: "bibtex", ris: "ris", csljson: "csljson"}[module]
    plan = plan_import(Corpus(), records, "2026-01-01")
    return [(c.reference.type, module.dump([c.reference])) for c in plan.created]  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry_type", BIBLATEX_SPEC)
def test_a_biblatex_type_comes_back_from_an_export(entry_type: str) -> None:
    ((doc_type, exported),) = _import(bibtex, f"@{entry_type}{{k, title = {{T}}, year = 2020}}")
    assert doc_type == BIBLATEX_TYPES[entry_type]
    assert exported.startswith(f"@{entry_type}{{")


@pytest.mark.parametrize("written", [*RIS_SPEC, *RIS_NAMES])
def test_a_ris_type_comes_back_from_an_export(written: str) -> None:
    ((doc_type, exported),) = _import(ris, f"TY  - {written}\nTI  - T\nPY  - 2020\nER  - \n")
    assert doc_type == RIS_TYPES[ris_code(written) or ""]
    assert exported.startswith(f"TY  - {written}\n")


@pytest.mark.parametrize("csl_type", CSL_SPEC)
def test_a_csl_type_comes_back_from_an_export(csl_type: str) -> None:
    item = (
        f'[{{"id": "k", "type": "{csl_type}", "title": "T", "issued": {{"date-parts": [[2020]]}}}}]'
    )
    ((doc_type, exported),) = _import(csljson, item)
    assert doc_type in (CSL_TYPES[csl_type], "guide", "synthese", "dossier-documentaire")
    assert f'"type": "{csl_type}"' in exported


def test_an_unknown_type_goes_to_the_nearest_and_is_kept() -> None:
    ((doc_type, exported),) = _import(bibtex, "@thing{k, title = {T}, year = 2020}")
    assert doc_type == "document"
    assert exported.startswith("@thing{")
    ((doc_type, exported),) = _import(ris, "TY  - WHATEVER\nTI  - T\nER  - \n")
    assert (doc_type, exported.splitlines()[0]) == ("document", "TY  - WHATEVER")
