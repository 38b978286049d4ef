"""« Citer dans un autre style »: the reference in published styles, each ready to copy."""

from __future__ import annotations

from biblio.csl_styles import styled_citations
from biblio.model import Reference


def other_styles_markdown(ref: Reference) -> str:
    """One copyable block per style (the copy button of Material's code blocks)."""
    blocks = [
        f"**{style.label}**\n\n~~~~ {{ .text .biblio-citer-style }}\n{text}\n~~~~"
        for style, text in styled_citations(ref)
        if text
    ]
    if not blocks:
        return ""
    return "## Citer dans un autre style\n\n" + "\n\n".join(blocks)
