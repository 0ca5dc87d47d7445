"""The PostgreSQL search backend: chosen by configuration, its rows and counts kept exact.

The contract shared with Whoosh (API, page, HSDS, sync, check, reindex) runs on both backends
through the `search_backend` parameter; here is what only the PostgreSQL rows do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from catalogue.geography import haversine_km
from catalogue.search import FamilyPlace, SearchQuery
from catalogue.search.pg import tables
from catalogue.search.pg.lexicon import PostgresLexicon
from referral import config, database
from referral.ops import health
from referral.search.sync import get_backend
from tests.common import databases, factories
from tests.common.factories import PlaceFactory, ServiceFactory

POITIERS = (46.5802, 0.3404)


def test_the_postgresql_backend_is_refused_without_a_postgresql_database(tmp_path):
    overrides = {"DATA_DIR": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'r.sqlite3'}"}
    with pytest.raises(config.ConfigError) as refused:
        config.build({**overrides, "SEARCH_BACKEND": "postgresql"})
    assert str(refused.value) == (
        "RELAIS_SEARCH_BACKEND=postgresql demande une base PostgreSQL (DATABASE_URL)."
    )


def test_an_unknown_search_backend_is_named_in_the_refusal(tmp_path, monkeypatch):
    monkeypatch.setenv("RELAIS_SEARCH_BACKEND", "Elastic")
    with pytest.raises(config.ConfigError, match="« elastic »"):
        config.build({"DATA_DIR": tmp_path})


POSTGRESQL_ONLY = pytest.mark.skipif(
    databases.backend() != "postgresql", reason="the search rows exist on PostgreSQL only"
)


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"SEARCH_BACKEND": "postgresql"}


@pytest.fixture
def session(app):
    opened = database.get_database(app).sessionmaker()
    factories.bind(opened)
    yield opened
    opened.close()


def counts(session, table: Any) -> dict[str, int]:
    key = table.c.word if table is tables.words else table.c.term
    return dict(session.execute(select(key, table.c.services).where(table.c.services != 0)).all())


@POSTGRESQL_ONLY
def test_word_and_term_counts_follow_edits_and_deletions(app, session):
    first = ServiceFactory(name="Orthophonie des Couronneries", description="", keywords=[])
    ServiceFactory(name="Orthophonie de Buxerolles", description="", keywords=[])
    session.commit()
    assert counts(session, tables.words)["orthophonie"] == 2
    assert counts(session, tables.terms)[""] == 2  # the rows themselves
    first.name = "Judo des Couronneries"
    session.commit()
    assert (
        counts(session, tables.words)["orthophonie"],
        counts(session, tables.words)["judo"],
    ) == (
        1,
        1,
    )
    session.delete(first)
    session.commit()
    assert "judo" not in counts(session, tables.words)
    assert counts(session, tables.terms)[""] == 1


@POSTGRESQL_ONLY
def test_a_typo_is_mended_only_into_words_the_catalogue_still_holds(app, session):
    service = ServiceFactory(name="Psychomotricien à domicile", description="", keywords=[])
    session.commit()
    lexicon = PostgresLexicon(session.connection())
    assert lexicon.near("psycomotricien") == ["psychomotricien"]
    assert lexicon.completions("psychomot") == ["psychomotricien"]
    service.name = "Judo"
    session.commit()
    assert PostgresLexicon(session.connection()).near("psycomotricien") == []


@POSTGRESQL_ONLY
def test_the_radius_is_the_exact_great_circle_distance(app, session):
    inside = ServiceFactory(name="Dedans", at=[PlaceFactory(latitude=46.6695, longitude=0.3404)])
    ServiceFactory(name="Dehors", at=[PlaceFactory(latitude=46.6712, longitude=0.3404)])
    session.commit()
    query = SearchQuery(day=dt.date.today(), place=FamilyPlace(*POITIERS), radius_km=10)
    (hit,) = get_backend(session, app).search(query).hits
    expected = haversine_km(*POITIERS, 46.6695, 0.3404)
    assert (hit.service_id, round(hit.distance_km or 0, 4)) == (inside.id, round(expected, 4))
    assert 9.9 < expected < 10 < haversine_km(*POITIERS, 46.6712, 0.3404)


@POSTGRESQL_ONLY
def test_readiness_compares_the_search_rows_with_the_services(app, session):
    ServiceFactory()
    session.commit()
    assert health.check_index(app).detail == "1 documents, 1 services, 0 pending"
    ServiceFactory()
    session.flush()  # not committed: no search row yet
    assert not health.check_index(app).ok
