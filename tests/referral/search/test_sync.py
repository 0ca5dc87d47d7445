"""The index follows committed changes: after commit, never after rollback, and failures retried.

On PostgreSQL the same tests run on the search rows, written in the transaction itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from catalogue.models import Service
from catalogue.search import FamilyPlace, IndexLocked, SearchQuery
from referral import database
from referral.search.sync import get_backend, get_index, get_sync
from tests.common import factories
from tests.common.factories import OrganisationFactory, PlaceFactory, ServiceFactory

WHOOSH_ONLY = pytest.mark.parametrize("search_backend", ["whoosh"])


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, Any]:
    return {"SEARCH_LOCK_TIMEOUT": 0.2, "SEARCH_BACKEND": search_backend}


@pytest.fixture
def session(app) -> Session:
    """Return a session from the app's sessionmaker, as a request would use."""
    opened = database.get_database(app).sessionmaker()
    factories.bind(opened)
    yield opened
    opened.close()


def hits(app, query: SearchQuery) -> list[Any]:
    """Search as a new request would, on the app's backend."""
    with database.get_database(app).sessionmaker() as reader:
        return get_backend(reader, app).search(query).hits


def found(app, text: str) -> list[int]:
    return [hit.service_id for hit in hits(app, SearchQuery(day=dt.date.today(), text=text))]


def test_a_committed_service_is_in_the_index(app, session):
    service = ServiceFactory(name="Judo des Couronneries")
    session.commit()
    assert found(app, "judo") == [service.id]


def test_a_rolled_back_service_never_reaches_the_index(app, session):
    ServiceFactory(name="Natation des Trois Cités")
    session.flush()
    session.rollback()
    assert found(app, "natation") == []


def test_an_update_is_indexed_after_commit(app, session):
    service = ServiceFactory(name="Atelier théâtre")
    session.commit()
    service.name = "Atelier cirque"
    session.commit()
    assert (found(app, "theatre"), found(app, "cirque")) == ([], [service.id])


def test_renaming_the_organisation_reindexes_its_services(app, session):
    organisation = OrganisationFactory(name="Association Horizon")
    service = ServiceFactory(organisation=organisation)
    session.commit()
    organisation.name = "Association Boussole"
    session.commit()
    assert found(app, "boussole") == [service.id]


def test_moving_a_place_reindexes_its_services(app, session):
    place = PlaceFactory()
    service = ServiceFactory(at=[place])
    session.commit()
    place.latitude = 46.1603
    session.commit()
    there = SearchQuery(day=dt.date.today(), place=FamilyPlace(46.1603, 0.3404), radius_km=1)
    (hit,) = hits(app, there)
    assert (hit.service_id, round(hit.distance_km or 0.0, 3)) == (service.id, 0.0)


def test_a_deleted_service_leaves_the_index(app, session):
    service = ServiceFactory(name="Soutien scolaire Pasteur")
    session.commit()
    session.delete(service)
    session.commit()
    assert found(app, "soutien") == []


@WHOOSH_ONLY  # the search rows commit with the change: no lock, nothing pending
def test_a_locked_index_does_not_lose_the_change(app, session):
    index = get_index(app)
    index.ensure()
    with index.write_lock():
        service = ServiceFactory(name="Médiation familiale")
        session.commit()
    assert session.get(Service, service.id) is not None
    assert index.pending_ids() == {service.id}
    assert found(app, "mediation") == []


@WHOOSH_ONLY
def test_the_next_commit_retries_what_failed(app, session, monkeypatch):
    index = get_index(app)
    first = ServiceFactory(name="Médiation familiale")
    with monkeypatch.context() as patched:
        patched.setattr(
            type(index), "write", lambda *a, **k: (_ for _ in ()).throw(IndexLocked("x"))
        )
        session.commit()
    second = ServiceFactory(name="Médiation scolaire")
    session.commit()
    assert sorted(found(app, "mediation")) == sorted([first.id, second.id])
    assert index.pending_ids() == set()
    assert get_sync(app).backlog == {}


def test_a_rolled_back_savepoint_leaves_nothing_in_the_index(app, session):
    kept = ServiceFactory(name="Escalade des Couronneries")
    nested = session.begin_nested()
    ServiceFactory(name="Escalade de Buxerolles")
    nested.rollback()
    session.commit()
    assert found(app, "escalade") == [kept.id]


def test_many_services_of_one_transaction_are_written_once(app, session, monkeypatch):
    index = get_index(app)
    calls = []
    write = type(index).write
    monkeypatch.setattr(
        type(index),
        "write",
        lambda self, docs, gone: (calls.append(len(docs)), write(self, docs, gone)),
    )
    for number in range(30):
        ServiceFactory(name=f"Atelier {number}")
        session.flush()
    session.commit()
    assert calls == [30]


def test_renaming_a_need_reindexes_the_services_that_cover_it(app, session):
    from catalogue.models import NeedTerm

    term = session.get(NeedTerm, "sport--aisance-aquatique")
    service = ServiceFactory(name="Bassin des Couronneries", need_terms=[term])
    session.commit()
    term.label = "Aisance aquatique et plongeon"
    session.commit()
    assert found(app, "plongeon") == [service.id]
