"""Archived copies: proposed and written by « biblio liens », shown as Robust Links."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.cli import main
from biblio.links import check
from biblio.links.archives import Proposal, proposals, with_archive
from biblio.links.last_report import DEAD_STATUSES, dead_urls, read_report
from biblio.links.report import Checked
from biblio.load.yaml_tree import parse_yaml
from biblio.render.pages import generated_pages
from biblio.validate.runner import load_base
from link_server import link_server
from test_liens import write_base

ARCHIVED = "https://web.archive.org/web/20200101/https://ancien.example/a"
FIXTURE_REF = load_base(
    Path(__file__).parent / "fixtures" / "base", use_cache=False
).corpus.references[0]


def _run(tmp_path: Path, *options: str) -> tuple[str, dict[str, str]]:
    with link_server() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        write_base(
            tmp_path,
            {
                "vivante": f"{base}/ok",
                "morte": f"{base}/absent",
                "demenagee": f"{base}/redirige",
                "deja": f"{base}/parti",
            },
        )
        deja = tmp_path / "references" / "deja.yaml"
        deja.write_text(
            deja.read_text("utf-8") + f"url_archive: {ARCHIVED}\ndate_archive: 2020-01-01\n",
            encoding="utf-8",
        )
        before = {p.stem: p.read_text("utf-8") for p in (tmp_path / "references").iterdir()}
        main(["liens", "--racine", str(tmp_path), "--delai", "1", *options])
    return base, before


def test_proposals_are_only_shown_without_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, before = _run(tmp_path)
    after = {p.stem: p.read_text("utf-8") for p in (tmp_path / "references").iterdir()}
    assert after == before
    err = capsys.readouterr().err
    assert (
        f"references/morte.yaml: copie archivée proposée : "
        f"https://web.archive.org/web/20221001/{base}/absent" in err
    )
    assert "references/demenagee.yaml: copie archivée proposée" in err
    assert "deja.yaml" not in err
    assert "vivante.yaml" not in err


def test_archives_are_written_never_replaced_and_the_dead_page_leads_with_the_copy(
    tmp_path: Path,
) -> None:
    base, before = _run(tmp_path, "--ecrire-archives")
    after = {p.stem: p.read_text("utf-8") for p in (tmp_path / "references").iterdir()}
    assert after["vivante"] == before["vivante"]
    assert after["deja"] == before["deja"]  # an archive already there is never replaced
    copy = f"https://web.archive.org/web/20221001/{base}/absent"
    assert after["morte"] == before["morte"].replace(
        "date_consultation:", f'url_archive: "{copy}"\ndate_archive: 2022-10-01\ndate_consultation:'
    )
    assert "url_archive:" in after["demenagee"]

    report = load_base(tmp_path, use_cache=False)
    assert report.errors == 0
    refs = {r.id: r for r in report.corpus.references}
    assert (refs["morte"].url_archive, refs["morte"].date_archive) == (copy, "2022-10-01")
    assert dead_urls(tmp_path) == {f"{base}/absent", f"{base}/parti"}

    pages = generated_pages(report.corpus, link_report=read_report(tmp_path))
    dead = markdown.markdown(
        pages["references/morte.md"].split("---\n\n", 1)[1], extensions=["attr_list", "md_in_html"]
    )
    after_breadcrumbs = dead.index("</p>", dead.index("biblio-fil"))
    first_link = dead.index("<a ", after_breadcrumbs)
    assert dead.index(f'href="{copy}"') < dead.index(f'href="{base}/absent"')
    assert f'href="{copy}"' in dead[first_link : first_link + 400]
    assert "Consulter la copie archivée du 1er octobre 2022" in dead
    assert "L'adresse d'origine ne répond plus" in dead
    for attribute in (
        f'data-originalurl="{base}/absent"',
        f'data-versionurl="{copy}"',
        'data-versiondate="2022-10-01"',
    ):
        assert dead.count(attribute) == 2  # on the copy's link and on the original's

    moved = markdown.markdown(
        pages["references/demenagee.md"].split("---\n\n", 1)[1],
        extensions=["attr_list", "md_in_html"],
    )
    assert moved.index(f'href="{base}/redirige"') < moved.index('href="https://web.archive.org/')
    assert "Consulter le document" in moved
    assert "ne répond plus" not in moved
    live = pages["references/vivante.md"]
    assert "data-versionurl" not in live


def test_the_link_report_is_published_as_a_page(tmp_path: Path) -> None:
    base, _ = _run(tmp_path)
    report = read_report(tmp_path)
    corpus = load_base(tmp_path, use_cache=False).corpus
    page = generated_pages(corpus, link_report=report)["liens.md"]
    assert page.startswith("---\ntemplate: sans-index.html\n---")  # not a search result
    assert "Dernière vérification : 4 adresse(s), 2 morte(s)." in page
    assert "## Introuvables (404, 410…) (2)" in page
    assert (
        f"| [Page morte](references/morte.md) | `{base}/absent` | code 404 ; copie archivée" in page
    )
    assert f"nouvelle adresse : `{base}/ok`" in page
    assert "## Accès refusé" not in page
    hostile = {"liens": [{"url": "https://x.fr/a|b`<script>", "statut": "dns", "references": []}]}
    line = generated_pages(corpus, link_report=hostile)["liens.md"].splitlines()[-2]
    assert line == "| — | `https://x.fr/a%7Cb%60<script>` | — |"
    assert "Aucune vérification" in generated_pages(corpus)["liens.md"]


def test_the_report_and_the_checker_agree_on_dead_statuses() -> None:
    assert DEAD_STATUSES == check.DEAD


def test_a_copy_is_dated_by_the_consultation_day_else_by_the_proposal_day() -> None:
    ref = load_base(Path(__file__).parent / "fixtures" / "base", use_cache=False).corpus.references[
        0
    ]
    day = datetime.date(2026, 11, 30)
    result = check.LinkResult("https://x.fr/a", check.CLIENT_ERROR, 404)
    known = dataclasses.replace(ref, url="https://x.fr/a", date_consultation="2021-03-04")
    vague = dataclasses.replace(known, date_consultation="", date_ajout="", date="2019-05")
    found = proposals([Checked(result, (known, vague))], day)
    assert [(p.url_archive, p.date_archive) for p in found] == [
        ("https://web.archive.org/web/20210304/https://x.fr/a", "2021-03-04"),
        ("https://web.archive.org/web/201905/https://x.fr/a", "2026-11-30"),
    ]
    moved = check.LinkResult("https://x.fr/a", check.REDIRECTED, 301, cible="https://x.fr/b")
    alive = check.LinkResult("https://x.fr/a", check.OK, 200)
    assert len(proposals([Checked(moved, (known,))], day)) == 1
    assert proposals([Checked(alive, (known,))], day) == []


def test_archive_lines_go_after_the_url_whatever_its_form(tmp_path: Path) -> None:
    ref = load_base(Path(__file__).parent / "fixtures" / "base", use_cache=False).corpus.references[
        0
    ]
    proposal = Proposal(dataclasses.replace(ref), "https://web.archive.org/web/2/x", "2024-01-02")
    crlf = "titre: A\r\nurl: https://x.fr/a\r\ntype: page-web\r\n"
    assert with_archive(crlf, proposal) == (
        "titre: A\r\nurl: https://x.fr/a\r\n"
        'url_archive: "https://web.archive.org/web/2/x"\r\ndate_archive: 2024-01-02\r\n'
        "type: page-web\r\n"
    )
    folded = "url: >-\n  https://x.fr/tres/longue\n  /adresse\ntitre: A"
    assert with_archive(folded, proposal) == (
        "url: >-\n  https://x.fr/tres/longue\n  /adresse\n"
        'url_archive: "https://web.archive.org/web/2/x"\ndate_archive: 2024-01-02\ntitre: A'
    )
    assert with_archive("titre: A\n", proposal) is None
    assert with_archive("url: https://x.fr\nurl_archive: https://y.fr\n", proposal) is None


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True).filter(
            lambda k: k not in ("url", "url_archive", "date_archive")
        ),
        _TEXT,
        max_size=5,
    ),
    _TEXT,
    st.integers(min_value=0, max_value=5),
    st.sampled_from([None, "|", ">-"]),
)
def test_adding_an_archive_keeps_every_other_value(
    others: dict[str, str], url: str, place: int, style: str | None
) -> None:
    keys = list(others)
    keys.insert(min(place, len(keys)), "url")
    values = {**others, "url": "https://x.fr/" + url}
    text = yaml.safe_dump({k: values[k] for k in keys}, allow_unicode=True, sort_keys=False)
    if style:
        text = text.replace("url: ", f"url: {style}\n  ", 1) if "url: '" not in text else text
    before = parse_yaml(text, "x.yaml").data
    proposal = Proposal(FIXTURE_REF, "https://web.archive.org/web/2/x#a b", "2024-01-02")
    new = with_archive(text, proposal)
    assert new is not None
    after = parse_yaml(new, "x.yaml").data
    assert after == {**before, "url_archive": proposal.url_archive, "date_archive": "2024-01-02"}
