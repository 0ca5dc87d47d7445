"""The application's address geocoder, one per app: search, imports and partner places share it.

Settings may inject one (`GEOCODER`: the tests bring a local fake); otherwise the national address
service is used through geopy, behind the catalogue's cache.
"""

from __future__ import annotations

from flask import Flask, current_app

from catalogue import geocoding

EXTENSION = "relais.geocoder"


def init_app(app: Flask) -> None:
    """Give the app its geocoder: the injected one, else the national address service."""
    injected = app.config.get("GEOCODER")
    app.extensions[EXTENSION] = injected or geocoding.make_geocoder(
        app.config["GEOCODER_DOMAIN"], app.config.get("GEOCODER_TIMEOUT", 3.0)
    )


def get_geocoder(app: Flask | None = None) -> geocoding.Geocoder:
    """Return the app's geocoder."""
    return (app or current_app).extensions[EXTENSION]
