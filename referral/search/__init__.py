"""Search in the application: the index wiring and its sync, the search page, API and CLI."""

from referral.search.sync import get_backend, get_index, get_sync, init_app, missing_extensions

__all__ = ["get_backend", "get_index", "get_sync", "init_app", "missing_extensions"]
