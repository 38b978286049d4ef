"""``make editer``: the preview (as ``make serve``) and Decap's local server, both on 127.0.0.1.

decap-server writes the records the editor saves into the working tree as they are (``fs``
mode: no commit, the documentalist commits as usual); the preview rebuilds what a save
touches and shows the validator's messages in its banner. Ctrl-C stops both.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from biblio.editor import PORT_VARIABLE, SERVER, settings_from_env

PREVIEW_ADDRESS = "127.0.0.1:8000"


# Preloaded: decap-server answers only requests addressed to 127.0.0.1 (DNS rebinding) and,
# from a page, only the editor's own (see editor_guard.js).
GUARD = Path(__file__).with_name("editor_guard.js")


def server_command(root: Path) -> list[str] | None:
    """How to start decap-server from ``root``'s ``editeur/node_modules``, or None."""
    node = shutil.which("node") or shutil.which("nodejs")
    script = root / SERVER
    return [node, "-r", str(GUARD), str(script)] if node and script.is_file() else None


def server_environment(root: Path, port: int, preview: str) -> dict[str, str]:
    """decap-server's settings: the tree to write, the port, the local address only; the
    guard's: the preview's port (``preview`` is its address), the only page answered."""
    local = {"PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs"}
    local["BIBLIO_PORT_APERCU"] = preview.rpartition(":")[2]
    return {**os.environ, **local, "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}


def main(root: Path, address: str = PREVIEW_ADDRESS) -> int:
    # Ctrl-C stops both, even when started from a shell that ignores it (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        settings = settings_from_env(os.environ)
    except ValueError as exc:
        print(f"make editer : {exc}", file=sys.stderr)
        return 2
    command = server_command(root)
    if command is None:
        print(
            "make editer : l'éditeur n'est pas installé (il faut node et npm, paquets Debian "
            "nodejs et npm, puis make install).",
            file=sys.stderr,
        )
        return 1
    env = {**os.environ, PORT_VARIABLE: str(settings.port)}
    server_env = server_environment(root, settings.port, address)
    server = subprocess.Popen(command, cwd=root, env=server_env)
    preview = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address]
    print(f"Éditeur : http://{address}/admin/ (Ctrl-C pour arrêter)", flush=True)
    try:
        return subprocess.run(preview, cwd=root, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    from biblio import argparse_fr

    argparse_fr.install()
    parser = argparse.ArgumentParser(description="Aperçu et éditeur des fiches (make editer).")
    parser.add_argument("--adresse", default=PREVIEW_ADDRESS, help="adresse de l'aperçu")
    sys.exit(main(Path.cwd(), parser.parse_args().adresse))
