"""Run the application under gunicorn, with worker processes."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.util import import_app


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        # Each worker builds its own app, named as gunicorn names apps on its command line.
        return import_app("referral:create_app()")


def run_gunicorn(host: str, port: int, workers: int) -> None:
    """Serve Relais on host:port until interrupted."""
    _Gunicorn({"bind": f"{host}:{port}", "workers": workers, "accesslog": "-"}).run()
