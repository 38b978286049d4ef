"""Each section's references as RIS and BibTeX files, beside the section's page.

Zotero's connector imports a ``.ris`` or ``.bib`` file when the host serves it with its
type (``CONTENT_TYPES``: the README shows the host configuration; the preview registers them).
"""

from __future__ import annotations

import functools

from biblio.convert.formats import BY_NAME
from biblio.model import Reference, Section
from biblio.render.context import SiteContext

# The formats Zotero's connector imports from a link (CSL-JSON it does not): RIS first.
FORMATS = (BY_NAME["ris"], BY_NAME["bibtex"])
# Not .json: the site's other JSON files (base.json, the preview's status) are no CSL-JSON.
CONTENT_TYPES = {f.suffix: f.media_type for f in FORMATS} | {
    ".csl": "application/vnd.citationstyles.style+xml",
}


def section_files(section: Section, context: SiteContext) -> dict[str, str]:
    """``sections/<id>.ris`` and ``.bib`` with the section's own references, in its order."""
    refs = tuple(context.by_section.get(section.id, []))
    if not refs:
        return {}
    return {f"sections/{section.id}{f.suffix}": _dumped(f.name, refs) for f in FORMATS}


@functools.lru_cache(maxsize=256)  # `make serve` rebuilds: unchanged sections are reused
def _dumped(format_name: str, refs: tuple[Reference, ...]) -> str:
    return BY_NAME[format_name].dump(list(refs))


def section_files_line(section: Section, context: SiteContext) -> str:
    """The links to the files, for the section's page (relative to ``sections/<id>.md``)."""
    count = len(context.by_section.get(section.id, []))
    if not count:
        return ""
    links = " · ".join(
        f"[{f.label} ({section.id}{f.suffix})]({section.id}{f.suffix})" for f in FORMATS
    )
    what = "la référence" if count == 1 else f"les {count} références"
    return f"Télécharger {what} de cette section pour Zotero : {links}\n{{: .biblio-telecharger }}"
