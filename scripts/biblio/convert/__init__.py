"""Conversions between records and exchange formats, one module per format."""
