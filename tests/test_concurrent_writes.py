"""Commands that write records: one at a time on a tree, all or nothing even when killed,
files with the permissions of the umask."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from biblio import staging
from biblio.cli import main
from biblio.staging import LOCK_NAME, STAGING_NAME, locked_tree
from conftest import FIXTURES, REPO

ENTRY = """@report{{k{i},
  title = {{Rapport {i} sur {subject}}},
  author = {{Auteur{i}, Jean}},
  date = {{2020}},
  institution = {{ARS}},
  url = {{https://example.org/{subject_slug}/{i}}},
}}
"""


def _bib(path: Path, count: int, subject: str = "la coordination") -> Path:
    slug = subject.replace(" ", "-")
    text = "\n".join(ENTRY.format(i=i, subject=subject, subject_slug=slug) for i in range(count))
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    root = tmp_path / "base"
    shutil.copytree(FIXTURES / "base", root)
    (root / "references" / "zotero.bib").unlink()  # only YAML records: counts are files
    return root


def _records(root: Path) -> set[str]:
    return {p.name for p in (root / "references").glob("*.yaml")}


def _biblio(*args: str, output: int = subprocess.PIPE) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    return subprocess.Popen(
        [sys.executable, "-m", "biblio", *args],
        stdout=output,
        stderr=output,
        text=True,
        env=env,
    )


def _created(out: str) -> int:
    match = re.search(r"^(\d+) fiche\(s\) créée\(s\)", out, re.M)
    return int(match.group(1)) if match else 0


def test_two_imports_of_one_file_at_once_create_each_record_once(
    base: Path, tmp_path: Path
) -> None:
    before = _records(base)
    export = _bib(tmp_path / "export.bib", 300)
    runs = [_biblio("importer", str(export), "--racine", str(base)) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    created = [_created(out) for out, _ in outputs]
    assert sorted(created) == [0, 300]  # the second saw the first's records: duplicates
    assert len(_records(base) - before) == 300
    assert not (base / STAGING_NAME).exists()


def test_two_imports_wanting_the_same_ids_keep_every_record(base: Path, tmp_path: Path) -> None:
    # Same authors, years and first title word: the same ids are wanted by both runs.
    before = _records(base)
    first = _bib(tmp_path / "a.bib", 200, "la coordination")
    second = _bib(tmp_path / "b.bib", 200, "les contrats locaux")
    runs = [_biblio("importer", str(f), "--racine", str(base)) for f in (first, second)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [_created(out) for out, _ in outputs] == [200, 200]
    new = _records(base) - before
    assert len(new) == 400
    titles = {(base / "references" / name).read_text(encoding="utf-8") for name in new}
    assert len(titles) == 400  # no record was overwritten by another


# Where the import is held while the signal is sent: the 10th staged file (nothing of the run
# is in the base yet) or the 10th file given its name (the journal is written: the commit has
# begun). The import waits there until it is stopped, so the signal always lands mid-write.
_HOLD_AT = {"staging": "file_mode", "commit": "link_new"}
_HELD_IMPORT = """
import sys, time
from pathlib import Path
import biblio.staging as staging
from biblio.cli import main
real = getattr(staging, sys.argv[1])
calls = []
def held(*args):
    calls.append(args)
    if len(calls) == 10:
        Path(sys.argv[2]).touch()  # the parent stops the import now
        time.sleep(300)
    return real(*args)
setattr(staging, sys.argv[1], held)
sys.exit(main(["importer", *sys.argv[3:]]))
"""


# SIGKILL: the process dies where it stands; SIGINT: Ctrl-C, the import cleans up after itself.
@pytest.mark.parametrize("moment", list(_HOLD_AT))
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "Ctrl-C"])
def test_a_killed_import_leaves_all_or_none_and_the_next_run_cleans_up(
    base: Path, tmp_path: Path, stop: signal.Signals, moment: str
) -> None:
    before = _records(base)
    export = _bib(tmp_path / "gros.bib", 1500)
    held = tmp_path / "arrete-ici"
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    command = [sys.executable, "-c", _HELD_IMPORT, _HOLD_AT[moment], str(held)]
    # Not read while it runs: its output goes nowhere (a full pipe would block it).
    quiet = subprocess.DEVNULL
    run = subprocess.Popen(
        [*command, str(export), "--racine", str(base)], env=env, stdout=quiet, stderr=quiet
    )
    try:
        deadline = time.monotonic() + 120
        while not held.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert held.exists(), "the import reached the point where it is stopped"
        run.send_signal(stop)
        code = run.wait(timeout=60)
    finally:
        if run.poll() is None:  # the test failed before its signal: no process left behind
            run.kill()
            run.wait()
    staging = base / STAGING_NAME
    new = len(_records(base) - before)
    leftovers = list(staging.glob("*"))
    if stop == signal.SIGINT:  # interrupted: everything of the run undone
        assert (code, new, leftovers) == (130, 0, [])
    elif moment == "staging":  # killed before its journal: nothing in the base
        assert (code, new) == (-signal.SIGKILL, 0)
        assert leftovers
        assert not list(staging.glob("*/journal.json"))
    else:  # killed while committing: reported until the next command finishes it
        assert (code, new) == (-signal.SIGKILL, 9)
        assert list(staging.glob("*/journal.json"))
        assert main(["valider", "--racine", str(base)]) == 1
    # The next command that writes finishes or removes the dead run first.
    again = _biblio("importer", str(export), "--racine", str(base))
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, (out, err)
    assert ("écriture interrompue" in err) == bool(leftovers)
    assert len(_records(base) - before) == 1500
    assert not staging.exists()
    assert not list((base / "references").glob(".*"))


_DIE_AT = {
    # Killed while staging: nothing of the run may reach the base.
    "staging": "biblio.staging._write_journal",
    # Killed after 10 of 50 files got their names: the rest are given theirs at the next run.
    "commit": "biblio.staging.link_new",
}


@pytest.mark.parametrize("moment", list(_DIE_AT))
def test_a_run_that_dies_is_finished_or_removed_under_the_lock(
    base: Path, moment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        import biblio.staging as staging
        from biblio.output import link_new
        calls = []
        def die(*args):
            calls.append(args)
            if {moment!r} == "staging" or len(calls) > 10:
                os._exit(9)
            return link_new(*args)
        setattr(staging, {_DIE_AT[moment].rsplit(".", 1)[1]!r}, die)
        files = {{f"references/mort-{{i}}.yaml": "type: rapport\\n" for i in range(50)}}
        staging.commit_new_files(Path(sys.argv[1]), files)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    dead = subprocess.run([sys.executable, "-c", script, str(base)], env=env, check=False)
    assert dead.returncode == 9
    dead_files = sorted((base / "references").glob("mort-*.yaml"))
    assert len(dead_files) == (0 if moment == "staging" else 10)
    code = main(["valider", "--racine", str(base)])
    out = capsys.readouterr().out
    if moment == "commit":
        assert code == 1
        assert re.search(
            r"^\.biblio-ecriture/.*/journal\.json:1:1: erreur: écriture interrompue", out, re.M
        )
    from biblio.staging import locked_tree

    with locked_tree(base):
        pass
    err = capsys.readouterr().err
    assert "écriture interrompue" in err
    assert len(list((base / "references").glob("mort-*.yaml"))) == (
        0 if moment == "staging" else 50
    )
    assert not (base / STAGING_NAME).exists()


def test_the_lock_file_is_in_the_tree_and_git_ignores_it() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert LOCK_NAME in ignored
    assert f"{STAGING_NAME}/" in ignored


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_and_folders_follow_the_umask(base: Path, tmp_path: Path) -> None:
    # Not 022: a fixed mode (0o644, 0o755) would pass as well.
    previous = os.umask(0o027)
    try:
        exported = tmp_path / "export.bib"
        assert (
            main(["exporter", "--racine", str(base), "--format", "bibtex", "-o", str(exported)])
            == 0
        )
        out = tmp_path / "pages"
        assert main(["generer", "--racine", str(base), "--sortie", str(out)]) == 0
        assert (
            main(
                [
                    *("ajouter", "--racine", str(base), "--type", "rapport", "--titre", "Un titre"),
                    *("--auteur", "Doe, John", "--date", "2020", "--url", "https://example.org/u"),
                ]
            )
            == 0
        )
    finally:
        os.umask(previous)
    assert oct(_mode(exported)) == oct(0o640)
    assert oct(_mode(out)) == oct(0o750)
    assert oct(_mode(base / "references" / "doe-2020-titre.yaml")) == oct(0o640)


def test_ajouter_waits_for_the_lock_then_gives_up_without_writing(base: Path) -> None:
    from biblio.staging import locked_tree

    before = _records(base)
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "BIBLIO_VERROU_ATTENTE": "0.5"}
    command = [
        *(sys.executable, "-m", "biblio", "ajouter", "--racine", str(base)),
        *("--type", "rapport", "--titre", "Un titre", "--auteur", "Doe, John"),
        *("--date", "2020", "--url", "https://example.org/verrou"),
    ]
    with locked_tree(base):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert "une autre commande biblio écrit dans la base" in result.stderr
    assert _records(base) == before


def test_a_failed_commit_removes_only_the_files_of_this_run(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import biblio.staging as staging
    from biblio.output import WriteRefused, link_new

    calls: list[Path] = []

    def another_writer_meanwhile(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 3:  # a file that appeared since the check (a writer without lock)
            target.write_text("à quelqu'un d'autre\n", encoding="utf-8")
        link_new(source, target)

    monkeypatch.setattr(staging, "link_new", another_writer_meanwhile)
    files = {f"references/lot-{i}.yaml": "type: rapport\n" for i in range(5)}
    with pytest.raises(WriteRefused):
        staging.commit_new_files(base, files)
    left = sorted(p.name for p in (base / "references").glob("lot-*.yaml"))
    assert left == ["lot-2.yaml"]
    assert (base / "references" / "lot-2.yaml").read_text(encoding="utf-8") == (
        "à quelqu'un d'autre\n"
    )
    assert not (base / STAGING_NAME).exists()


_DIE_REPLACING = """
import json, os, sys
from pathlib import Path
import biblio.staging as staging
real_replace = os.replace
calls = []
def die(*args):
    calls.append(args)
    if len(calls) > int(sys.argv[3]):
        os._exit(9)  # killed: no handler, no cleanup
    return real_replace(*args)
os.replace = die
staging.commit_replaced_files(Path(sys.argv[1]), json.loads(sys.argv[2]))
"""


def _die_replacing(base: Path, files: dict[str, str], renames: int) -> None:
    """``commit_replaced_files(base, files)`` in another process, killed after ``renames``
    renames (the journal's is the first)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    command = [sys.executable, "-c", _DIE_REPLACING, str(base), json.dumps(files), str(renames)]
    assert subprocess.run(command, env=env, check=False).returncode == 9


def test_a_replacing_run_that_dies_half_way_is_finished_by_the_next_writer(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ``liens --ecrire-archives`` changes records: all of them or (after recovery) all.
    originals = {f"references/arch-{i}.yaml": f"type: rapport\nn: {i}\n" for i in range(20)}
    for name, text in originals.items():
        (base / name).write_text(text, encoding="utf-8")
    # The journal, then three records replaced.
    _die_replacing(base, {n: t + "nouveau: oui\n" for n, t in originals.items()}, renames=4)
    changed = [n for n in originals if "nouveau" in (base / n).read_text(encoding="utf-8")]
    assert len(changed) == 3
    assert main(["valider", "--racine", str(base)]) == 1
    assert "écriture interrompue" in capsys.readouterr().out
    with locked_tree(base):
        pass
    assert "achevée" in capsys.readouterr().err
    for name, text in originals.items():
        assert (base / name).read_text(encoding="utf-8") == text + "nouveau: oui\n"
    assert not (base / STAGING_NAME).exists()


def test_a_record_edited_after_a_replacing_run_died_keeps_the_edit(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The run dies after its journal; the documentalist then edits one of its records: the
    # recovery must not put the run's older text back over that work.
    names = [f"references/garde-{i}.yaml" for i in range(3)]
    for name in names:
        (base / name).write_text("type: rapport\n", encoding="utf-8")
    _die_replacing(base, dict.fromkeys(names, "type: rapport\nurl_archive: x\n"), renames=1)
    edited = "type: rapport\ncommentaire: travail du documentaliste\n"
    (base / names[1]).write_text(edited, encoding="utf-8")
    with locked_tree(base):
        pass
    err = capsys.readouterr().err
    assert "dont 2 écrit(s) à la reprise" in err
    assert f"laissé(s) tel(s) quel(s) : {names[1]}" in err
    assert (base / names[1]).read_text(encoding="utf-8") == edited
    for name in (names[0], names[2]):
        assert (base / name).read_text(encoding="utf-8") == "type: rapport\nurl_archive: x\n"
    assert not (base / STAGING_NAME).exists()


def test_replacing_refuses_a_missing_file_and_writes_nothing(base: Path) -> None:
    from biblio.output import WriteRefused

    (base / "references" / "la.yaml").write_text("type: rapport\n", encoding="utf-8")
    files = {"references/la.yaml": "type: livre\n", "references/absente.yaml": "type: livre\n"}
    with pytest.raises(WriteRefused, match=r"absente\.yaml"):
        staging.commit_replaced_files(base, files)
    assert (base / "references" / "la.yaml").read_text(encoding="utf-8") == "type: rapport\n"
    assert not (base / "references" / "absente.yaml").exists()


_ARCHIVES = """
import sys, time
from pathlib import Path
from biblio.links.archives import Proposal, write_archives
from biblio.validate.runner import load_base
root = Path(sys.argv[1])
refs = [r for r in load_base(root, use_cache=False).corpus.references if r.url]
found = [Proposal(r, "https://web.archive.org/web/2024/" + r.url, "2024-01-02") for r in refs]
written, skipped = write_archives(root, found)
print(len(written), len(skipped))
"""


def test_two_archive_writers_at_once_write_each_archive_once(base: Path) -> None:
    # Two « biblio liens --ecrire-archives » at the same time: the lock makes one wait; it
    # then finds the archives written and adds none a second time.
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _ARCHIVES, str(base)], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = sorted(run.communicate(timeout=120)[0].split() for run in runs)
    assert all(run.returncode == 0 for run in runs)
    yaml_with_url = [p for p in (base / "references").glob("*.yaml") if "\nurl:" in p.read_text()]
    count = str(len(yaml_with_url))
    assert outputs == [["0", count], [count, "0"]], outputs
    for path in yaml_with_url:
        assert path.read_text(encoding="utf-8").count("url_archive:") == 1, path


def test_ctrl_c_during_a_replacing_run_leaves_all_or_then_all(
    base: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ctrl-C before the journal: nothing changed; after it: the next writer finishes the run.
    names = [f"references/ctrl-{i}.yaml" for i in range(4)]
    for name in names:
        (base / name).write_text("type: rapport\n", encoding="utf-8")
    new = dict.fromkeys(names, "type: rapport\nurl_archive: x\n")
    real_replace = os.replace
    calls: list[object] = []

    def interrupted(*args: object) -> None:
        calls.append(args)
        if len(calls) == 3:  # the journal, one record, then Ctrl-C
            raise KeyboardInterrupt
        real_replace(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            staging.commit_replaced_files(base, new)
    changed = [n for n in names if "url_archive" in (base / n).read_text(encoding="utf-8")]
    assert len(changed) == 1
    with locked_tree(base):
        pass
    assert "achevée" in capsys.readouterr().err
    assert all((base / n).read_text(encoding="utf-8") == new[n] for n in names)
    assert not (base / STAGING_NAME).exists()

    def interrupted_early(*args: object) -> None:
        raise KeyboardInterrupt  # while the journal is being written

    again = {name: text + "date_archive: 2024-01-02\n" for name, text in new.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", interrupted_early)
        with pytest.raises(KeyboardInterrupt):
            staging.commit_replaced_files(base, again)
    assert all((base / n).read_text(encoding="utf-8") == new[n] for n in names)
    assert not (base / STAGING_NAME).exists()
