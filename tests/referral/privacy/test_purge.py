"""`relais purge` on a frozen clock: what goes, what stays, idempotence, statistics unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from catalogue.db import Base
from referral.consents.models import Consent
from referral.indicators.models import AnonymousPathway
from referral.indicators.report import build_report
from referral.pathways.models import Child, ContactEntry, Family, Need, Pathway
from referral.privacy.retention import PurgeReport, purge
from referral.referrals.models import Referral, ReferralEvent
from tests.common import factories as f
from tests.common import indicators_data as data

PURGE_DAY = dt.date(2027, 12, 1)  # B (exit 30/11/2025) and D (exit 15/12/2024) are past 2 years


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2027, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def built(db_session, frozen):
    built = data.build(db_session)
    # E's last contact (June 2026) keeps it although it exited in June 2025.
    db_session.add(ContactEntry(pathway=built.pathways["E"], on=dt.date(2026, 6, 1), kind="call"))
    f.ConsentFactory(pathway=built.pathways["B"], given_on=dt.date(2025, 3, 1))
    db_session.flush()
    return built


def count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_pathways_past_retention_go_with_their_needs_consents_and_referrals(db_session, built):
    b = built.pathways["B"]
    child_id, family_id, b_id = b.child_id, b.child.family_id, b.id
    purge(db_session, today=PURGE_DAY)
    assert db_session.get(Pathway, b_id) is None
    assert count(db_session, Need, Need.pathway_id == b_id) == 0
    assert count(db_session, Consent, Consent.pathway_id == b_id) == 0
    assert count(db_session, Referral, Referral.pathway_id == b_id) == 0
    assert db_session.get(Child, child_id) is None and db_session.get(Family, family_id) is None


def test_referral_events_of_purged_pathways_go_too(db_session, built):
    event_ids = [
        e.id
        for r in built.referrals.values()
        if r.pathway_id == built.pathways["B"].id
        for e in r.events
    ]
    purge(db_session, today=PURGE_DAY)
    assert count(db_session, ReferralEvent, ReferralEvent.id.in_(event_ids)) == 0


def test_pathways_still_open_or_recently_in_contact_stay(db_session, built):
    kept = [built.pathways[k].id for k in ("A", "C", "E")]
    report = purge(db_session, today=PURGE_DAY)
    assert count(db_session, Pathway, Pathway.id.in_(kept)) == 3
    assert len(report.pathways) == 2


def test_a_second_run_finds_nothing_to_do(db_session, built):
    purge(db_session, today=PURGE_DAY)
    again = purge(db_session, today=PURGE_DAY)
    assert again.pathways == [] and again.rows == {}
    assert count(db_session, AnonymousPathway) == 2


def test_a_dry_run_changes_nothing(db_session, built):
    report = purge(db_session, today=PURGE_DAY, dry_run=True)
    assert len(report.pathways) == 2
    assert count(db_session, Pathway, Pathway.programme_id == built.programme.id) == 5
    assert "simulation" in report.summary()


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_statistics_of_past_periods_are_unchanged(db_session, built, mode):
    periods = [(data.START, data.END), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))]
    before = [build_report(db_session, built.programme, *p).as_dict() for p in periods]
    purge(db_session, today=PURGE_DAY, mode=mode)
    after = [build_report(db_session, built.programme, *p).as_dict() for p in periods]
    assert after == before


def test_anonymise_keeps_a_skeleton_with_no_name_address_or_consent(db_session, built):
    b = built.pathways["B"]
    b_id, child, family = b.id, b.child, b.child.family
    purge(db_session, today=PURGE_DAY, mode="anonymise")
    db_session.expire_all()
    assert db_session.get(Pathway, b_id) is not None
    assert (child.first_name, child.last_name, child.birth_date.day) == ("Anonyme", "", 1)
    assert family.address is None and family.guardians == [] and family.latitude is None
    assert count(db_session, Consent, Consent.pathway_id == b_id) == 0
    payloads = db_session.scalars(select(Referral.payload).where(Referral.pathway_id == b_id))
    assert set(payloads) == {None}


def test_a_family_with_another_child_in_a_pathway_stays(db_session, built):
    b = built.pathways["B"]
    sibling = f.PathwayFactory(
        child=f.ChildFactory(family=b.child.family), programme=built.programme
    )
    family_id = b.child.family_id
    purge(db_session, today=PURGE_DAY)
    assert db_session.get(Family, family_id) is not None
    assert db_session.get(Pathway, sibling.id) is not None


def test_the_retention_period_is_configurable(db_session, built):
    report = purge(db_session, today=PURGE_DAY, retention_days=3650, dry_run=True)
    assert report.pathways == []


def test_a_programmes_own_retention_period_overrides_the_instances(db_session, built):
    built.programme.retention_days = 365  # E's last contact (June 2026) is now past it
    report = purge(db_session, today=PURGE_DAY, dry_run=True)
    assert str(built.pathways["E"].uid) in report.pathways and len(report.pathways) == 3


def test_a_longer_programme_retention_keeps_what_the_instance_would_purge(db_session, built):
    built.programme.retention_days = 3650
    assert purge(db_session, today=PURGE_DAY, dry_run=True).pathways == []


def test_the_report_lists_what_was_done(db_session, built):
    report = purge(db_session, today=PURGE_DAY)
    text = report.summary()
    assert "Parcours supprimés : 2" in text
    assert "needs" in text and "referrals" in text


@pytest.mark.parametrize(
    ("dry_run", "rows", "expected"),
    [
        (True, 1, "needs : 1 ligne serait traitée"),
        (True, 3, "needs : 3 lignes seraient traitées"),
        (False, 1, "needs : 1 ligne a été traitée"),
        (False, 3, "needs : 3 lignes ont été traitées"),
    ],
)
def test_the_report_agrees_each_count_with_its_words(dry_run, rows, expected):
    report = PurgeReport(PURGE_DAY, "delete", dry_run, 730, rows={"needs": rows})
    report.geocoding_entries = rows
    text = report.summary()
    assert expected in text and "(s)" not in text
    assert f"{rows} entrée{'s' if rows > 1 else ''} expirée" in text


def test_expired_geocoding_cache_entries_are_purged(db_session, built):
    model = pytest.importorskip("catalogue.models.geocoding").GeocodingCacheEntry
    old = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    db_session.add(
        model(
            address_hash="a" * 64, latitude=46.5, longitude=0.3, precision="street", expires_at=old
        )
    )
    db_session.add(
        model(
            address_hash="b" * 64,
            latitude=46.5,
            longitude=0.3,
            precision="street",
            expires_at=dt.datetime(2028, 1, 1, tzinfo=dt.UTC),
        )
    )
    db_session.flush()
    report = purge(db_session, today=PURGE_DAY)
    assert report.geocoding_entries == 1
    assert count(db_session, model) == 1


def test_the_purge_command_prints_its_report(runner, db_session, built):
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Parcours à supprimer : 2" in result.output


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_notifications_about_a_purged_referral_go_in_both_modes(db_session, built, mode):
    from referral.referrals.models import Notification

    user = f.UserFactory()
    referral = built.referrals["r1"]
    db_session.add(
        Notification(
            user_id=user.id,
            kind="relay_accepted",
            message="Relais accepté pour B.",
            referral_id=referral.id,
        )
    )
    db_session.flush()
    purge(db_session, today=PURGE_DAY, mode=mode)
    assert count(db_session, Notification, Notification.user_id == user.id) == 0


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_a_dry_run_reports_the_same_counts_per_table_as_the_real_purge(db_session, built, mode):
    rehearsal = purge(db_session, today=PURGE_DAY, mode=mode, dry_run=True)
    real = purge(db_session, today=PURGE_DAY, mode=mode)
    assert {"children", "families", "needs", "referrals"} <= set(rehearsal.rows)
    assert rehearsal.rows == real.rows
    assert rehearsal.pathways == real.pathways


def test_a_dry_run_leaves_every_table_as_it_was(db_session, built):
    def sizes():
        return {
            table.name: db_session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }

    before = sizes()
    purge(db_session, today=PURGE_DAY, dry_run=True)
    assert sizes() == before
