"""The in-memory candidate index gives the same candidates as SQL, and picks up changes."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy.orm import Session

from referral.matching import index as candidate_index
from referral.matching.candidates import load_candidates
from tests.common.matching_helpers import DAY, POITIERS, SOUTIEN, SPORT, service


def _ids(found: dict) -> set[int]:  # type: ignore[type-arg]
    return set(found)


def test_index_and_sql_agree(db_session: Session) -> None:
    near, far = service(db_session, SOUTIEN, km_north=2), service(db_session, SOUTIEN, km_north=40)
    remote, other = (
        service(db_session, SOUTIEN, km_north=None),
        service(db_session, SPORT, km_north=1),
    )
    built = candidate_index.MemoryIndex().build(db_session)
    from_index = built.candidates([SOUTIEN], DAY, point=POITIERS, radius_km=10)
    from_sql = load_candidates(db_session, [SOUTIEN], DAY, point=POITIERS, radius_km=10)
    assert {near.id, remote.id} <= _ids(from_index)
    assert _ids(from_index) & {far.id, other.id} == set()
    assert _ids(from_sql) <= _ids(from_index)


def test_suspended_until_a_past_day_is_matchable_again(db_session: Session) -> None:
    back = service(db_session, status="suspended", suspended_until=DAY - dt.timedelta(days=1))
    still = service(db_session, status="suspended", suspended_until=DAY + dt.timedelta(days=1))
    found = (
        candidate_index.MemoryIndex()
        .build(db_session)
        .candidates([SOUTIEN], DAY, point=POITIERS, radius_km=10)
    )
    assert back.id in found and still.id not in found


def test_refresh_picks_up_a_new_service(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = candidate_index.MemoryIndex().build(db_session)
    added = service(db_session, SOUTIEN, km_north=1)
    monkeypatch.setattr(candidate_index, "CHECK_SECONDS", 0.0)
    built.refresh(db_session)
    assert added.id in built.candidates([SOUTIEN], DAY, point=POITIERS, radius_km=10)


def test_refresh_drops_a_closed_service(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    closing = service(db_session, SOUTIEN, km_north=1)
    built = candidate_index.MemoryIndex().build(db_session)
    closing.status = "closed"
    closing.updated_at = closing.updated_at + dt.timedelta(seconds=5)
    db_session.flush()
    monkeypatch.setattr(candidate_index, "CHECK_SECONDS", 0.0)
    built.refresh(db_session)
    assert closing.id not in built.candidates([SOUTIEN], DAY, point=POITIERS, radius_km=10)


def test_small_catalogues_use_sql(db_session: Session) -> None:
    candidate_index.forget_indexes()
    service(db_session, SOUTIEN, km_north=1)
    candidate_index.find_candidates(db_session, [SOUTIEN], DAY, point=POITIERS, radius_km=10)
    assert candidate_index._INDEXES == {}


def test_large_catalogue_answers_from_sql_while_the_index_builds(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    candidate_index.forget_indexes()
    monkeypatch.setattr(candidate_index, "INDEX_THRESHOLD", 0)
    added = service(db_session, SOUTIEN, km_north=1)
    found = candidate_index.find_candidates(
        db_session, [SOUTIEN], DAY, point=POITIERS, radius_km=10
    )
    for thread in [t for t in threading.enumerate() if t.name == "relais-matching-index"]:
        thread.join(timeout=30)
    assert added.id in found and len(candidate_index._INDEXES) == 1
    candidate_index.forget_indexes()
