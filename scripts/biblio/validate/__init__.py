"""Checks: generators of diagnostics over raw records and the whole corpus."""
