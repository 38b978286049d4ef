"""Subcommands of ``biblio`` that read and write files (thin edges over the pure core)."""
