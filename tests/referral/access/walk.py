"""Walking the permission matrix: its merged access tables, the app's routes, their URLs.

Shared by the matrix (every route, every role) and the two-programme hostile suite (every
route that takes a case object, by the other programme's staff).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import tempfile
from typing import Any

from werkzeug.routing import Rule

from tests.referral import access
from tests.referral.access import PARAMETERS, World

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


@functools.cache
def tables() -> dict[str, Any]:
    """Return the access tables of every module of `tests.referral.access`, merged."""
    merged: dict[str, Any] = {"ROUTES": {}, "PARAMS": {}, "METHODS": {}, "DATA": {}, "SETUP": []}
    for info in pkgutil.iter_modules(access.__path__):
        module = importlib.import_module(f"{access.__name__}.{info.name}")
        for endpoint in getattr(module, "ROUTES", {}):
            assert endpoint not in merged["ROUTES"], f"{endpoint} is listed twice ({info.name})"
        for name in ("ROUTES", "PARAMS", "METHODS", "DATA"):
            merged[name].update(getattr(module, name, {}))
        merged["SETUP"].extend(getattr(module, "SETUP", []))
    return merged


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Return every URL rule of the app, by endpoint."""
    from referral import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATA_DIR": tempfile.mkdtemp(),
            "DATABASE_URL": "sqlite://",
            "DEMO": False,
        }
    )
    return tuple(sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint, rule.rule)))


def url_of(app: Any, rule: Rule, world: World) -> str:
    """Return the rule's URL filled with the world's sample objects."""
    overrides = tables()["PARAMS"].get(rule.endpoint, {})
    values = {}
    for name in rule.arguments:
        factory = overrides.get(name) or PARAMETERS.get(name)
        assert factory is not None, f"no sample value for <{name}> of {rule.endpoint}"
        values[name] = factory(world)
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def methods_of(rule: Rule) -> list[str]:
    """Return every method a rule answers (GET first), HEAD and OPTIONS left out."""
    allowed = rule.methods or set()
    return [method for method in ("GET", *UNSAFE) if method in allowed]


def method_of(rule: Rule) -> str:
    """Return the one method the matrix uses: the table's, else GET if allowed, else a write."""
    return tables()["METHODS"].get(rule.endpoint) or methods_of(rule)[0]
