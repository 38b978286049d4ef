"""Property tests of the Markdown renderer: whatever a record's text, its pages' HTML holds
no script, no event attribute, no address with another scheme than http(s), mailto or
relative (entities decoded), no image from another host, no tooltip made of HTML; and
rendering never fails. ``benchmarks/fuzz.py`` runs the same properties longer."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblio.validate.runner import load_base
from conftest import FIXTURES
from site_html import FIELDS, converter, problems_with

BASE = load_base(FIXTURES / "base", use_cache=False).corpus
MD = converter(FIXTURES / "base")
# fmt: off
# Pieces of Markdown and HTML that have broken sanitizers: tags, schemes, entities, attribute
# lists, link titles, citations, code; joined with arbitrary characters.
FRAGMENTS = (
    "<", ">", "&", ";", "#", '"', "'", "(", ")", "[", "]", "!", "{", "}", "{:", ":", "=",
    "*", "_", "`", "~~~", "|", "-", "\\", "/", "//", " ", "\t", "\n", "\n\n", "    ",
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=javascript:x>",
    "<!--", "-->", "<svg onload=alert(1)>", "<iframe src=//x>", "<style>", "<b>",
    "javascript:", "JaVaScRiPt:", "java\tscript:", "vbscript:", "data:", "data:text/html,",
    "&#106;", "&#x6A;", "&#X6a;", "&colon;", "&Tab;", "&NewLine;", "&lt;", "&gt;", "&amp;",
    "&quot;", "&#0;", "https://", "http://tracker.invalid/p.png", "mailto:",
    "onerror=", "onclick=", "title=", "data-title=", "data-src=", "style=", ".glightbox",
    "[x](", "![x](", "](", ' "t")', "[x]: ", "[^1]", "[^1]: ", "[@loi-2009]",
    "[^@loi-2009]", "[@article-2016]", "CLS", "Contrat local de santé", "# ", "> ", "1. ",
    "<https://x.fr>", "<div markdown>", "</div>",
)
# Whole payloads, so that a short run meets them too.
PAYLOADS = (
    "[x](javascript:alert(1))", "[x](&#106;avascript:alert(1))", "[x](java&Tab;script:x)",
    "[x](javascript&colon;alert(1))", "![x](&#x6A;avascript:alert(1))",
    "![x](https://tracker.invalid/p.png)", "![x](//tracker.invalid/p.png)",
    '[x](https://x.fr "<img src=x onerror=alert(1)>")', "![x](#){: data-title=\"<b>x</b>\" }",
    "[x](#){: onclick=alert(1) }", '![x](#){: data-src="javascript:alert(1)" }',
    "[x][r]\n\n[r]: https://x.fr \"<b>t</b>\"", "<script>alert(1)</script>",
)
# fmt: on
TEXTS = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), st.sampled_from(FRAGMENTS), st.text(max_size=3)),
    max_size=20,
).map("".join)
BUDGET = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("field", FIELDS)
@BUDGET
@given(value=TEXTS)
def test_no_script_from_any_record_text(field: str, value: str) -> None:
    assert problems_with(MD, field, value, BASE) == []
