"""Pathway pages: caseload, opening a pathway, the child page and its forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from referral.audit.models import AuditEvent
from referral.pathways.models import DangerReport, Pathway
from tests.common.factories import PathwayFactory, UserFactory
from tests.common.matching_helpers import SOUTIEN, service


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


def test_caseload_lists_my_children_without_names_in_urls(
    page: FlaskClient, pathway: Pathway
) -> None:
    html = page.get("/pathways").get_data(as_text=True)
    assert pathway.child.first_name in html
    assert f"/pathways/{pathway.uid}" in html


def test_child_page_shows_proposals_with_reasons(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    helper = service(db_session, SOUTIEN, km_north=1.2, name="Aide aux devoirs du quartier")
    html = page.get(f"/pathways/{pathway.uid}").get_data(as_text=True)
    assert helper.name in html and "à 1,2 km" in html and "Signaler un danger" in html


def test_child_page_reads_the_taxonomy_with_its_domains_at_once(
    page: FlaskClient, pathway: Pathway, engine: Engine
) -> None:
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        html = page.get(f"/pathways/{pathway.uid}").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    option = '<option value="Soutien scolaire et aide aux devoirs">Scolarité et apprentissages'
    assert option in html
    assert sum("FROM need_domains" in statement for statement in statements) <= 1


def test_child_page_read_is_audited(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    page.get(f"/pathways/{pathway.uid}")
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.target_id == str(pathway.uid))
    ).all()
    assert [e.action for e in events] == ["read_pathway"]
    assert pathway.child.first_name not in str(events[0].details)


def test_another_referent_gets_404(client: FlaskClient, signed_in: Any, pathway: Pathway) -> None:
    signed_in(client, UserFactory(roles=["referent"]))
    assert client.get(f"/pathways/{pathway.uid}").status_code == 404


def test_open_a_pathway_from_the_form(
    page: FlaskClient, referent: Any, db_session: Session
) -> None:
    form = {"first_name": "Noé", "last_name": "Fictif", "sex": "M", "birth_date": "2016-05-04",
            "school_level": "CM1", "commune": "86194", "max_distance_km": "8",
            "days_available": ["we", "sa"]}  # fmt: skip
    response = page.post("/pathways/new", data=form)
    assert response.status_code == 302
    created = db_session.scalar(select(Pathway).where(Pathway.referent_id == referent.id))
    assert created is not None and created.child.family.max_distance_km == 8
    assert created.child.family.days_available == ["we", "sa"]


def test_open_form_errors_are_tied_to_fields(page: FlaskClient, referent: Any) -> None:
    html = page.post("/pathways/new", data={"first_name": "Noé"}).get_data(as_text=True)
    assert 'aria-describedby="last_name-error"' in html


def test_add_need_by_its_label(page: FlaskClient, pathway: Pathway) -> None:
    page.post(f"/pathways/{pathway.uid}/needs", data={"need": "Pratique sportive en club"})
    assert [n.need_code for n in pathway.needs][-1] == "sport--pratique-en-club"


def test_a_refused_need_shows_the_page_with_a_summary_and_the_input_kept(
    page: FlaskClient, pathway: Pathway
) -> None:
    response = page.post(
        f"/pathways/{pathway.uid}/needs", data={"need": "Poney volant", "priority": "1"}
    )
    html = response.get_data(as_text=True)
    summary = html.split('id="erreurs"')[1].split("</div>")[0]
    assert response.status_code == 400 and "Location" not in response.headers
    assert 'href="#need"' in summary and "Besoin inconnu" in summary
    assert 'value="Poney volant"' in html and 'aria-invalid="true"' in html
    assert '<option selected value="1">' in html
    assert html.index('id="erreurs"') < html.index('id="besoins"')


def test_an_empty_need_is_refused_in_french(page: FlaskClient, pathway: Pathway) -> None:
    html = page.post(f"/pathways/{pathway.uid}/needs", data={"need": " "}).get_data(as_text=True)
    assert "Indiquez le besoin à ajouter." in html and len(pathway.needs) == 1


def test_danger_report_records_only_the_transmission(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    page.post(
        f"/pathways/{pathway.uid}/danger",
        data={"transmitted_on": "2026-11-02", "recipient": "crip"},
    )
    report = db_session.scalar(select(DangerReport).where(DangerReport.pathway_id == pathway.id))
    assert report is not None and report.recipient == "crip"


def test_printable_consent_lists_services_and_information(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    club = service(db_session, SOUTIEN, name="Club de lecture fictif")
    html = page.get(
        f"/pathways/{pathway.uid}/consent?service={club.uid}&information=need"
    ).get_data(as_text=True)
    assert "Club de lecture fictif" in html and "le besoin pour lequel" in html
    assert "les coordonnées du parent" not in html.split("Préparer, imprimer")[0]


def test_record_consent_from_the_form(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    club = service(db_session, SOUTIEN)
    data = {
        "service": str(club.uid),
        "information": ["need", "child_first_name"],
        "given_by": "Mère",
        "given_on": "2026-11-02",
    }
    page.post(f"/pathways/{pathway.uid}/consent", data=data)
    from referral.consents.models import Consent

    consent = db_session.scalar(select(Consent).where(Consent.pathway_id == pathway.id))
    assert consent is not None and consent.services == [club]


def test_transition_form_moves_the_pathway(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    page.post(f"/pathways/{pathway.uid}/transition", data={"from": "active", "to": "exit_review"})
    db_session.refresh(pathway)
    assert pathway.state == "exit_review"


def test_delegation_lends_my_caseload_to_a_colleague(
    page: FlaskClient, referent: Any, pathway: Pathway, client: FlaskClient, signed_in: Any
) -> None:
    colleague = UserFactory(
        roles=["referent"], organisation=referent.organisation, programme=referent.programme
    )
    today = dt.date.today()
    data = {
        "to": str(colleague.uid),
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=7)).isoformat(),
    }
    page.post("/pathways/delegation", data=data)
    signed_in(client, colleague)
    assert client.get(f"/pathways/{pathway.uid}").status_code == 200


def test_pathway_page_links_to_the_family_data_tools(client, signed_in, db_session):
    from tests.common.factories import UserFactory

    referent = UserFactory(roles=["referent"])
    pathway = PathwayFactory(referent=referent)
    page = signed_in(client, referent).get(f"/pathways/{pathway.uid}").get_data(as_text=True)
    assert f'href="/data-protection/pathways/{pathway.uid}"' in page


@pytest.mark.parametrize("typed", ["Buxerolles", "buxerolles", "86041"])
def test_the_commune_can_be_typed_by_name_postcode_or_code(
    page: FlaskClient, referent: Any, db_session: Session, typed: str
) -> None:
    form = {"first_name": "Noé", "last_name": "Fictif", "sex": "M", "birth_date": "2016-05-04",
            "commune": typed}  # fmt: skip
    assert page.post("/pathways/new", data=form).status_code == 302
    created = db_session.scalar(select(Pathway).where(Pathway.referent_id == referent.id))
    assert created.child.family.commune_insee == "86041"


def test_a_number_that_is_a_code_and_a_postcode_lists_the_choices(
    page: FlaskClient, referent: Any
) -> None:
    form = {"first_name": "Noé", "last_name": "Fictif", "sex": "M", "birth_date": "2016-05-04",
            "commune": "86180"}  # fmt: skip
    html = page.post("/pathways/new", data=form).get_data(as_text=True)
    assert "Plusieurs communes correspondent" in html
    assert "Nouaillé-Maupertuis" in html and "Buxerolles" in html


def test_the_child_page_names_the_home_languages_in_french(
    page: FlaskClient, pathway: Pathway, db_session: Session
) -> None:
    pathway.child.family.languages = ["fr", "pt"]
    db_session.flush()
    html = page.get(f"/pathways/{pathway.uid}").get_data(as_text=True)
    assert "français et portugais" in html and "fr, pt" not in html
