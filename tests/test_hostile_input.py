"""Hostile records: ids that would be paths, alias and nesting bombs, loops, control
characters. Each gives a located French diagnostic; nothing is written outside its place."""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest

from biblio import ids
from biblio.cli import main
from biblio.model import Person, Position, Reference
from biblio.output import WriteRefused, write_generated_tree, write_new_files

ONLINE = """@online{{{key},
  title = {{Un titre}},
  author = {{Doe, John}},
  date = {{2020}},
  url = {{https://example.org/{n}}},
}}
"""


def _valider(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["valider", "--racine", str(root)])
    return code, capsys.readouterr().out.splitlines()


def test_bibtex_key_with_a_path_is_a_located_error_and_nothing_is_written_outside(
    base_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The key climbs from the output folder (tmp/base/sortie/references/) to tmp/.
    (base_copy / "references" / "piege.bib").write_text(
        "\n" + ONLINE.format(key="../../../PWNED", n=1), encoding="utf-8"
    )
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert lines[0] == (
        "references/piege.bib:2:1: erreur: identifiant (clé) invalide « ../../../PWNED » : "
        "l'identifiant ne doit contenir que des minuscules non accentuées, des chiffres et des "
        "tirets [X013]"
    )
    out = base_copy / "sortie"
    assert main(["generer", "--racine", str(base_copy), "--sortie", str(out)]) == 2
    assert not list(tmp_path.rglob("PWNED*"))
    assert not out.exists()


def test_a_5000_character_key_is_a_located_error(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_copy / "references" / "long.bib").write_text(
        ONLINE.format(key="a" * 5000, n=2), encoding="utf-8"
    )
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert lines[0].startswith("references/long.bib:1:1: erreur: identifiant (clé) invalide « aaa")
    assert lines[0].endswith("identifiant trop long (5000 caractères, 100 au plus) [X013]")


def test_nfc_and_nfd_keys_are_both_refused_not_two_ids(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    composed = unicodedata.normalize("NFC", "café-2020")
    decomposed = unicodedata.normalize("NFD", "café-2020")
    text = ONLINE.format(key=composed, n=3) + "\n" + ONLINE.format(key=decomposed, n=4)
    (base_copy / "references" / "cafe.bib").write_text(text, encoding="utf-8")
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert [line.split(" : ")[1][:22] for line in lines[:2]] == [
        "caractère U+00E9 non a",
        "caractère U+0301 non a",
    ]
    assert all(line.endswith("[X013]") for line in lines[:2])


def test_a_file_name_ending_in_a_newline_is_not_an_id(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = base_copy / "references" / "zotero.bib"
    good = next(p for p in sorted((base_copy / "references").glob("*.yaml")))
    (good.parent / f"{good.stem}-copie\n.yaml").write_bytes(good.read_bytes())
    source.unlink()
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert lines[0].startswith(f"references/{good.stem}-copie\\u000a.yaml:1:1: erreur: nom de")
    assert "caractère U+000A non admis" in lines[0]
    assert lines[0].endswith("[F007]")


def test_ids_of_new_references_are_bounded() -> None:
    ref = Reference(
        id="",
        type="rapport",
        titre="x" * 5000,
        auteurs=(Person(nom="N" * 3000),),
        date="2020",
        position=Position("t"),
    )
    new = ids.unique_id(ref, set())
    assert len(new) <= 70
    assert ids.id_problem(new) is None
    assert ids.id_problem("a" * 101) is not None
    assert ids.id_problem("abc\n") is not None


@pytest.mark.parametrize("relative", ["../dehors.md", "/tmp/absolu.md", "a/../../dehors.md"])
def test_generated_pages_stay_in_their_folder(tmp_path: Path, relative: str) -> None:
    out = tmp_path / "sortie" / "site"
    with pytest.raises(WriteRefused):
        write_generated_tree(out, {"index.md": "x", relative: "y"})
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["sortie"]


def test_record_files_do_not_follow_a_link_out_of_the_tree(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "base", tmp_path / "ailleurs"
    (root / "references").mkdir(parents=True)
    elsewhere.mkdir()
    os.symlink(elsewhere, root / "references" / "lien")
    with pytest.raises(WriteRefused):
        write_new_files(root, {"references/a.yaml": "x", "references/lien/b.yaml": "y"})
    assert not list(elsewhere.iterdir())
    assert not (root / "references" / "a.yaml").exists()


def test_ajouter_refuses_an_id_that_is_a_path(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            *("ajouter", "--racine", str(base_copy), "--type", "rapport", "--titre", "T"),
            *("--auteur", "Doe, John", "--date", "2020", "--url", "https://example.org/t"),
            *("--id", "../../dehors"),
        ]
    )
    assert code == 2
    assert "--id : " in capsys.readouterr().err
    assert not (base_copy.parent / "dehors.yaml").exists()


# --- Bombs and odd bytes in YAML records ---------------------------------------------------


def _laughs(levels: int) -> str:
    lines = ["type: rapport", "titre: &a0 rire"]
    for level in range(1, levels + 1):
        items = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"l{level}: &a{level} [{items}]")
    return "\n".join(lines) + "\n"


def test_aliases_are_refused_before_expansion(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Six levels (a million values once expanded) keep the old code's failure affordable;
    # nine made 4 GB. Refused before expansion, it takes no time.
    (base_copy / "references" / "rires.yaml").write_text(_laughs(6), encoding="utf-8")
    start = time.perf_counter()
    code, lines = _valider(base_copy, capsys)
    assert time.perf_counter() - start < 5
    assert code == 1
    assert lines[0] == (
        "references/rires.yaml:2:8: erreur: ancre YAML « &a0 » non admise dans une fiche : "
        "écrivez la valeur elle-même (un texte qui commence par « & » ou « * » se met entre "
        "guillemets) [F009]"
    )


def test_nine_levels_of_aliases_are_refused_at_once(tmp_path: Path) -> None:
    from biblio.load.yaml_tree import YamlSyntaxError, parse_yaml

    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(_laughs(9), "rires.yaml")
    assert caught.value.diagnostic.code == "F009"


def test_deep_nesting_is_a_located_error(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "type: rapport\ntitre: T\nmots_cles: " + "[" * 600 + "]" * 600 + "\n"
    text += "date: 2020\nurl: https://example.org/profond\n"
    (base_copy / "references" / "profond.yaml").write_text(text, encoding="utf-8")
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert lines[1] == (
        "references/profond.yaml:3:62: erreur: valeur trop imbriquée : plus de 50 listes ou "
        "tables l'une dans l'autre [F010]"
    )


def test_a_symbolic_link_loop_is_reported_and_the_rest_is_checked(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = base_copy / "references"
    os.symlink("boucle-b.yaml", folder / "boucle-a.yaml")
    os.symlink("boucle-a.yaml", folder / "boucle-b.yaml")
    (folder / "sans-type.yaml").write_text("titre: T\n", encoding="utf-8")
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert lines == [
        "references/boucle-a.yaml:1:1: erreur: fichier illisible : boucle de liens symboliques "
        "[F008]",
        "references/boucle-b.yaml:1:1: erreur: fichier illisible : boucle de liens symboliques "
        "[F008]",
        "references/sans-type.yaml:1:1: erreur: champ obligatoire « type » manquant [R002]",
        "3 erreurs, 0 avertissement",
    ]


def test_a_nul_byte_is_reported_where_it_is_in_french_on_one_line(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = next(p for p in sorted((base_copy / "references").glob("*.yaml")))
    lines = good.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\n") + "\x00\n"
    good.write_text("".join(lines), encoding="utf-8")
    code, out = _valider(base_copy, capsys)
    assert code == 1
    column = len(lines[1]) - 1
    assert out[0] == (
        f"references/{good.name}:2:{column}: erreur: erreur de syntaxe YAML : caractère de "
        "contrôle U+0000 interdit (invisible dans la plupart des éditeurs) : supprimez-le [F002]"
    )
    assert out[1].endswith("[X009]")  # its citations now point nowhere: on their own lines


def test_an_unclosed_quote_is_reported_where_it_opens(
    base_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = 'type: rapport\ntitre: "Un titre\ndate: 2020\nurl: https://example.org/q\n'
    (base_copy / "references" / "guillemet.yaml").write_text(text, encoding="utf-8")
    code, lines = _valider(base_copy, capsys)
    assert code == 1
    assert lines[0] == (
        "references/guillemet.yaml:2:8: erreur: erreur de syntaxe YAML : guillemet ouvert ici, "
        "jamais fermé [F002]"
    )
