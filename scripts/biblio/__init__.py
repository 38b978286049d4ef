"""Knowledge base of the territorial health bibliography: records, checks, citations, site."""

__version__ = "0.1.0"
