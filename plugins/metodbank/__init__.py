"""Metodbanken: content model, validation and MkDocs plugins for a Swedish method library."""

__version__ = "0.1.0"
