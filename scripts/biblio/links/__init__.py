"""Link checking: every URL of the base, classified, cached, reported (``biblio liens``)."""
