"""All generated pages of the site, as relative path → Markdown text."""

from __future__ import annotations

from biblio.model import Corpus
from biblio.render.schema_page import render_schema_page


def generated_pages(corpus: Corpus) -> dict[str, str]:
    """Pages generated from the records; the same for ``biblio generer`` and MkDocs."""
    del corpus  # record pages come with the site; the format page needs only the schema
    return {"format-des-fiches.md": render_schema_page()}
