"""The editing interface at ``/admin/``: its page, its configuration and the editor's bundle.

``editor_files`` gives the files ``publish.site_files`` adds to every build (MkDocs plugin,
``biblio generer`` and Zensical alike): ``admin/index.html`` (not indexed, not linked from any
reader page, out of ``urls.txt`` since it is no Markdown page), ``admin/config.yml``
(generated from the schema by ``render.editor_config``) and Decap CMS's prebuilt files, copied
from ``editeur/node_modules`` (installed by ``make install`` with ``npm ci``): the editor loads
nothing from a third party. Without them (no npm), the page says so in French.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from biblio.render.editor_config import (
    DEFAULT_PORT,
    HOSTS,
    EditorSettings,
    editor_config_text,
)

FOLDER = "admin"
CONFIG = f"{FOLDER}/config.yml"
PAGE = f"{FOLDER}/index.html"
BUNDLE = "decap-cms.js"
PACKAGES = Path("editeur") / "node_modules"
DIST = PACKAGES / "decap-cms" / "dist"
SERVER = PACKAGES / "decap-server" / "dist" / "index.js"
# The entry file and the chunks it loads on demand (source maps left out).
_BUNDLE_FILE = re.compile(r"^(?:[0-9]+\.)?decap-cms\.js$")

# Environment settings (as BIBLIO_URL_SITE for the public address).
PORT_VARIABLE = "BIBLIO_EDITEUR_PORT"  # decap-server's port on 127.0.0.1
REPO_VARIABLE = "BIBLIO_EDITEUR_DEPOT"  # « github:proprietaire/depot » or « gitlab:groupe/projet »
BRANCH_VARIABLE = "BIBLIO_EDITEUR_BRANCHE"
APP_VARIABLE = "BIBLIO_EDITEUR_APP_ID"  # GitLab: the OAuth application's id

_PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Éditer les fiches</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
%s
</body>
</html>
<!-- %s </body> -->
"""
# The preview (mkdocs serve) reloads every page it serves after each rebuild, by a script it
# writes before the page's last « </body> »: an editor reloaded loses the form being filled.
# That last « </body> » is in a comment, so is the script.
NO_RELOAD = "Pas de rechargement automatique de l'éditeur par l'aperçu :"

# The id of a record written by hand or imported is its file's name, which the file does not
# repeat: the form shows it from the entry's name instead of asking for it (a new record's
# id stays to be typed: it names the file). Decap gives ``CMS``, ``createClass`` and ``h``.
ID_WIDGET = "identifiant"
_ID_WIDGET_SCRIPT = """<script>
CMS.registerWidget("ID_WIDGET", createClass({
  componentDidMount: function () {
    var name = this.props.entry && this.props.entry.get("slug");
    if (!this.props.value && name) this.props.onChange(name);
  },
  render: function () {
    var props = this.props;
    return h("input", {
      type: "text", id: props.forID, className: props.classNameWrapper,
      value: props.value || "", onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
      onChange: function (event) { props.onChange(event.target.value); }
    });
  }
}));
</script>""".replace("ID_WIDGET", ID_WIDGET)
_LOAD = f'<script src="{BUNDLE}"></script>\n{_ID_WIDGET_SCRIPT}'
NOT_INSTALLED = (
    "<main><h1>Éditer les fiches</h1><p>L’éditeur n’est pas installé\u00a0: il faut npm "
    "(paquets Debian <code>nodejs</code> et <code>npm</code>), puis <code>make install</code> "
    "et <code>make editer</code>. Voir la page «\u00a0Contribuer\u00a0».</p></main>"
)


def settings_from_env(environ: Mapping[str, str]) -> EditorSettings:
    """The editor's settings from the environment; ``ValueError`` (French) when one is wrong."""
    port_text = environ.get(PORT_VARIABLE, "") or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"{PORT_VARIABLE} : port invalide « {port_text} » (attendu 1 à 65535)")
    repo = environ.get(REPO_VARIABLE, "")
    if not repo:
        return EditorSettings(port=int(port_text))
    host, _, name = repo.partition(":")
    if host not in HOSTS or not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", name):
        raise ValueError(
            f"{REPO_VARIABLE} : « {repo} » invalide (attendu github:proprietaire/depot "
            "ou gitlab:groupe/projet)"
        )
    return EditorSettings(
        port=int(port_text),
        host=host,
        repo=name,
        branch=environ.get(BRANCH_VARIABLE, "") or "main",
        app_id=environ.get(APP_VARIABLE, ""),
    )


def bundle_files(root: Path) -> dict[str, str]:
    """Decap CMS's prebuilt files under ``root``'s ``editeur/node_modules``, by site path."""
    dist = root / DIST
    if not (dist / BUNDLE).is_file():
        return {}
    return {
        f"{FOLDER}/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(dist.iterdir())
        if _BUNDLE_FILE.match(path.name)
    }


def editor_files(root: Path, settings: EditorSettings) -> dict[str, str]:
    """The files of ``/admin/``, by site path."""
    bundle = bundle_files(root)
    page = _PAGE % (_LOAD if bundle else NOT_INSTALLED, NO_RELOAD)
    return {PAGE: page, CONFIG: editor_config_text(settings), **bundle}
