"""The transcription against the bibliography's own text (shared/seeds, issue 3)."""

from __future__ import annotations

import json
import re

import pytest

from biblio.cite import format_citation
from biblio.cli import main
from biblio.model import Reference
from biblio.validate.corpus import normalise_url
from biblio.validate.runner import load_base
from conftest import REPO, flatten

SEEDS = REPO.parent / "shared" / "seeds"
BIBLIOGRAPHY = SEEDS / "003_dc926c5d450d5da6.txt"
NUMBERED = [r for r in load_base(REPO).corpus.references if r.numero]
# How the PDF marks where a commentary comes from, by our vocabulary value.
MARKERS = {
    "resume-bib-bop": re.compile(r"\[Résumé Bib-Bop\]", re.IGNORECASE),
    "resume-auteur": re.compile(r"\[Résumé (de l')?auteur\]"),
    "resume-editeur": re.compile(r"\[Résumé éditeur\]"),
}


@pytest.fixture(scope="module")
def printed() -> str:
    if not BIBLIOGRAPHY.exists():
        pytest.fail(f"source introuvable : {BIBLIOGRAPHY} (le dossier shared/ doit être à côté)")
    return flatten(BIBLIOGRAPHY.read_text(encoding="utf-8"))


def test_the_43_numbered_references_are_all_there() -> None:
    assert sorted(r.numero for r in NUMBERED) == list(range(1, 44))


@pytest.mark.parametrize("ref", NUMBERED, ids=lambda r: f"({r.numero}) {r.id}")
def test_commentary_is_the_printed_paragraph_with_its_source(ref: Reference, printed: str) -> None:
    commentary = flatten(ref.commentaire)
    assert commentary in printed
    after = printed[printed.index(commentary) + len(commentary) :].lstrip()
    marker = MARKERS.get(ref.source_commentaire)
    if marker is None:
        assert not after.startswith("[Résumé")
    else:
        assert marker.match(after), after[:40]


def _document_key(url: str) -> str:
    return normalise_url(url).split("#", 1)[0]


def test_every_printed_url_is_the_url_of_a_record(printed: str) -> None:
    corpus = load_base(REPO).corpus
    keys = {_document_key(r.url) for r in corpus.references if r.url}
    identifiers = {r.jorftext for r in corpus.references if r.jorftext}
    source = BIBLIOGRAPHY.read_text(encoding="utf-8")
    uncovered = set()
    for url in set(re.findall(r"https?://\S+", source)):
        jorftext = re.search(r"JORFTEXT\d{12}", url)
        if _document_key(url) in keys or (jorftext and jorftext.group(0) in identifiers):
            continue
        uncovered.add(url)
    assert uncovered == set()


def test_no_two_records_share_a_url() -> None:
    urls = [normalise_url(r.url) for r in load_base(REPO).corpus.references if r.url]
    assert len(urls) == len(set(urls))


_PAGE_HEADER = re.compile(
    r"Dynamiques territoriales de santé \(ASV, CLS, CLSM\) et exercice coordonné.{0,200}?"
    r"Retour au sommaire",
    re.DOTALL,
)
# A footnote's text, printed where the page ended, often in the middle of a paragraph.
_FOOTNOTE_TEXT = re.compile(
    r"\n *\n(?:\d{1,2} [^\n]*(?:\n[^\n]*){0,4}?(?:Consulter\.\.\.|\d p\.) *\n)+"
)
# Our corrections of the printed text (references/CORRECTIONS.md): ours → printed.
CORRECTED = {"238 CPTS en fonctionnement": "238 CTPS en fonctionnement"}
_SENTENCE_END = re.compile(r"(?<=[.!?…)\]])\s+(?=[A-ZÀ-Ý(])")


def _printed_pattern(sentence: str, numbers: dict[str, int | None]) -> str:
    """A sentence as the PDF prints it: « (n) » for [@id], a note number for [^…]."""
    for ours, printed in CORRECTED.items():
        sentence = sentence.replace(ours, printed)
    sentence = re.sub(r"\[@([\w:.-]+)\]", lambda m: f"({numbers[m.group(1)]})", sentence)
    pieces = re.split(r"\[\^@?[^\]]+\]", sentence)
    words = (r"\s*".join(re.escape(w) for w in flatten(p).split(" ")) for p in pieces)
    return r"\s*\d{0,2}\s*".join(words)


