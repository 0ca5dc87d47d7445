"""The pathway page forms, sent malformed values: the page again (400), the input kept,
a French message beside the field, nothing recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.consents.models import Consent
from referral.pathways.models import ContactEntry, DangerReport, Delegation, Pathway
from tests.common.factories import ProgrammeFactory, UserFactory
from tests.common.matching_helpers import SOUTIEN, service

DATE = "Date attendue au format AAAA-MM-JJ."


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


def _error_of(html: str, field_id: str) -> str:
    """Return the message shown beside a field (tied to it by aria-describedby)."""
    assert f'aria-describedby="{field_id}-error"' in html
    return html.split(f'id="{field_id}-error">')[1].split("</p>")[0]


def test_a_malformed_contact_date_is_refused_beside_its_field(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    data = {"on": "hier", "kind": "call", "note": "Appel à la mère"}
    response = page.post(f"/pathways/{pathway.uid}/contacts", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and _error_of(html, "contact-on") == DATE
    assert 'value="hier"' in html and 'value="Appel à la mère"' in html
    assert db_session.scalars(select(ContactEntry)).all() == []


def test_a_malformed_danger_report_date_is_refused_beside_its_field(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    data = {"transmitted_on": "2026-13-45", "recipient": "crip"}
    response = page.post(f"/pathways/{pathway.uid}/danger", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and _error_of(html, "transmitted_on") == DATE
    assert 'value="2026-13-45"' in html
    assert db_session.scalars(select(DangerReport)).all() == []


def test_a_too_long_transition_note_is_refused_beside_its_field(
    page: FlaskClient, pathway: Pathway
) -> None:
    data = {"from": "active", "to": "exit_review", "note": "x" * 2001}
    response = page.post(f"/pathways/{pathway.uid}/transition", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _error_of(html, "transition-note") == "2 000 caractères au plus."
    assert pathway.state == "active"


def test_a_priority_that_is_no_number_is_refused_in_french(
    page: FlaskClient, pathway: Pathway
) -> None:
    data = {"need": "Pratique sportive en club", "priority": "haute"}
    response = page.post(f"/pathways/{pathway.uid}/needs", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Choix non valide" in _error_of(html, "priority")
    assert 'value="Pratique sportive en club"' in html and len(pathway.needs) == 1


def test_a_malformed_consent_date_is_refused_beside_its_field(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    club = service(db_session, SOUTIEN, name="Club de lecture fictif")
    data = {"service": str(club.uid), "information": ["need"], "given_by": "Mère",
            "given_on": "02/11/2026"}  # fmt: skip
    response = page.post(f"/pathways/{pathway.uid}/consent", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and _error_of(html, "given_on") == DATE
    assert 'value="Mère"' in html and 'value="02/11/2026"' in html
    assert "Club de lecture fictif" in html  # the services chosen are still on the form
    assert db_session.scalars(select(Consent)).all() == []


def test_a_malformed_delegation_date_is_refused_beside_its_field(
    page: FlaskClient, referent: Any, db_session: Session
) -> None:
    colleague = UserFactory(
        roles=["referent"], organisation=referent.organisation, programme=referent.programme
    )
    data = {"to": str(colleague.uid), "starts_on": dt.date.today().isoformat(),
            "ends_on": "la semaine prochaine"}  # fmt: skip
    response = page.post("/pathways/delegation", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and _error_of(html, "ends_on") == DATE
    assert 'value="la semaine prochaine"' in html
    assert f'<option selected value="{colleague.uid}">' in html
    assert db_session.scalars(select(Delegation)).all() == []


def test_a_delegation_that_ends_before_it_starts_is_refused_beside_its_field(
    page: FlaskClient, referent: Any
) -> None:
    colleague = UserFactory(
        roles=["referent"], organisation=referent.organisation, programme=referent.programme
    )
    data = {"to": str(colleague.uid), "starts_on": "2026-11-10", "ends_on": "2026-11-02"}
    html = page.post("/pathways/delegation", data=data).get_data(as_text=True)
    assert _error_of(html, "ends_on") == "Le dernier jour ne peut pas précéder le premier."


def test_a_malformed_birth_date_keeps_the_new_pathway_form(
    page: FlaskClient, referent: Any
) -> None:
    ProgrammeFactory(organisation=referent.organisation)
    form = {"first_name": "Noé", "last_name": "Fictif", "sex": "M", "birth_date": "04/05/2016",
            "commune": "86194", "days_available": ["we"]}  # fmt: skip
    response = page.post("/pathways/new", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and _error_of(html, "birth_date").startswith("Date invalide")
    assert 'value="Noé"' in html and 'value="04/05/2016"' in html
    assert 'id="day-we" name="days_available" value="we" checked' in html
