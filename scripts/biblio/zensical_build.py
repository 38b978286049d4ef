"""Thin Zensical adapter (``make build-zensical``): the site built without MkDocs.

Zensical, Material for MkDocs' successor, reads ``mkdocs.yml`` and runs our Python-Markdown
extension, but no MkDocs plugin: the core's files (``biblio.publish.site_files``) are written
next to the hand-written pages in a work folder, Zensical builds it, Pagefind indexes it (the
same settings, ``pagefind.yml``), and the address promise is checked on what Zensical wrote.
The finished site replaces the destination only when every step succeeded.

    python -m biblio.zensical_build [--racine DOSSIER] [--sortie DOSSIER]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from biblio.commands.support import UsageError, load_clean_report, root_of
from biblio.output import SiteSwap, path_under
from biblio.publish import DOCS, check_built_site, promise_message, site_files

WORK = Path("build") / "zensical"  # under the root; build/ is ignored by git
THEME_FOLDER = "overrides"
# Zensical's theme fetches GLightbox from a CDN unless the page already has it: the copy that
# the MkDocs plugin ships is served by the site itself (nothing fetched from a third party).
LIGHTBOX = "assets/glightbox"
# Its licence as text: a « .md » file in the docs would become a page.
LIGHTBOX_FILES = {"glightbox.min.css": "", "glightbox.min.js": "", "LICENSE.md": "LICENSE.txt"}


class BuildFailed(Exception):
    """A step failed; the message is French and says which."""


def build(root: Path, destination: Path) -> None:
    """Build the site of ``root`` with Zensical into ``destination`` (replaced at the end)."""
    report = load_clean_report(root)
    config = read_config(root)
    site_url = str(config.get("site_url") or "")
    files = site_files(root, report.corpus, report.donnees, site_url)
    if files.missing:
        raise BuildFailed(files.broken_promise())
    work = root / WORK
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root / DOCS, work / DOCS)
    _write_files(work / DOCS, files.files)
    _copy_lightbox(work / DOCS / LIGHTBOX)
    if (root / THEME_FOLDER).is_dir():
        shutil.copytree(root / THEME_FOLDER, work / THEME_FOLDER)
    config_text = yaml.safe_dump(zensical_config(config, root), allow_unicode=True)
    (work / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    _run("Zensical", [_zensical(), "build", "--clean", "--strict", "-f", "mkdocs.yml"], work)
    site = work / "site"  # Zensical writes only within its project folder
    pagefind = [sys.executable, "-m", "pagefind", "--site", str(site.resolve()), "--silent"]
    _run("Pagefind", pagefind, root)  # from the root: Pagefind reads pagefind.yml there
    missing = check_built_site(root, site)
    if missing:
        raise BuildFailed(promise_message(missing))
    _replace_site(site, destination)


def _replace_site(site: Path, destination: Path) -> None:
    """Put the finished site in place of ``destination``, the MkDocs build's way: gathered
    beside it first (the old site stays whole until then), what a killed build left there
    removed."""
    swap = SiteSwap()
    staging = swap.begin(destination)
    try:
        for item in sorted(site.iterdir()):
            shutil.move(item, staging / item.name)  # a copy if on another file system
        swap.complete()
    finally:
        swap.end()


def read_config(root: Path) -> dict[str, Any]:
    """``mkdocs.yml`` with MkDocs' own tags resolved (``!ENV``, ``!relative``)."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_loader(root))
    if not isinstance(data, dict):
        raise BuildFailed("mkdocs.yml : une table de réglages attendue")
    return data


def zensical_config(config: dict[str, Any], root: Path) -> dict[str, Any]:
    """The configuration Zensical is given: same site, no MkDocs plugin of ours, absolute
    addresses for glossary links (Zensical rewrites only relative « .md » links)."""
    result = dict(config, docs_dir=DOCS, site_dir="site")
    result["theme"] = dict(config.get("theme") or {}, custom_dir=THEME_FOLDER)
    # Zensical's own search is English-only (no stemming, accents kept): Pagefind serves it.
    plugins = [p for p in config.get("plugins") or [] if p != "biblio"]
    result["plugins"] = [*plugins, {"search": {"enabled": False}}]
    prefix = urlsplit(str(config.get("site_url") or "")).path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    extensions = []
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "biblio.markdown_ext" in extension:
            options = dict(extension["biblio.markdown_ext"] or {})
            options.update(racine=str(root.resolve()), prefixe_url=prefix)
            extension = {"biblio.markdown_ext": options}
        extensions.append(extension)
    result["markdown_extensions"] = extensions
    result["extra_css"] = [f"{LIGHTBOX}/glightbox.min.css", *(config.get("extra_css") or [])]
    scripts = config.get("extra_javascript") or []
    result["extra_javascript"] = [f"{LIGHTBOX}/glightbox.min.js", *scripts]
    return result


def _loader(root: Path) -> type[yaml.SafeLoader]:
    class ConfigLoader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        for name in names[:-1]:
            if str(name) in os.environ:
                return yaml.safe_load(os.environ[str(name)])
        return names[-1] if names else None

    def relative(loader: yaml.SafeLoader, node: yaml.Node) -> str:
        return str(root.resolve())

    ConfigLoader.add_constructor("!ENV", env)
    ConfigLoader.add_constructor("!relative", relative)
    return ConfigLoader


def _copy_lightbox(target: Path) -> None:
    spec = importlib.util.find_spec("mkdocs_glightbox")
    if spec is None or not spec.submodule_search_locations:
        raise BuildFailed("mkdocs-glightbox absent : make install l'installe")
    source = Path(next(iter(spec.submodule_search_locations))) / "glightbox"
    target.mkdir(parents=True, exist_ok=True)
    for name, renamed in LIGHTBOX_FILES.items():
        shutil.copyfile(source / name, target / (renamed or name))


def _write_files(docs: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = path_under(docs, relative)
        if target.exists():
            raise BuildFailed(f"{DOCS}/{relative} existe déjà : cette page est produite par biblio")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def _zensical() -> str:
    beside = Path(sys.executable).with_name("zensical")
    found = str(beside) if beside.exists() else shutil.which("zensical")
    if found is None:
        raise BuildFailed("zensical absent : make install l'installe (groupe « zensical »)")
    return found


def _run(step: str, command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise BuildFailed(f"{step} a échoué (code {result.returncode}) :\n{output}")


def main(argv: Sequence[str] | None = None) -> int:
    from biblio import argparse_fr

    argparse_fr.install()
    parser = argparse.ArgumentParser(
        prog="python -m biblio.zensical_build", description="construire le site avec Zensical"
    )
    parser.add_argument("--racine", metavar="DOSSIER", help="dossier de la base")
    parser.add_argument(
        "--sortie", default="site-zensical", metavar="DOSSIER", help="site à écrire"
    )
    args = parser.parse_args(argv)
    try:
        root = root_of(args)
        build(root, Path(args.sortie))
    except (UsageError, BuildFailed, ValueError, yaml.YAMLError) as exc:
        print(f"construction Zensical : {exc}", file=sys.stderr)
        return 1
    print(f"site construit avec Zensical : {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
