"""Records to Markdown: pure, deterministic functions."""
