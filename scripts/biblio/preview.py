"""What the local preview (``make serve``) shows when the records have errors.

The preview keeps serving the last good site: a record that becomes invalid must not stop it.
After each rebuild the preview writes ``apercu.json`` (the errors, as the validator prints
them, or none); every page of the preview carries a small script that reads it and, when
there are errors, shows them in a French banner at the top of the page, gone once fixed.
The published site (``make build``) carries neither the file nor the script.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from biblio.diagnostics import Diagnostic

STATUS_FILE = "apercu.json"

# Built with textContent only: a diagnostic quotes record text, which is never HTML here.
_SCRIPT = """<script>
(function () {
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  fetch(base + "/%(status)s", {cache: "no-store"})
    .then(function (answer) { return answer.ok ? answer.json() : {erreurs: []}; })
    .then(function (status) {
      if (!status.erreurs || !status.erreurs.length) return;
      var banner = document.createElement("div");
      banner.className = "biblio-apercu-erreurs admonition failure";
      banner.setAttribute("role", "alert");
      var title = document.createElement("p");
      title.className = "admonition-title";
      title.textContent = %(title)s;
      var advice = document.createElement("p");
      advice.textContent = %(advice)s;
      var list = document.createElement("pre");
      list.textContent = status.erreurs.join("\\n");
      banner.append(title, advice, list);
      var content = document.querySelector(".md-content__inner") || document.body;
      content.prepend(banner);
    })
    .catch(function () {});
})();
</script>
"""
TITLE = "Aperçu : la dernière modification n’est pas affichée"
ADVICE = (
    "Ces fiches contiennent des erreurs : l’aperçu montre la dernière version valide. "
    "Corrigez-les et enregistrez ; ce bandeau disparaîtra."
)


def status_json(errors: Sequence[Diagnostic]) -> str:
    """The content of ``apercu.json``: the errors as ``biblio valider`` prints them."""
    return json.dumps({"erreurs": [d.format() for d in errors]}, ensure_ascii=False) + "\n"


def banner_script() -> str:
    """The script every preview page carries (before ``</body>``)."""
    return _SCRIPT % {
        "status": STATUS_FILE,
        "title": json.dumps(TITLE, ensure_ascii=False),
        "advice": json.dumps(ADVICE, ensure_ascii=False),
    }
