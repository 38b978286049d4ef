"""The editor at /admin/ in Debian's chromium: Decap CMS and its local server (decap-server) on
127.0.0.1, over a scratch copy of the repository's records. A reference is created through
the forms, a glossary definition is edited, an impossible date is refused; nothing is asked
of a third party."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest

from biblio.editor import PACKAGES, PORT_VARIABLE
from biblio.render.editor_config import EditorSettings, editor_config_text
from biblio.validate.runner import load_base
from conftest import REPO, chromium_path, copy_repo, leave_page

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.lent, pytest.mark.navigateur]

NEW_ID = "cres-paca-2024-essai"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _packages() -> Path:
    """The editor's npm packages; in CI their absence fails the test, never skips it."""
    packages = REPO / PACKAGES
    if not (packages / "decap-server").is_dir() or shutil.which("node") is None:
        message = "éditeur non installé : node, npm (paquets Debian) et make install"
        if os.environ.get("CI"):
            pytest.fail(message + " (obligatoire en CI)")
        pytest.skip(message)
    return packages


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"rien n'écoute sur 127.0.0.1:{port}")


@dataclass
class Editor:
    root: Path  # the scratch tree decap-server writes into
    preview: str  # the preview's address; the editor is at /admin/
    port: int  # decap-server's
    hosts: set[str] = field(default_factory=set)  # every host the browser asked something


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """What `make editer` runs (the preview and decap-server), on a scratch copy of the
    repository, at free ports of 127.0.0.1; stopped as Ctrl-C stops it."""
    packages = _packages()
    scratch = tmp_path_factory.mktemp("editeur")
    root = scratch / "depot"
    root.mkdir()
    copy_repo(root)
    (root / PACKAGES).parent.mkdir()
    (root / PACKAGES).symlink_to(packages)  # read only: the bundle is copied from there
    port, web = _free_port(), _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BIBLIO_STRICT": "false"}
    command = [sys.executable, "-m", "biblio.editor_serve", "--adresse", f"127.0.0.1:{web}"]
    with (scratch / "journal.txt").open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=root, env=env | {PORT_VARIABLE: str(port)}, stdout=log, stderr=log
        )
        try:
            _wait_for_port(port)
            _wait_for_port(web, timeout=240)  # the preview serves once its first build is done
            yield Editor(root, f"http://127.0.0.1:{web}", port)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    for stopped in (port, web):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", stopped)) != 0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, editor: Editor) -> Iterator[Any]:
    """The editor, signed in to the local server, in French; every request's host logged."""
    context = browser.new_context(locale="fr-FR")
    # No live reload here: a preview page reloading itself when the server's rebuild ends
    # (a record saved or removed) would race with the test's own navigation and closing.
    context.route("**/livereload/**", lambda route: route.abort())
    opened = context.new_page()
    opened.on("request", lambda request: editor.hosts.add(urlsplit(request.url).netloc))
    opened.goto(editor.preview + "/admin/")
    opened.get_by_role("button", name="Se connecter").click(timeout=60000)
    yield opened
    leave_page(opened)
    context.close()


def _field(page: Any, name: str) -> Any:
    """A form field by its schema name (Decap gives each input the id « nom-field-N »)."""
    return page.locator(f"[id^='{name}-field-']").first


def _choose(page: Any, name: str, typed: str, option: str) -> None:
    """Type into a select or relation field and pick the option it offers."""
    _field(page, name).fill(typed)
    page.get_by_role("option", name=option).first.click()


def _type_markdown(page: Any, paragraphs: list[str]) -> None:
    # The raw editor takes the record's text a moment after showing it: keys pressed before
    # would be lost (the assertions after typing check that they were not).
    page.wait_for_timeout(1500)
    page.locator(".cms-editor-raw [role=textbox]").click()
    # Everything the field holds, selected from its start to its end, then replaced.
    page.keyboard.press("Control+Home")
    page.keyboard.press("Control+Shift+End")
    page.keyboard.press("Backspace")
    for index, paragraph in enumerate(paragraphs):
        if index:
            page.keyboard.press("Enter")
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)


def _leave_markdown(page: Any, other: str) -> None:
    """Decap passes the Markdown field's text to the entry after a pause (debounced): leave
    the field for ``other`` and let that happen, or « Publier » saves a text typed half-way."""
    _field(page, other).click()
    page.wait_for_timeout(1500)


def _wait_for_value(page: Any, name: str, value: str) -> None:
    """Wait until the form shows the record (a field filled before would be overwritten)."""
    _field(page, name).wait_for(timeout=60000)
    deadline = time.monotonic() + 30
    while _field(page, name).input_value() != value and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _field(page, name).input_value() == value


def _publish(page: Any) -> None:
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()


