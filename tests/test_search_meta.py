"""The search index's markup of a page (kind and facets): record text stays a value."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.render.search_meta import search_block


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(k, v or "") for k, v in attrs if k.startswith("data-pagefind-")]

    def handle_data(self, data: str) -> None:
        self.text += data


def test_a_reference_block() -> None:
    block = search_block("Référence (3)", [("type", "Loi"), ("annee", "2009"), ("terme", "")])
    assert block == (
        '<div class="biblio-facettes" data-pagefind-ignore>'
        '<span data-pagefind-meta="genre:Référence (3)"></span>'
        '<span data-pagefind-filter="type:Loi"></span>'
        '<span data-pagefind-filter="annee:2009"></span></div>'
    )


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1), st.sampled_from(["type", "annee", "section", "terme"]))
def test_any_value_is_one_attribute_and_no_markup(value: str, key: str) -> None:
    parser = _Spans()
    parser.feed(search_block("Terme", [(key, value)]))
    parser.close()
    assert parser.tags[0] == "div"
    assert set(parser.tags[1:]) == {"span"}
    assert parser.text == ""
    wanted = [("data-pagefind-ignore", ""), ("data-pagefind-meta", "genre:Terme")]
    if value.split():
        # Pagefind's inline form: the key, then everything after the first colon.
        wanted.append(("data-pagefind-filter", f"{key}:{' '.join(value.split())}"))
    assert parser.attributes == wanted
