"""Reading the base's files into raw records (YAML with line marks, BibTeX via pybtex)."""
