"""The transcription against the bibliography's own text (shared/seeds, issue 3)."""

from __future__ import annotations

import json
import re

import pytest

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
        if paragraph.startswith(("*Figure", "[^")) or paragraph.strip() == "***":
            continue  # our marks for missing figures, note texts, the separator
        for item in re.split(r"^- ", paragraph, flags=re.MULTILINE):
            sentences += [s for s in _SENTENCE_END.split(flatten(item)) if s]
    return sentences


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
