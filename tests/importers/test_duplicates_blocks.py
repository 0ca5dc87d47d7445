"""Duplicate detection within a block is linear: one flag per record, against one representative."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from importers.duplicates import flag_duplicates
from importers.models import DuplicateFlag
from tests.common.factories import PlaceFactory, ServiceFactory


def test_identical_rows_get_one_flag_each_against_the_oldest(db_session):
    place = PlaceFactory(address="3 rue de la Paix")
    rows = [ServiceFactory(name="Aide aux devoirs", at=[place]) for _ in range(60)]
    count = flag_duplicates(db_session, [], [row.id for row in rows])
    flags = db_session.scalars(select(DuplicateFlag)).all()
    flagged = Counter(flag.second_id for flag in flags)
    assert count == len(flags) == 59
    assert {flag.first_id for flag in flags} == {rows[0].id} and max(flagged.values()) == 1


def test_a_second_run_adds_no_flag(db_session):
    place = PlaceFactory(address="3 rue de la Paix")
    rows = [ServiceFactory(name="Aide aux devoirs", at=[place]) for _ in range(5)]
    flag_duplicates(db_session, [], [row.id for row in rows])
    assert flag_duplicates(db_session, [], [row.id for row in rows]) == 0
