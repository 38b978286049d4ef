"""Structured data from the other source documents (donnees/): shapes, and the data
against the documents' own text (shared/seeds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from biblio.load.donnees import WORKSHOP_COLUMNS, load_donnees
from biblio.validate.runner import load_base
from conftest import REPO

SURVEY = yaml.safe_load((REPO / "donnees" / "enquete-fts-2021.yaml").read_text(encoding="utf-8"))
WORKSHOP_FILE = REPO / "donnees" / "ateliers-cres-paca-2021.yaml"
WORKSHOP = yaml.safe_load(WORKSHOP_FILE.read_text(encoding="utf-8"))
WORKSHOP_SOURCE = REPO.parent / "shared" / "seeds" / "002_cbd4aa9c7336ac69.txt"


def test_the_repo_data_are_well_formed_and_loaded() -> None:
    references = {r.id for r in load_base(REPO).corpus.references}
    datasets, problems = load_donnees(REPO, references)
    assert problems == []
    assert sorted(datasets) == ["ateliers", "enquete"]
    assert load_base(REPO).donnees == datasets


def test_sources_are_records_of_the_base() -> None:
    references = {r.id for r in load_base(REPO).corpus.references}
    assert SURVEY["source"] in references
    assert WORKSHOP["source"] in references


def test_printed_percentages_follow_from_the_counts() -> None:
    figures = SURVEY["questionnaire"]["chiffres"]
    assert SURVEY["questionnaire"]["reponses"] == 94
    checked = [f for f in figures if "pourcentage" in f]
    assert len(checked) == 8
    for figure in checked:
        assert round(100 * figure["effectif"] / figure["base"]) == figure["pourcentage"], figure


def test_questions_and_levers_are_complete() -> None:
    # As printed on the slides: 6 themes, 2+2+4+2+3+2 questions, 5 levers.
    assert [len(t["questions"]) for t in SURVEY["questionnements"]] == [2, 2, 4, 2, 3, 2]
    assert len(SURVEY["leviers"]) == 5


# --- The workshop against its extraction -------------------------------------------------


def _workshop_text() -> str:
    if not WORKSHOP_SOURCE.exists():
        pytest.fail(f"source introuvable : {WORKSHOP_SOURCE} (le dossier shared/ doit être à côté)")
    return WORKSHOP_SOURCE.read_text(encoding="utf-8")


def _items(data: object) -> list[str]:
    if isinstance(data, dict):
        return [item for value in data.values() for item in _items(value)]
    if isinstance(data, list):
        return [item for value in data for item in _items(value)]
    return [str(data)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Lines of the extraction that are layout, not content (titles and headers of the tables,
# which the page prints from the data's column labels).
_LAYOUT = re.compile(
    r"^(\d+|Démarches Expertise.*|projets/les motivations|Freins|CPTS|ASV/CLSM/CLS|"
    r"Ce que les .*|Retranscription des silhouettes.*)$"
)


def _found(text: str, cut: bool, items: list[str], data: str) -> bool:
    """An item's first line starts one item (at a word's end, unless the line cuts a word);
    a continuation line is somewhere in the data."""
    if not text.startswith("- "):
        return text.removeprefix("• ") in data
    start = text[2:]
    return any(i == start or i.startswith(start if cut else start + " ") for i in items)


def test_every_line_of_the_tables_and_actions_is_in_the_data() -> None:
    """Nothing of the two tables and the proposed actions is lost (lines 121–767)."""
    lines = _workshop_text().splitlines()[120:767]
    items = [_squash(item) for item in _items(WORKSHOP)]
    data = " ".join(items)
    missing = []
    for line in lines:
        # « CPTS   - Savoir faire »: a row's name and its first item on one line.
        for part in re.split(r" {2,}(?=- )", line):
            text = _squash(part)
            cut = not part.endswith(" ")  # the extraction cut a word: « Pluriannu|alité »
            if text and not _LAYOUT.match(text) and not _found(text, cut, items, data):
                missing.append(text)
    # What is not data: the second part's heading and sentence, the « Outil » lines.
    assert missing == [
        "C. 2ème partie : identifier des idées et des pistes pour mieux s’articuler et "
        "travailler ensemble de retour sur nos territoires (40mn)",
        "Outil : speed dating avec les CPTS (30mn)",
        "Au regard des besoins et des projets évoqués précédemment, les participants ont été "
        "invités à échanger entre eux sur ce que leur démarche peut",
        "apporter aux autres démarches :",
        "Autres pistes/actions proposées :",
    ]


def test_every_word_of_the_data_is_in_the_document() -> None:
    """No invented text: each word of each item is printed in the document."""
    words = {w.lower() for w in re.findall(r"\w+", _workshop_text())}
    data = {k: v for k, v in WORKSHOP.items() if k != "source"}
    invented = {
        word
        for item in _items(data)
        for word in re.findall(r"\w+", item.lower())
        if word not in words
    }
    # Words joined across a cut of the extraction (« Pluriannu » + « alité »…).
    assert invented == {"pluriannualité", "informations"}


def test_the_silhouette_table_has_its_three_approaches_and_five_columns() -> None:
    rows = WORKSHOP["silhouettes"]["demarches"]
    assert [row["demarche"].split(" ")[0] for row in rows] == ["ASV/CLSM/CLS", "CoDES", "CPTS"]
    assert list(WORKSHOP["silhouettes"]["colonnes"]) == list(WORKSHOP_COLUMNS)
    assert [len(c["elements"]) for c in WORKSHOP["apports"]] == [7, 5, 9, 2, 3]
    assert len(WORKSHOP["actions"]) == 8


# --- Bad data: precise errors, nothing half-read -----------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> tuple[dict[str, object], list[str]]:
    (tmp_path / "donnees").mkdir()
    target = tmp_path / "donnees" / WORKSHOP_FILE.name
    text = WORKSHOP_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    target.write_text(text.replace(old, new), encoding="utf-8")
    datasets, problems = load_donnees(tmp_path, {"cres-paca-synthese-ateliers-2021"})
    return datasets, [p.format() for p in problems]


def _line_of(text: str) -> int:
    """The line where ``text`` starts in the repo's file (before the fault is put in)."""
    return WORKSHOP_FILE.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


