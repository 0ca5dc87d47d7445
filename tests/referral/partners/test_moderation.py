"""Moderation queue, stale entries and « Signaler une erreur »."""

import datetime as dt

from tests.common.factories import ServiceFactory, UserFactory


def test_coordinator_sees_pending_services_in_the_queue(
    client, signed_in, coordinator, organisation
):
    ServiceFactory(organisation=organisation, status="pending", name="Atelier à valider")
    page = signed_in(client, coordinator).get("/moderation/").get_data(as_text=True)
    assert "Atelier à valider" in page


def test_coordinator_publishes_a_pending_service(client, signed_in, coordinator, organisation):
    pending = ServiceFactory(organisation=organisation, status="pending")
    signed_in(client, coordinator).post(f"/moderation/services/{pending.uid}/publish")
    assert pending.status == "active"


def test_publication_is_recorded_as_a_coordinator_change(
    client, signed_in, coordinator, service, db_session
):
    from catalogue.services import service_history

    service.status = "pending"
    signed_in(client, coordinator).post(f"/moderation/services/{service.uid}/publish")
    latest = service_history(db_session, service)[0]
    assert (latest.origin, latest.changes["status"]) == ("coordinator", ["pending", "active"])


def test_partner_cannot_publish_its_own_service(client, signed_in, partner, organisation):
    pending = ServiceFactory(organisation=organisation, status="pending")
    response = signed_in(client, partner).post(f"/moderation/services/{pending.uid}/publish")
    assert response.status_code == 403
    assert pending.status == "pending"


def test_partner_edit_cannot_change_the_status(client, signed_in, partner, organisation):
    pending = ServiceFactory(organisation=organisation, status="pending", name="Brouillon")
    signed_in(client, partner).post(
        f"/partner/services/{pending.uid}/edit",
        data={
            "name": "Brouillon",
            "status": "active",
            "capacity": "open",
            "cost": "free",
            "version": pending.version,
        },
    )
    assert pending.status == "pending"


def test_stale_list_shows_overdue_entries(client, signed_in, coordinator, organisation):
    ServiceFactory(
        organisation=organisation,
        name="Fiche ancienne",
        last_verified_on=dt.date.today() - dt.timedelta(days=400),
    )
    ServiceFactory(organisation=organisation, name="Fiche récente")
    page = signed_in(client, coordinator).get("/moderation/stale").get_data(as_text=True)
    assert "Fiche ancienne" in page and "Fiche récente" not in page


def test_error_report_reaches_the_organisation_and_the_coordinator(
    client, signed_in, partner, coordinator, service, smtp_server
):
    referent = UserFactory(roles=["referent"])
    signed_in(client, referent).post(
        f"/moderation/services/{service.uid}/report", data={"message": "Le téléphone a changé."}
    )
    [message] = smtp_server.received.messages
    assert set(message.envelope_recipients) == {partner.email, coordinator.email}


def test_error_report_link_is_on_the_service_page_for_signed_in_users(client, signed_in, service):
    assert "Signaler une erreur" not in client.get(f"/services/{service.uid}").get_data(
        as_text=True
    )
    page = signed_in(client, UserFactory(roles=["referent"])).get(f"/services/{service.uid}")
    assert "Signaler une erreur" in page.get_data(as_text=True)


def test_partner_closes_a_report_on_its_service(client, signed_in, partner, service, db_session):
    from referral.partners.services import open_reports, report_error

    report = report_error(db_session, UserFactory(roles=["referent"]), service, "Horaires faux.")
    signed_in(client, partner).post(
        f"/moderation/reports/{report.uid}", data={"resolution": "Horaires corrigés."}
    )
    assert (report.status, open_reports(db_session)) == ("closed", [])


def test_other_partner_cannot_see_a_report(client, signed_in, other_partner, service, db_session):
    from referral.partners.services import report_error

    report = report_error(db_session, UserFactory(roles=["referent"]), service, "Horaires faux.")
    response = signed_in(client, other_partner).get(f"/moderation/reports/{report.uid}")
    assert response.status_code == 404


def test_stale_list_respects_each_entry_frequency(db_session, organisation):
    from referral.partners.services import stale_services

    day = dt.date(2026, 6, 1)
    weekly = ServiceFactory(
        organisation=organisation, update_frequency_days=7, last_verified_on=dt.date(2026, 5, 20)
    )
    ServiceFactory(
        organisation=organisation, update_frequency_days=30, last_verified_on=dt.date(2026, 5, 20)
    )
    never = ServiceFactory(organisation=organisation, last_verified_on=None)
    ServiceFactory(organisation=organisation, status="closed", last_verified_on=None)
    assert stale_services(db_session, day) == [never, weekly]


def _programme_with(coordinator, moderation_required):
    from tests.common.factories import ProgrammeFactory

    coordinator.programme = ProgrammeFactory(
        organisation=coordinator.organisation,
        territory_epci="200069854",
        moderation_required=moderation_required,
    )
    return coordinator.programme


def _create_at_poitiers(client, signed_in, partner):
    from tests.common.factories import PlaceFactory

    place = PlaceFactory(organisation=partner.organisation, commune_insee="86194")
    signed_in(client, partner).post(
        "/partner/services/new",
        data={"name": "Atelier parents", "capacity": "open", "cost": "free",
              "places": [str(place.uid)]},
    )  # fmt: skip
    return partner.organisation.services[-1]


def test_a_programme_without_moderation_publishes_services_on_its_territory(
    client, signed_in, partner, coordinator
):
    _programme_with(coordinator, moderation_required=False)
    assert _create_at_poitiers(client, signed_in, partner).status == "active"


def test_a_programme_with_moderation_holds_them_pending(client, signed_in, partner, coordinator):
    _programme_with(coordinator, moderation_required=True)
    assert _create_at_poitiers(client, signed_in, partner).status == "pending"


def test_the_coordinator_turns_the_programme_moderation_off(client, signed_in, coordinator):
    programme = _programme_with(coordinator, moderation_required=True)
    signed_in(client, coordinator).post(f"/moderation/programmes/{programme.uid}", data={})
    assert programme.moderation_required is False


def test_another_programme_cannot_be_changed(client, signed_in, coordinator):
    from tests.common.factories import ProgrammeFactory

    other = ProgrammeFactory(moderation_required=True)
    response = signed_in(client, coordinator).post(f"/moderation/programmes/{other.uid}", data={})
    assert response.status_code == 404 and other.moderation_required is True
