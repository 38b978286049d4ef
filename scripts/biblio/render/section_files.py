"""Each section's references as RIS and BibTeX files, beside the section's page.

Zotero's connector imports a ``.ris`` or ``.bib`` file when the host serves it with its
type (``CONTENT_TYPES``: the README shows the host configuration; the preview registers them).
"""

from __future__ import annotations

from biblio.convert import bibtex, ris
from biblio.model import Section
from biblio.render.context import SiteContext

FORMATS = {"ris": ("RIS", ris), "bib": ("BibTeX", bibtex)}
CONTENT_TYPES = {
    ".ris": "application/x-research-info-systems",
    ".bib": "application/x-bibtex",
    ".csl": "application/vnd.citationstyles.style+xml",
}


def section_files(section: Section, context: SiteContext) -> dict[str, str]:
    """``sections/<id>.ris`` and ``.bib`` with the section's own references, in its order."""
    refs = context.by_section.get(section.id, [])
    if not refs:
        return {}
    return {
        f"sections/{section.id}.{ext}": module.dump(refs) for ext, (_, module) in FORMATS.items()
    }


def section_files_line(section: Section, context: SiteContext) -> str:
    """The links to the files, for the section's page (relative to ``sections/<id>.md``)."""
    count = len(context.by_section.get(section.id, []))
    if not count:
        return ""
    links = " · ".join(
        f"[{label} ({section.id}.{ext})]({section.id}.{ext})" for ext, (label, _) in FORMATS.items()
    )
    what = "la référence" if count == 1 else f"les {count} références"
    return f"Télécharger {what} de cette section pour Zotero : {links}\n{{: .biblio-telecharger }}"
