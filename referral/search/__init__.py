"""Search in the application: the index wiring and its sync, the search page, API and CLI."""

from referral.search.sync import get_index, get_sync, init_app

__all__ = ["get_index", "get_sync", "init_app"]
