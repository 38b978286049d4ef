"""Files for reuse: the whole base in each format, an Atom feed (print page: print_edition)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from biblio.cite import cached_citation as format_citation
from biblio.convert import base_json
from biblio.convert.formats import EXCHANGE_FORMATS, ExchangeFormat
from biblio.render.context import SiteContext
from biblio.render.metadata import abstract
from biblio.render.print_edition import PRINT_PAGE as PRINT_PAGE
from biblio.render.text import link


def _label(exchange: ExchangeFormat) -> str:
    return f"{exchange.label} ({exchange.detail})" if exchange.detail else exchange.label


PAGE = "telechargements.md"
FEED = "veille.xml"
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
# What XML 1.0 cannot carry, even escaped: C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF. A title imported with a stray « \x07 » must not make the
# whole feed unreadable: such characters are dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BASE_JSON = "telechargements/base.json"
# Path, format, who reads it: each exchange format, then the whole base in JSON.
FILES = (
    *((f"telechargements/bibliographie{f.suffix}", _label(f), f.uses) for f in EXCHANGE_FORMATS),
    (BASE_JSON, "JSON de toute la base", "sections, références, glossaire"),
)


def download_files(context: SiteContext) -> dict[str, str]:
    refs = context.edition_order
    files = {f"telechargements/bibliographie{f.suffix}": f.dump(refs) for f in EXCHANGE_FORMATS}
    return files | {BASE_JSON: base_json.dump(context.corpus)}


def downloads_markdown(context: SiteContext) -> str:
    lines = [
        "# Téléchargements",
        "",
        f"Toute la base ({len(context.references)} références), reconstruite avec le site :",
        "",
        "| Fichier | Format | Pour |",
        "|---|---|---|",
    ]
    for path, label, use in FILES:
        name = path.rsplit("/", 1)[1]
        lines.append(f"| {link(PAGE, path, name)} | {label} | {use} |")
    lines += [
        "",
        f"- {link(PAGE, PRINT_PAGE, 'Version imprimable de toute la bibliographie')} "
        "(à imprimer ou enregistrer en PDF depuis le navigateur).",
        f"- [Fil de veille Atom]({FEED}) : les {FEED_SIZE} dernières références ajoutées, "
        "à suivre dans un lecteur de flux ou un outil de lettre d'information.",
        f"- {link(PAGE, 'telechargements/style-maison.csl', 'Style de citation de la base')} "
        "(fichier CSL) : à ouvrir avec Zotero, qui l'installe, pour citer dans le style de "
        "la bibliographie (approché : les dates « màj » n'y figurent pas).",
    ]
    return "\n".join(lines) + "\n"


def atom_feed(context: SiteContext, site_url: str) -> str:
    """The latest additions as an Atom feed; links are absolute when the site's URL is known."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    latest = context.latest[:FEED_SIZE]
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "fr"})
    ET.SubElement(feed, "title").text = "Veille — Dynamiques territoriales de santé"
    ET.SubElement(feed, "id").text = f"{base}{FEED}" if base else "urn:biblio-dts:veille"
    ET.SubElement(feed, "updated").text = (
        f"{latest[0].date_ajout}T00:00:00Z" if latest else "1970-01-01T00:00:00Z"
    )
    ET.SubElement(feed, "link", {"rel": "self", "href": f"{base}{FEED}"})
    ET.SubElement(feed, "link", {"href": base or "./"})
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "Réseau documentaire"
    for ref in latest:
        url = f"{base}references/{ref.id}/"
        item = ET.SubElement(feed, "entry")
        ET.SubElement(item, "title").text = xml_text(ref.titre)
        ET.SubElement(item, "id").text = url if base else f"urn:biblio-dts:{ref.id}"
        ET.SubElement(item, "link", {"href": url})
        ET.SubElement(item, "updated").text = f"{ref.date_ajout}T00:00:00Z"
        summary = format_citation(ref).text
        if ref.commentaire:  # rendered text: citations as « (18) », no Markdown
            summary += "\n\n" + abstract(ref, context.references)
        ET.SubElement(item, "summary").text = xml_text(summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)