def _wait_for_file(path: Path, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file():
            time.sleep(0.3)  # decap-server writes the file in one call; let it finish
            return path.read_text(encoding="utf-8")
        time.sleep(0.2)
    pytest.fail(f"{path} n'a pas été écrit")


def _fetch(url: str) -> str:
    try:
        with urlopen(url, timeout=10) as response:  # the local preview only
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _eventually(check: Callable[[], bool], timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def _validate(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "biblio", "valider", "--racine", str(root)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_a_reference_created_through_the_forms_validates_and_gets_its_page(
    page: Any, editor: Editor
) -> None:
    page.goto(editor.preview + "/admin/#/collections/references/new")
    _field(page, "id").fill(NEW_ID)
    _choose(page, "type", "Rapp", "Rapport")
    _field(page, "titre").fill("Essai d’une fiche créée dans l’éditeur")
    page.get_by_role("button", name="Ajouter auteurs").click()
    _field(page, "organisation").fill("CRES Provence-Alpes-Côte d'Azur")
    _field(page, "date").fill("2024-03-05")
    _field(page, "url").fill("https://www.cres-paca.org/essai")
    _choose(page, "section", "accès à la santé", "L’accès à la santé")
    _type_markdown(page, ["Un **commentaire** qui cite [@rojouan-2022].", "Second paragraphe."])
    _choose(page, "termes", "Contrat local", "Contrat local de santé")
    _choose(page, "termes", "Maison de santé", "Maison de santé pluriprofessionnelle")
    _leave_markdown(page, "titre")
    _publish(page)
    text = _wait_for_file(editor.root / "references" / f"{NEW_ID}.yaml")
    assert "commentaire: |" in text  # a block scalar, as a documentalist writes it
    result = _validate(editor.root)
    assert result.returncode == 0, result.stdout
    assert NEW_ID not in result.stdout
    report = load_base(editor.root)
    (created,) = (r for r in report.corpus.references if r.id == NEW_ID)
    assert (created.type, created.date, created.section) == (
        "rapport",
        "2024-03-05",
        "acces-a-la-sante",
    )
    assert created.auteurs[0].organisation == "CRES Provence-Alpes-Côte d'Azur"
    assert created.termes == ("cls", "msp")
    assert (
        created.commentaire == "Un **commentaire** qui cite [@rojouan-2022].\n\nSecond paragraphe."
    )
    # The preview rebuilds and serves its page.
    address = f"{editor.preview}/references/{NEW_ID}/"
    assert _eventually(lambda: "Essai d’une fiche créée dans l’éditeur" in _fetch(address))
    # The editor's page, its bundle and the local server: nothing from a third party.
    assert {urlsplit(f"//{host}").hostname for host in editor.hosts} == {"127.0.0.1"}


def test_a_glossary_definition_edited_in_the_form(page: Any, editor: Editor) -> None:
    page.goto(editor.preview + "/admin/#/collections/glossaire/entries/cls")
    _wait_for_value(page, "terme", "Contrat local de santé")
    editor_box = page.locator(".cms-editor-raw [role=textbox]")
    editor_box.get_by_text("Les Contrats locaux de santé", exact=False).first.wait_for()
    wanted = "Contrat signé entre l’ARS et une collectivité, révisé [@hcsp-2021]."
    for _ in range(3):  # on a loaded machine the editor may take the text late: type again
        _type_markdown(page, [wanted])
        if editor_box.inner_text().replace("\ufeff", "").strip() == wanted:
            break
    assert editor_box.inner_text().replace("\ufeff", "").strip() == wanted
    assert _field(page, "id").input_value() == "cls"  # the file's name, not asked for
    _leave_markdown(page, "terme")
    _publish(page)
    path = editor.root / "glossaire" / "cls.yaml"
    deadline = time.monotonic() + 30
    while "révisé" not in path.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    result = _validate(editor.root)
    assert result.returncode == 0, result.stdout
    assert "glossaire/cls.yaml" not in result.stdout
    (term,) = (t for t in load_base(editor.root).corpus.terms if t.id == "cls")
    assert term.definition == "Contrat signé entre l’ARS et une collectivité, révisé [@hcsp-2021]."
    assert "id: cls\n" in path.read_text(encoding="utf-8")
    # The other fields keep their values (written in another YAML style: block lists).
    assert (term.sigle, term.voir_aussi) == ("CLS", ("asv", "clsm", "cpts"))
    assert term.sources == (
        "loi-hpst-2009",
        "loi-modernisation-2016",
        "ars-contrats-locaux-de-sante",
    )


def test_an_impossible_date_is_refused_by_the_form(page: Any, editor: Editor) -> None:
    page.goto(editor.preview + "/admin/#/collections/references/new")
    _field(page, "id").fill("date-impossible-2016")
    _choose(page, "type", "Rapp", "Rapport")
    _field(page, "titre").fill("Une date impossible")
    _field(page, "date").fill("2016-13")
    _publish(page)
    error = page.get_by_text("date impossible (mois 01 à 12")
    error.wait_for(timeout=15000)
    time.sleep(1)
    path = editor.root / "references" / "date-impossible-2016.yaml"
    assert not path.exists()
    # A date the form cannot judge is saved; the preview's banner gives the validator's message.
    _field(page, "date").fill("")  # (one fill would add to what the field holds)
    _field(page, "date").fill("2017-02-30")
    _publish(page)
    try:
        _wait_for_file(path)
        status = f"{editor.preview}/apercu.json"
        assert _eventually(lambda: "date-impossible-2016.yaml" in _fetch(status))
        page.goto(f"{editor.preview}/glossaire/")
        banner = page.locator(".biblio-apercu-erreurs")
        banner.wait_for(timeout=30000)
        text = banner.inner_text()
        assert "references/date-impossible-2016.yaml:" in text
        assert "date invalide « 2017-02-30 »" in text
        assert "[R004]" in text
    finally:
        path.unlink(missing_ok=True)
    # Fixed (here, removed): the preview shows the records again, without errors.
    assert _eventually(lambda: '"erreurs": []' in _fetch(f"{editor.preview}/apercu.json"))


def test_the_preview_serves_the_generated_configuration_and_the_bundle(editor: Editor) -> None:
    served = _fetch(f"{editor.preview}/admin/config.yml")
    assert served == editor_config_text(EditorSettings(port=editor.port))
    page = _fetch(f"{editor.preview}/admin/")
    assert '<script src="decap-cms.js"></script>' in page  # from the site itself, no CDN
    assert "noindex" in page
    assert "/admin/" not in _fetch(f"{editor.preview}/urls.txt").split()
    # The preview's live reload script is written into a comment: a rebuild (another record
    # saved) does not reload the editor and lose the form being filled.
    assert "livereload(" in page
    assert page.rindex("<!--") < page.index("livereload(") < page.rindex("-->")


DRAFT = """\
type: article-revue
titre: Fiche importée incomplète
date: '2024'
brouillon: true
complements:
  bibtex:shorttitle: Fiche courte
# À compléter : publication
"""


def test_an_imported_draft_is_listed_apart_and_finished_in_the_form(
    page: Any, editor: Editor
) -> None:
    path = editor.root / "references" / "brouillon-editeur-2024.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    try:
        page.goto(editor.preview + "/admin/#/collections/references")
        page.get_by_role("button", name="Filtrer par").click()
        page.get_by_text("Fiches à compléter (brouillons)").click()
        entries = page.locator("a[href*='/entries/']")
        entries.first.wait_for(timeout=30000)
        # Only the drafts are listed (the repository has none of its own).
        assert [e.inner_text().strip() for e in entries.all()] == ["Fiche importée incomplète"]
        entries.first.click()
        _wait_for_value(page, "titre", "Fiche importée incomplète")
        assert _field(page, "id").input_value() == "brouillon-editeur-2024"
        _field(page, "publication").fill("Santé publique")
        assert _field(page, "brouillon").get_attribute("aria-checked") == "true"
        _field(page, "brouillon").click()
        _publish(page)
        deadline = time.monotonic() + 30
        while "Santé publique" not in path.read_text("utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        finished = path.read_text(encoding="utf-8")
        assert "brouillon: false" in finished
        assert "bibtex:shorttitle: Fiche courte" in finished  # an import's data kept
        result = _validate(editor.root)
        assert result.returncode == 0, result.stdout
        assert "brouillon-editeur-2024" not in result.stdout  # complete: no R012 left
    finally:
        path.unlink(missing_ok=True)


def _ask_server(editor: Editor, **headers: str) -> tuple[int, str]:
    """The status and text of an « info » request to decap-server with ``headers``."""
    body = json.dumps({"action": "info", "params": {"branch": "main"}}).encode()
    url = f"http://127.0.0.1:{editor.port}/api/v1"
    request = Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    try:
        with urlopen(request, timeout=10) as response:
            return int(response.status), response.read().decode("utf-8")
    except HTTPError as refused:
        return refused.code, refused.read().decode("utf-8")


def test_the_local_server_answers_only_requests_addressed_to_127_0_0_1(editor: Editor) -> None:
    assert _ask_server(editor)[0] == 200
    # DNS rebinding: a foreign site's page whose name now points at 127.0.0.1 is refused.
    status, text = _ask_server(editor, Host=f"rebind.example:{editor.port}")
    assert (status, text) == (403, "Adresse refusée : l'éditeur ne répond qu'à 127.0.0.1.\n")


def test_the_local_server_answers_only_the_editor_page(editor: Editor) -> None:
    """decap-server's CORS admits any local page; the guard, only the preview's (the editor)."""
    preview_port = urlsplit(editor.preview).port
    for origin in (f"http://127.0.0.1:{preview_port}", f"http://localhost:{preview_port}"):
        assert _ask_server(editor, Origin=origin)[0] == 200
    # Another program's page on this machine (a development server, say) cannot write.
    for origin in ("http://127.0.0.1:3000", "http://localhost:5173", "null", "https://a.example"):
        status, text = _ask_server(editor, Origin=origin)
        assert status == 403, origin
        assert f"ne répond qu'à sa page http://127.0.0.1:{preview_port}/admin/" in text
