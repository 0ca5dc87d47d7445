"""The demo territory: fictitious, deterministic, idempotent, and as varied as a référent's week.

The coverage tests read one snapshot taken from a single load (rolled back at once): only three
tests load the demo themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import opening_hours
import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session
from stdnum.fr import siret

from catalogue.geography import read_gazetteer
from catalogue.models import Commune, Organisation, Place, Service, ServiceChange
from referral.database import DatabaseNotReady
from referral.demo import load_demo
from referral.demo.catalogue import demo_communes
from referral.demo.catalogue_plan import DemoCommune, fictitious_siret, plan_catalogue
from referral.demo.catalogue_templates import DEMO_EPCI

DAY = dt.date(2026, 11, 29)


@dataclasses.dataclass
class Snapshot:
    """Plain copies of what one demo load wrote."""

    organisations: list[dict[str, Any]]
    services: list[dict[str, Any]]
    places: list[dict[str, Any]]
    origins: set[tuple[str, int | None]]

    def active(self) -> list[dict[str, Any]]:
        return [service for service in self.services if service["status"] == "active"]


def _plain(row: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _snapshot(session: Session) -> Snapshot:
    boxes = {c.insee_code: c for c in session.scalars(select(Commune))}
    services = [
        {
            **_plain(s, "status", "capacity", "waitlist_weeks", "publics", "age_min", "age_max"),
            **_plain(s, "area_communes", "area_radius_km", "qpv_only", "rep_only", "source"),
            **_plain(s, "mdph_required", "suspended_until", "opening_hours", "source_id"),
            **_plain(s, "last_verified_on", "update_frequency_days", "referral_email"),
            "kind": s.organisation.kind,
            "needs": s.need_codes,
            "domains": {need.domain_code for need in s.needs},
            "place_count": len(s.places),
        }
        for s in session.scalars(select(Service))
    ]
    places = [
        {
            **_plain(p, "latitude", "longitude", "source"),
            "inside": boxes[p.commune_insee].contains(p.latitude, p.longitude),
        }
        for p in session.scalars(select(Place))
    ]
    organisations = [
        _plain(o, "kind", "siret", "website", "email", "source", "source_id")
        for o in session.scalars(select(Organisation))
    ]
    origins = {
        tuple(row) for row in session.execute(select(ServiceChange.origin, ServiceChange.actor_id))
    }
    return Snapshot(organisations, services, places, origins)


@pytest.fixture(scope="module")
def demo(engine: Engine) -> Iterator[Snapshot]:
    """Load the demo once in a transaction, copy what it wrote, and roll it back."""
    with engine.connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        load_demo(session)
        snapshot = _snapshot(session)
        session.close()
        transaction.rollback()
    yield snapshot


def _gazetteer_communes() -> list[DemoCommune]:
    communes = []
    for row in read_gazetteer():
        if row["epci_siren"] == DEMO_EPCI:
            south, west, north, east = (float(value) for value in row["bbox"].split(","))
            communes.append(
                DemoCommune(
                    row["insee_code"],
                    row["name"],
                    row["postcodes"].split()[0],
                    int(row["population"]),
                    float(row["latitude"]),
                    float(row["longitude"]),
                    south,
                    west,
                    north,
                    east,
                )
            )
    return communes


def _names(plan: list[Any]) -> list[str]:
    return [org.row.data["name"] for org in plan] + [
        service.data["name"] for org in plan for service in org.services
    ]


def test_demo_has_300_active_services_from_120_organisations(demo):
    assert len(demo.active()) >= 300
    assert len(demo.organisations) >= 120


def test_active_demo_services_cover_the_12_domains_and_45_needs(demo):
    assert len(set().union(*(s["domains"] for s in demo.active()))) == 12
    assert len({need for s in demo.active() for need in s["needs"]}) >= 45


def test_demo_has_cmp_and_cmpp_with_waiting_lists(demo):
    waitlisted = {s["kind"] for s in demo.active() if s["capacity"] == "waitlist"}
    assert {"cmp", "cmpp", "camsp"} <= waitlisted
    assert all(s["waitlist_weeks"] for s in demo.services if s["capacity"] == "waitlist")


def test_demo_has_suspended_pending_and_closed_services(demo):
    statuses = {s["status"] for s in demo.services}
    suspended = [s for s in demo.services if s["status"] == "suspended"]
    assert {"active", "suspended", "pending", "closed"} == statuses
    assert all(s["suspended_until"] > dt.date.today() for s in suspended)


def test_demo_has_services_for_parents_only(demo):
    assert any(s["publics"] == ["parent"] for s in demo.active())


@pytest.mark.parametrize(("low", "high"), [(0, 3), (6, 11), (11, 16)])
def test_demo_has_services_aimed_at_each_age_band(demo, low, high):
    def aimed(s: dict[str, Any]) -> bool:
        return s["age_min"] is not None and low <= s["age_min"] and s["age_max"] <= high

    assert any(aimed(s) for s in demo.active())


def test_demo_has_restricted_areas_and_eligibility_flags(demo):
    active = demo.active()
    assert any(len(s["area_communes"]) == 1 for s in active)
    assert any(s["area_radius_km"] for s in active)
    assert all(any(s[flag] for s in active) for flag in ("qpv_only", "rep_only", "mdph_required"))


def test_demo_has_services_delivered_at_several_places(demo):
    assert any(s["place_count"] > 1 for s in demo.active())


def test_demo_places_fall_inside_their_commune_box(demo):
    assert demo.places
    assert all(place["inside"] for place in demo.places)


def test_demo_opening_hours_are_valid_osm_syntax(demo):
    assert all(opening_hours.validate(s["opening_hours"]) for s in demo.services)


def test_some_demo_entries_are_overdue_and_some_are_fresh(demo):
    today = dt.date.today()
    late = [
        (today - s["last_verified_on"]).days > s["update_frequency_days"] for s in demo.services
    ]
    assert any(late)
    assert not all(late)


def test_demo_organisations_use_valid_sirets_and_fictitious_domains(demo):
    sirets = [o["siret"] for o in demo.organisations if o["siret"]]
    assert sirets and all(siret.is_valid(number) for number in sirets)
    assert all(o["website"].endswith(".example") for o in demo.organisations)
    assert all(s["referral_email"].endswith(".example") for s in demo.services)


def test_every_demo_row_is_marked_demo_and_created_by_the_system(demo):
    rows = demo.organisations + demo.services + demo.places
    assert {row["source"] for row in rows} == {"demo"}
    assert demo.origins == {("system", None)}


def test_second_demo_load_creates_nothing(db_session):
    load_demo(db_session)
    before = db_session.scalar(select(func.count(Service.id)))
    second = load_demo(db_session)
    assert set(second.counts.values()) == {0}
    assert db_session.scalar(select(func.count(Service.id))) == before
    assert "rien à faire" in second.summary()


def test_demo_plan_is_the_same_for_the_same_seed_whatever_the_commune_order():
    communes = _gazetteer_communes()
    first = plan_catalogue(communes, DAY)
    second = plan_catalogue(list(reversed(communes)), DAY)
    assert _names(first) == _names(second)
    assert [org.row.data for org in first] == [org.row.data for org in second]


def test_demo_plan_from_the_database_is_the_plan_from_the_gazetteer(db_session):
    from_database = plan_catalogue(demo_communes(db_session), DAY)
    from_file = plan_catalogue(_gazetteer_communes(), DAY)
    assert [org.row.data for org in from_database] == [org.row.data for org in from_file]


def test_demo_refuses_to_load_without_the_communes(db_session):
    db_session.execute(
        update(Commune).values(epci_siren=None).where(Commune.epci_siren == DEMO_EPCI)
    )
    with pytest.raises(DatabaseNotReady, match="relais db upgrade"):
        load_demo(db_session)


def test_fictitious_sirets_pass_the_luhn_checks():
    rng = random.Random(1)
    assert all(siret.is_valid(fictitious_siret(rng)) for _ in range(200))


def test_cli_demo_load_reports_its_counts_then_nothing(runner):
    first = runner.invoke(args=["demo", "load"])
    second = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "fictif" in first.output and "services" in first.output
    assert "rien à faire" in second.output
