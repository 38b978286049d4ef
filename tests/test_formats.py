"""The registry of exchange formats is what the command line, the importer and the
downloads offer."""

from __future__ import annotations

import pytest

from biblio.cli import build_parser
from biblio.convert.formats import BY_NAME, EXCHANGE_FORMATS, by_suffix, expected_formats
from biblio.importing import detect_format, read_entries
from biblio.render.downloads import FILES
from biblio.render.reference_page import reference_downloads
from test_every_field import FULL


def test_every_suffix_names_its_format() -> None:
    for exchange in EXCHANGE_FORMATS:
        for suffix in exchange.suffixes:
            assert by_suffix(f"export{suffix.upper()}") is exchange
            assert detect_format("rien", f"export{suffix}") == exchange.name
    assert by_suffix("export.txt") is None


def test_an_unknown_file_names_every_format() -> None:
    _, (problem,) = read_entries(b"rien", "export.txt")
    assert problem.message == f"format non reconnu : {expected_formats()} attendu"
    for exchange in EXCHANGE_FORMATS:
        assert f"{exchange.label} ({exchange.suffix})" in problem.message


def test_the_command_line_exports_every_format() -> None:
    for name in ["json", *BY_NAME]:
        assert build_parser().parse_args(["exporter", "--format", name]).format == name
    with pytest.raises(SystemExit):
        build_parser().parse_args(["exporter", "--format", "endnote"])


def test_the_downloads_offer_every_format() -> None:
    paths = [path for path, _, _ in FILES]
    per_record = reference_downloads(FULL)
    for exchange in EXCHANGE_FORMATS:
        assert f"telechargements/bibliographie{exchange.suffix}" in paths
        assert per_record[f"references/{FULL.id}{exchange.suffix}"] == exchange.dump([FULL])
