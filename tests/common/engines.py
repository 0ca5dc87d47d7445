"""Engines a test creates are disposed when it ends, so no database connection outlives it.

An engine left to the garbage collector closes its PostgreSQL connections in `__del__`, which
psycopg reports as an unraisable `ResourceWarning` in whichever later test the collector runs:
a failure far from its cause. Every engine made through `referral.database.make_engine` is
recorded; at the end of each test the ones it created are disposed, except those kept for the
whole run (the shared apps' and the run's own engine), which `keep` names.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

_created: list[weakref.ref[Engine]] = []
_kept: weakref.WeakSet[Engine] = weakref.WeakSet()


def recording(make_engine: Callable[..., Engine]) -> Callable[..., Engine]:
    """Return `make_engine` that records every engine it makes."""

    def make_and_record(*args: Any, **kwargs: Any) -> Engine:
        engine = make_engine(*args, **kwargs)
        _created.append(weakref.ref(engine))
        return engine

    return make_and_record


def keep(engine: Engine) -> Engine:
    """Keep an engine open across tests (it is disposed by whoever made it, at its end)."""
    _kept.add(engine)
    return engine


@contextmanager
def disposed_after() -> Iterator[None]:
    """Dispose, on exit, every engine created inside the block and not kept."""
    start = len(_created)
    try:
        yield
    finally:
        made = _created[start:]
        del _created[start:]
        for reference in made:
            engine = reference()
            if engine is not None and engine not in _kept:
                engine.dispose()
