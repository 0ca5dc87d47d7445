"""Unmet needs: no eligible service within the family's maximum distance (the matching engine)."""

from __future__ import annotations

import datetime as dt

import pytest

from catalogue.models import NeedTerm
from referral.indicators import unmet
from tests.common import factories as f

TODAY = dt.date(2025, 6, 1)
NEED = "scolarite--soutien-scolaire"


@pytest.fixture
def flags(db_session):
    def compute(need):
        return unmet.unmet_flags(db_session, [need], need.pathway.programme, TODAY)[need.id]

    return compute


def service(db_session, latitude=46.5802, longitude=0.3404, **fields):
    term = db_session.get(NeedTerm, NEED)
    return f.ServiceFactory(
        need_terms=[term], at=[f.PlaceFactory(latitude=latitude, longitude=longitude)], **fields
    )


@pytest.fixture
def need(db_session):
    child = f.ChildFactory(birth_date=dt.date(2016, 1, 1), school_level="elementaire")
    return f.NeedFactory(pathway=f.PathwayFactory(child=child), need_code=NEED)


def test_a_need_with_an_eligible_service_nearby_is_met(db_session, need, flags):
    service(db_session)
    assert flags(need) is False


def test_a_service_beyond_the_family_maximum_distance_leaves_the_need_unmet(
    db_session, need, flags
):
    service(db_session, latitude=46.9, longitude=0.9)  # ~55 km from Poitiers, max 10 km
    assert flags(need) is True


def test_a_service_for_other_ages_leaves_the_need_unmet(db_session, need, flags):
    service(db_session, age_min=12, age_max=16)
    assert flags(need) is True


def test_a_closed_service_leaves_the_need_unmet(db_session, need, flags):
    service(db_session, status="closed")
    assert flags(need) is True


def test_a_wider_maximum_distance_reaches_the_far_service(db_session, need, flags):
    service(db_session, latitude=46.9, longitude=0.9)
    need.pathway.child.family.max_distance_km = 80
    db_session.flush()
    assert flags(need) is False
