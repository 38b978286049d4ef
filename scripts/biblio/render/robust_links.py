"""Links to documents that have an archived copy, written as Robust Links.

Robust Links (robustlinks.mementoweb.org): the link keeps its target and carries
``data-originalurl``, ``data-versionurl`` and ``data-versiondate``, so that a reader (or a
script) can reach the copy when the original is gone. When the last link check found the
original dead, the page leads with the copy and says so.
"""

from __future__ import annotations

from biblio.dates import french
from biblio.model import Reference
from biblio.render.text import for_screen_readers, plain

# Characters that would end an attribute value of Markdown's attr_list, percent-encoded.
_UNSAFE = {'"': "%22", "{": "%7B", "}": "%7D", " ": "%20", "<": "%3C", ">": "%3E", "\\": "%5C"}


def _safe(url: str) -> str:
    return "".join(_UNSAFE.get(ch, ch) for ch in url)


def version_date(ref: Reference) -> str:
    return ref.date_archive or ref.date_consultation


def robust_attributes(ref: Reference) -> str:
    """The three Robust Links attributes (the date only when known)."""
    attributes = [
        f'data-originalurl="{_safe(ref.url)}"',
        f'data-versionurl="{_safe(ref.url_archive)}"',
    ]
    if version_date(ref):
        attributes.append(f'data-versiondate="{version_date(ref)}"')
    return " ".join(attributes)


def consult_with_archive(ref: Reference, kind: str, dead: bool) -> str:
    """« Consulter … » for a record with ``url_archive``; the copy first when ``dead``."""
    attributes = robust_attributes(ref)
    when = f" du {french(version_date(ref))}" if version_date(ref) else ""
    title = for_screen_readers(f" : {plain(ref.titre)}")  # the title is just above
    if dead:
        return (
            f"[Consulter la copie archivée{when}{title}]({_safe(ref.url_archive)})"
            f"{{ .biblio-consulter .biblio-archive {attributes} }}\n\n"
            "L'adresse d'origine ne répond plus (dernière vérification des liens) : "
            f"[{plain(ref.url)}]({_safe(ref.url)}){{ {attributes} }}"
        )
    return (
        f"[Consulter {kind}{title}]({_safe(ref.url)}){{ .biblio-consulter {attributes} }} "
        f"([copie archivée{when}]({_safe(ref.url_archive)}){{ {attributes} }})"
    )
