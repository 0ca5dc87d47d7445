"""`relais search check` finds drift; `relais search reindex` rebuilds and swaps (both backends)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from catalogue.search import SearchQuery
from referral import database
from referral.search.sync import get_backend, get_index
from tests.common.factories import PlaceFactory, ServiceFactory


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, Any]:
    return {"SEARCH_BACKEND": search_backend}


def test_check_reports_services_missing_from_the_index(app, runner, db_session):
    get_index(app).ensure()
    service = ServiceFactory()  # flushed outside the app's sessions: never indexed
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert str(service.id) in result.output


def test_check_reports_stale_entries(app, runner, db_session):
    service = ServiceFactory(name="Judo")
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    service.name = "Karaté"
    db_session.flush()
    result = runner.invoke(args=["search", "check"])
    assert (result.exit_code, str(service.id) in result.output) == (1, True)


def test_check_fix_repairs_the_drift(app, runner, db_session):
    get_index(app).ensure()
    ServiceFactory()
    assert runner.invoke(args=["search", "check", "--fix"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_check_passes_on_an_index_in_sync(app, runner, db_session):
    ServiceFactory()
    runner.invoke(args=["search", "reindex"])
    result = runner.invoke(args=["search", "check"])
    assert (result.exit_code, "Index à jour" in result.output) == (0, True)


def test_reindex_rebuilds_everything_from_the_database(app, runner, db_session):
    service = ServiceFactory(name="Atelier cirque")
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "indexé" in result.output
    with database.get_database(app).sessionmaker() as reader:
        query = SearchQuery(day=dt.date.today(), text="cirque")
        hits = get_backend(reader, app).search(query).hits
    assert [hit.service_id for hit in hits] == [service.id]


def test_reindex_handles_places_shared_by_services(app, runner, db_session):
    shared = PlaceFactory()
    ServiceFactory(at=[shared])
    ServiceFactory(at=[shared])
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0


def test_reindex_clears_the_pending_ids(app, runner, db_session):
    get_index(app).add_pending([123456])
    runner.invoke(args=["search", "reindex"])
    assert get_index(app).pending_ids() == set()