def _sentences(text: str) -> list[str]:
    sentences = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith((FIGURE_NOTE, "[^")) or paragraph.strip() == "***":
            continue  # our marks for missing figures, note texts, the separator
        for item in re.split(r"^- ", paragraph, flags=re.MULTILINE):
            sentences += [s for s in _SENTENCE_END.split(flatten(item)) if s]
    return sentences


# Where the printed edition has a figure the extraction lost: a sentence for readers, with the
# figure's source (not an internal note).
FIGURE_NOTE = "*Une figure de l’édition imprimée, non reproduite ici, illustre ce passage.*"


def test_figures_are_announced_to_readers_without_internal_notes() -> None:
    texts = [s.texte for s in load_base(REPO).corpus.sections]
    assert sum(t.count(FIGURE_NOTE) for t in texts) == 6
    assert not any("extraction" in t for t in texts)


def test_section_texts_are_the_printed_texts() -> None:
    source = BIBLIOGRAPHY.read_text(encoding="utf-8")
    printed_text = flatten(_FOOTNOTE_TEXT.sub("\n", _PAGE_HEADER.sub(" ", source)))
    corpus = load_base(REPO).corpus
    numbers = {r.id: r.numero for r in corpus.references}
    missing = [
        f"{section.id}: {sentence}"
        for section in corpus.sections
        for sentence in _sentences(section.texte)
        if not re.search(_printed_pattern(sentence, numbers), printed_text)
    ]
    assert missing == []


def test_export_lists_the_whole_bibliography(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exporter", "--format", "json", "--racine", str(REPO)]) == 0
    document = json.loads(capsys.readouterr().out)
    references = document["references"]
    numbered = [r for r in references if "numero" in r["custom"]]
    assert sorted(r["custom"]["numero"] for r in numbered) == list(range(1, 44))
    assert all(r["custom"].get("section") for r in numbered)
    sites = [r for r in references if r["custom"]["type"] == "site-ressource"]
    assert len(sites) == 13
    assert all(r["custom"]["section"] == "sites-ressource" for r in sites)
    assert len(document["glossaire"]) == 22
    assert len(references) > 43 + 13  # the sources of notes and captions too


# --- The 57 footnotes -----------------------------------------------------------------

# Footnotes that are cross-references inside the bibliography, not sources.
INTERNAL_NOTES = {7, 8}
# Footnotes that print, for a document the base already has, another form of its citation
# (the law's Journal officiel title, another capitalisation, a longer title): one record.
PRINTED_VARIANTS = {
    16: "atlas-cpts-2022",
    21: "loi-hpst-2009",
    30: "ordonnance-2021-584",
    32: "loi-hpst-2009",
    34: "loi-hpst-2009",
    38: "fts-enquete-exploratoire-2022",
    41: "urps-ml-paca-2021",
    47: "loi-modernisation-2016",  # its URL is the law's (JORFTEXT000031912641)
}
_NOTE_END = re.compile(r"Consulter\.\.\.|\d p\. *\n")


def _printed_footnotes() -> dict[int, str]:
    """Footnote n → its printed text; footnotes follow each other in the document."""
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    notes, position = {}, 0
    for number in range(1, 58):
        start = re.compile(rf"(?m)^{number} (?=[A-ZÉ’'])").search(text, position)
        assert start is not None, f"note {number} introuvable"
        end = _NOTE_END.search(text, start.end())
        assert end is not None
        stop = end.start() if end.group(0).startswith("Consulter") else end.end()
        notes[number] = flatten(text[start.end() : stop]).rstrip(" .")
        position = start.end()
    return notes


def test_every_footnote_of_the_bibliography_is_a_record_cited_by_a_text() -> None:
    report = load_base(REPO)
    citations = {
        flatten(format_citation(r).text).rstrip(" ."): r.id for r in report.corpus.references
    }
    texts = [s.texte for s in report.corpus.sections] + [t.definition for t in report.corpus.terms]
    cited = {m for text in texts for m in re.findall(r"(?<![\w.])@([a-z0-9][a-z0-9-]*)", text)}
    unmatched = {}
    for number, printed in _printed_footnotes().items():
        if number in INTERNAL_NOTES:
            continue
        record = PRINTED_VARIANTS.get(number) or citations.get(printed)
        if record is None or record not in cited:
            unmatched[number] = printed
    assert unmatched == {}
