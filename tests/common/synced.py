"""A test client kept in step with the test's session (flush before, reload after)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def client(app, db_session):
    """A test client that flushes the test's session before each request and reloads after."""
    from flask.testing import FlaskClient

    class SyncedClient(FlaskClient):
        def open(self, *args: Any, **kwargs: Any) -> Any:
            db_session.flush()
            response = super().open(*args, **kwargs)
            db_session.expire_all()
            return response

    app.test_client_class = SyncedClient
    return app.test_client()
