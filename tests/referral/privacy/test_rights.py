"""A family's rights from the UI: export, rectification, consent withdrawal."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from referral.audit.models import AuditEvent
from referral.privacy import rights
from referral.referrals.models import ReferralEvent
from tests.common import factories as f


@pytest.fixture
def pathway(db_session):
    referent = f.UserFactory(roles=["referent"])
    programme = f.ProgrammeFactory(organisation=referent.organisation)
    family = f.FamilyFactory(programme=programme, address="3 rue des Tests")
    child = f.ChildFactory(family=family, first_name="Lina", last_name="Testeuse")
    created = f.PathwayFactory(child=child, programme=programme, referent=referent)
    f.NeedFactory(pathway=created)
    return created


@pytest.fixture
def referent(pathway):
    return pathway.referent


def sent_referral(db_session, pathway, consent, state="sent", email="cmp@exemple.test"):
    service = f.ServiceFactory(name="Groupe de parole fictif", referral_email=email)
    consent.services.append(service)
    referral = f.ReferralFactory(
        need=pathway.needs[0],
        pathway=pathway,
        service=service,
        state=state,
        consent_id=consent.id,
        payload={"child_first_name": "Lina"},
    )
    db_session.add(ReferralEvent(referral=referral, from_state="family_agreed", to_state=state))
    db_session.flush()
    return referral


def test_the_export_lists_child_family_needs_consents_and_referrals(
    client, signed_in, db_session, pathway, referent
):
    consent = f.ConsentFactory(pathway=pathway)
    sent_referral(db_session, pathway, consent)
    response = signed_in(client, referent).get(
        f"/data-protection/pathways/{pathway.uid}/export.json"
    )
    data = json.loads(response.get_data(as_text=True))
    child = data["children"][0]
    assert (child["first_name"], data["family"]["address"]) == ("Lina", "3 rue des Tests")
    p = child["pathways"][0]
    assert p["needs"][0]["need"] == "Soutien scolaire et aide aux devoirs"
    assert p["consents"][0]["given_by"] == "Parent Fictif"
    assert p["referrals"][0]["service"] == "Groupe de parole fictif"
    assert p["referrals"][0]["history"][0]["to"] == "envoyée au partenaire"


def test_the_printable_export_is_a_readable_page(client, signed_in, pathway, referent):
    page = (
        signed_in(client, referent)
        .get(f"/data-protection/pathways/{pathway.uid}/export")
        .get_data(as_text=True)
    )
    assert "Lina Testeuse" in page and "Soutien scolaire" in page and "Imprimer" in page


def test_each_export_is_logged_with_ids_only(client, signed_in, db_session, pathway, referent):
    signed_in(client, referent).get(f"/data-protection/pathways/{pathway.uid}/export.json")
    event = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "privacy.export")
    ).one()
    assert (event.actor_id, event.target_id) == (referent.id, str(pathway.uid))
    assert "Lina" not in json.dumps(event.details)


@pytest.mark.parametrize("app_settings", [{"BULK_EXPORTS_PER_HOUR": 2}])
def test_too_many_exports_in_an_hour_raise_one_alert(
    client, signed_in, db_session, pathway, referent
):
    signed_in(client, referent)
    for _ in range(4):
        client.get(f"/data-protection/pathways/{pathway.uid}/export.json")
    alerts = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "privacy.bulk_export_alert")
    ).all()
    assert len(alerts) == 1 and alerts[0].actor_id == referent.id


def test_another_referent_cannot_export(client, signed_in, pathway):
    other = f.UserFactory(roles=["referent"], organisation=pathway.programme.organisation)
    assert (
        signed_in(client, other)
        .get(f"/data-protection/pathways/{pathway.uid}/export.json")
        .status_code
        == 404
    )


def test_a_funder_cannot_export(client, signed_in, pathway):
    funder = f.UserFactory(roles=["funder"], organisation=pathway.programme.organisation)
    assert (
        signed_in(client, funder).get(f"/data-protection/pathways/{pathway.uid}/export").status_code
        == 403
    )


def test_rectification_changes_the_record_and_logs_field_names(
    client, signed_in, db_session, pathway, referent
):
    form = {
        "first_name": "Line",
        "last_name": "Testeuse",
        "sex": "F",
        "birth_date": "2016-05-04",
        "school_level": "elementaire",
        "school_name": "",
        "address": "5 rue Neuve",
    }
    response = signed_in(client, referent).post(
        f"/data-protection/pathways/{pathway.uid}/rectify", data=form
    )
    assert response.status_code == 302
    db_session.expire_all()
    assert (pathway.child.first_name, pathway.child.family.address) == ("Line", "5 rue Neuve")
    event = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "privacy.rectify")
    ).one()
    assert "child.first_name" in event.details["fields"] and "Line" not in json.dumps(event.details)


def test_a_wrong_rectification_says_which_field_to_fix(client, signed_in, pathway, referent):
    form = {"first_name": "", "last_name": "X", "sex": "F", "birth_date": "demain"}
    response = signed_in(client, referent).post(
        f"/data-protection/pathways/{pathway.uid}/rectify", data=form
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'aria-describedby="birth_date-error"' in page and pathway.child.first_name == "Lina"


def test_a_malformed_birth_date_keeps_the_rectification_typed(
    client, signed_in, db_session, pathway, referent
):
    form = {"first_name": "Line", "last_name": "Testeuse", "sex": "F", "birth_date": "31/02/2016"}
    response = signed_in(client, referent).post(
        f"/data-protection/pathways/{pathway.uid}/rectify", data=form
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="birth_date-error">Date attendue au format AAAA-MM-JJ.</span>' in page
    assert 'value="31/02/2016"' in page and 'value="Line"' in page
    db_session.expire_all()
    assert pathway.child.first_name == "Lina"


@pytest.fixture
def app_settings(mail_settings):
    return {"WTF_CSRF_ENABLED": False, **mail_settings}


def test_withdrawing_consent_cancels_the_referral_at_the_partner(
    client, signed_in, db_session, pathway, referent
):
    consent = f.ConsentFactory(pathway=pathway)
    referral = sent_referral(db_session, pathway, consent)
    signed_in(client, referent).post(f"/data-protection/consents/{consent.uid}/withdraw")
    db_session.expire_all()
    assert consent.withdrawn_on == dt.date.today()
    assert referral.state == "cancelled"
    assert referral.events[-1].note == "Accord de la famille retiré."


def test_the_partner_is_told_only_the_service_name(
    client, signed_in, db_session, pathway, referent, smtp_server
):
    consent = f.ConsentFactory(pathway=pathway)
    sent_referral(db_session, pathway, consent)
    signed_in(client, referent).post(f"/data-protection/consents/{consent.uid}/withdraw")
    [message] = smtp_server.received.to("cmp@exemple.test")
    body = message.get_body().get_content()
    assert "Groupe de parole fictif" in body
    assert not any(secret in body for secret in ("Lina", "Testeuse", "Parent Fictif", "Soutien"))


def test_a_referral_covered_by_another_consent_stays(
    client, signed_in, db_session, pathway, referent
):
    consent = f.ConsentFactory(pathway=pathway)
    referral = sent_referral(db_session, pathway, consent)
    other = f.ConsentFactory(pathway=pathway)
    other.services.append(referral.service)
    db_session.flush()
    signed_in(client, referent).post(f"/data-protection/consents/{consent.uid}/withdraw")
    db_session.expire_all()
    assert referral.state == "sent"


def test_an_accepted_relay_is_not_cancelled(client, signed_in, db_session, pathway, referent):
    consent = f.ConsentFactory(pathway=pathway)
    referral = sent_referral(db_session, pathway, consent, state="relay_accepted")
    signed_in(client, referent).post(f"/data-protection/consents/{consent.uid}/withdraw")
    db_session.expire_all()
    assert referral.state == "relay_accepted"


def test_the_rights_page_offers_withdrawal_of_a_valid_consent(client, signed_in, pathway, referent):
    f.ConsentFactory(pathway=pathway)
    page = (
        signed_in(client, referent)
        .get(f"/data-protection/pathways/{pathway.uid}")
        .get_data(as_text=True)
    )
    assert "Retirer cet accord" in page


def test_a_withdrawal_made_elsewhere_cancels_the_referral_at_the_partner_too(
    app, db_session, pathway, referent
):
    consent = f.ConsentFactory(pathway=pathway)
    referral = sent_referral(db_session, pathway, consent)
    with app.app_context():
        rights.withdraw_consent(db_session, consent, day=dt.date.today(), actor_id=referent.id)
    assert referral.state == "cancelled"
