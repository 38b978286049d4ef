"""The PDF edition: the built site's print page (``/imprimer/``) printed by chromium.

Running page numbers and the title page are CSS paged media (``docs/assets/biblio.css``),
which chromium prints by itself; the page numbers of the table of contents are not
(chromium has no ``target-counter``). So the page is printed twice: the first PDF tells on
which page each part starts (its named destinations, one per link target), the numbers are
written into the contents, and the page is printed again, until the numbers no longer move.

Needs Playwright and pypdf (the ``dev`` extra) and Debian's chromium::

    python -m biblio.print_pdf site edition.pdf
"""

from __future__ import annotations

import functools
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader

PRINT_PATH = "/imprimer/"
CHROMIUM = "/usr/bin/chromium"
MAX_PASSES = 4
# Writes each contents entry's page number before its link (floated right by the CSS).
_FILL_CONTENTS = """pages => {
  for (const link of document.querySelectorAll('.biblio-sommaire li > a[href^="#"]')) {
    const number = pages[decodeURIComponent(link.getAttribute('href').slice(1))];
    let span = link.previousElementSibling;
    if (!span || !span.classList.contains('biblio-page')) {
      span = document.createElement('span');
      span.className = 'biblio-page';
      link.before(span);
    }
    span.textContent = number === undefined ? '' : String(number);
  }
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served on 127.0.0.1 while the block runs: its base address."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def start_pages(pdf: bytes) -> dict[str, int]:
    """Page number (from 1) of each named destination (each anchor a link points to)."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = {}
    for name, destination in reader.named_destinations.items():
        index = reader.get_destination_page_number(destination)
        if index is not None:
            pages[str(name).lstrip("/")] = index + 1
    return pages


def print_page(page: Page, url: str) -> bytes:
    """The print page at ``url`` as a PDF with its contents' page numbers."""
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    for _ in range(MAX_PASSES):
        pages = start_pages(pdf)
        page.evaluate(_FILL_CONTENTS, pages)
        pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
        if start_pages(pdf) == pages:
            return pdf
    raise RuntimeError("la pagination du sommaire ne se stabilise pas")


def print_edition(site: Path, chromium: str = CHROMIUM) -> bytes:
    """The PDF edition of the built site in ``site``."""
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            return print_page(browser.new_page(), base + PRINT_PATH)
        finally:
            browser.close()


def main(arguments: list[str]) -> int:
    if len(arguments) != 2:
        print("usage : python -m biblio.print_pdf DOSSIER_DU_SITE SORTIE.pdf", file=sys.stderr)
        return 2
    site, output = Path(arguments[0]), Path(arguments[1])
    if not (site / PRINT_PATH.strip("/") / "index.html").is_file():
        print(
            f"{site} : pas de page {PRINT_PATH} (construisez le site : make build)", file=sys.stderr
        )
        return 1
    output.write_bytes(print_edition(site))
    print(f"{output} : édition PDF écrite")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