FILE = "donnees/ateliers-cres-paca-2021.yaml"
KEYS = "source, titre, contexte, objectifs, groupes, silhouettes, apports, actions"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "\nactions:\n",
            "\naction:\n",
            [
                "{file}:9:1: erreur: clé « actions » manquante [D001]",
                "{file}:{line}:1: erreur: clé inconnue « action » — vouliez-vous dire "
                "« actions » ? (clés admises : {keys}) [D003]",
            ],
        ),
        (
            "    a: acteurs de la prévention\n",
            "    a:\n",
            ["{file}:{line}:7: erreur: valeur vide invalide : texte attendu [D002]"],
        ),
        (
            "        - Rezone\n\n# 2e partie",
            "        - Rezonne\n\n# 2e partie",
            [
                "{file}:{line}:11: erreur: élément « Rezonne » à vérifier absent des colonnes "
                "de sa démarche [D005]"
            ],
        ),
        (
            "  - Des ACI pour la communication\n",
            "  - [Des ACI pour la communication\n",
            [
                "{file}:{line}:5: erreur: erreur de syntaxe YAML : liste entre crochets ouverte "
                "ici, non fermée : « ] » ou « , » attendu [F002]"
            ],
        ),
        (
            "source: cres-paca-synthese-ateliers-2021\n",
            "source: cres-paca-2021\n",
            [
                "{file}:{line}:9: erreur: source « cres-paca-2021 » : aucune référence de la "
                "base n'a cet identifiant [D004]"
            ],
        ),
    ],
    ids=["clé inconnue", "valeur vide", "à vérifier introuvable", "syntaxe", "source inconnue"],
)
def test_broken_workshop_data_is_reported_and_left_out(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    datasets, problems = _broken(tmp_path, old, new)
    line = _line_of(old.lstrip("\n"))
    assert datasets == {}
    assert problems == [
        e.replace("{file}", FILE)
        .replace("{line+1}", str(line + 1))
        .replace("{line}", str(line))
        .replace("{keys}", KEYS)
        for e in expected
    ]
