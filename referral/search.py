"""Wiring of the catalogue's search index into the application (filled by the search work)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Open the search index for this app."""
    app.config.setdefault("SEARCH_ENABLED", True)
