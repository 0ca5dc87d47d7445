"""A partner keeps its own entries: capacity, edits, suspension, closing, creation, history."""

import datetime as dt

from sqlalchemy import select

from catalogue.models import ServiceChange


def _form(service, **changes):
    data = {
        "name": service.name,
        "capacity": service.capacity,
        "cost": service.cost,
        "publics": service.publics,
        "needs": service.need_codes,
        "version": service.version,
    }
    return {**data, **changes}


def test_dashboard_lists_the_organisation_services(client, signed_in, partner, service):
    page = signed_in(client, partner).get("/partner/").get_data(as_text=True)
    assert "Consultations enfants" in page


def test_capacity_changes_in_one_click(client, signed_in, partner, service):
    signed_in(client, partner).post(
        f"/partner/services/{service.uid}/capacity",
        data={"capacity": "waitlist", "waitlist_weeks": "6"},
    )
    assert (service.capacity, service.waitlist_weeks) == ("waitlist", 6)


def test_capacity_change_is_recorded_with_its_author(
    client, signed_in, partner, service, db_session
):
    signed_in(client, partner).post(
        f"/partner/services/{service.uid}/capacity", data={"capacity": "full"}
    )
    entry = db_session.scalars(select(ServiceChange).order_by(ServiceChange.id.desc())).first()
    assert (entry.actor_id, entry.origin, entry.changes["capacity"]) == (
        partner.id,
        "partner",
        ["open", "full"],
    )


def test_edit_saves_the_new_values(client, signed_in, partner, service):
    response = signed_in(client, partner).post(
        f"/partner/services/{service.uid}/edit", data=_form(service, name="Consultations familles")
    )
    assert response.status_code == 302
    assert service.name == "Consultations familles"


def test_edit_with_a_bad_value_shows_the_field_error(client, signed_in, partner, service):
    response = signed_in(client, partner).post(
        f"/partner/services/{service.uid}/edit", data=_form(service, age_min="12", age_max="6")
    )
    assert response.status_code == 400
    assert "age_max-error" in response.get_data(as_text=True)


def test_stale_edit_shows_the_conflict_and_keeps_the_row(
    client, signed_in, partner, service, db_session
):
    form = _form(service, name="Ma version")
    service.capacity = "full"
    db_session.flush()
    from catalogue.services import update_service

    update_service(
        db_session, service, {"description": "Changé entre-temps"}, actor_id=None, origin="import"
    )
    response = signed_in(client, partner).post(f"/partner/services/{service.uid}/edit", data=form)
    db_session.refresh(service)
    assert response.status_code == 409
    assert "Changé entre-temps" in response.get_data(as_text=True)
    assert service.name == "Consultations enfants"


def test_suspend_until_a_date(client, signed_in, partner, service):
    until = dt.date.today() + dt.timedelta(days=30)
    signed_in(client, partner).post(
        f"/partner/services/{service.uid}/suspend", data={"until": until.isoformat()}
    )
    assert (service.status, service.suspended_until) == ("suspended", until)


def test_close_a_service(client, signed_in, partner, service):
    signed_in(client, partner).post(f"/partner/services/{service.uid}/close")
    assert service.status == "closed"


def test_history_shows_who_changed_which_field(client, signed_in, partner, service):
    signed_in(client, partner).post(
        f"/partner/services/{service.uid}/capacity", data={"capacity": "full"}
    )
    page = client.get(f"/partner/services/{service.uid}/history").get_data(as_text=True)
    assert partner.full_name in page
    assert "Disponibilité" in page and "complet" in page
    assert "→ full" not in page and ">full<" not in page


def test_partner_creates_a_pending_service(client, signed_in, partner, db_session):
    signed_in(client, partner).post(
        "/partner/services/new",
        data={
            "name": "Groupe de parole",
            "publics": ["parent"],
            "capacity": "open",
            "cost": "free",
        },
    )
    created = partner.organisation.services[-1]
    assert (created.name, created.status) == ("Groupe de parole", "pending")


def test_without_moderation_a_new_service_is_active(app, client, signed_in, partner):
    app.config["MODERATION_REQUIRED"] = False
    signed_in(client, partner).post(
        "/partner/services/new",
        data={"name": "Groupe de parole", "capacity": "open", "cost": "free"},
    )
    assert partner.organisation.services[-1].status == "active"


def test_partner_adds_a_place(client, signed_in, partner):
    signed_in(client, partner).post(
        "/partner/places/new",
        data={"name": "Antenne nord", "address": "3 rue du Nord", "postcode": "86000"},
    )
    assert [place.name for place in partner.organisation.places] == ["Antenne nord"]


def test_verify_marks_the_entry_checked_today(client, signed_in, partner, service):
    signed_in(client, partner).post(f"/partner/services/{service.uid}/verify")
    assert service.last_verified_on == dt.date.today()


def test_dashboard_flags_overdue_entries(client, signed_in, partner, service):
    service.last_verified_on = dt.date.today() - dt.timedelta(days=400)
    page = signed_in(client, partner).get("/partner/").get_data(as_text=True)
    assert "à vérifier" in page


def test_edit_keeps_the_fields_the_form_does_not_show(client, signed_in, partner, service):
    service.keywords = ["écoute"]
    service.area_departments = ["86"]
    signed_in(client, partner).post(
        f"/partner/services/{service.uid}/edit", data=_form(service, name="Nouveau nom")
    )
    assert (service.keywords, service.area_departments) == (["écoute"], ["86"])


def test_editing_a_place_is_in_the_history_of_its_services(client, signed_in, partner, db_session):
    from tests.common.factories import PlaceFactory, ServiceFactory

    place = PlaceFactory(organisation=partner.organisation, address="1 rue Carnot")
    at_place = ServiceFactory(organisation=partner.organisation, at=[place])
    values = {"name": "", "address": "8 rue Carnot", "postcode": "86000", "commune": "Poitiers"}
    signed_in(client, partner).post(f"/partner/places/{place.uid}/edit", data=values)
    page = client.get(f"/partner/services/{at_place.uid}/history").get_data(as_text=True)
    assert "Modification du lieu" in page
    assert "Lieu : adresse" in page and "1 rue Carnot" in page and "8 rue Carnot" in page


def test_a_new_place_without_a_point_is_located_from_its_address(app, client, signed_in, partner):
    from referral import geocoding
    from tests.common.search_helpers import FakeGeocoder

    app.extensions[geocoding.EXTENSION] = FakeGeocoder(
        {"3 rue du Nord 86000": (46.59, 0.34, "86194")}
    )
    response = signed_in(client, partner).post(
        "/partner/places/new",
        data={"name": "Antenne nord", "address": "3 rue du Nord", "postcode": "86000"},
        follow_redirects=True,
    )
    (place,) = partner.organisation.places
    assert (place.latitude, place.longitude, place.commune_insee) == (46.59, 0.34, "86194")
    assert "Position trouvée d&#39;après l&#39;adresse." in response.get_data(as_text=True)


def test_without_the_address_service_a_place_gets_its_commune_centre(client, signed_in, partner):
    response = signed_in(client, partner).post(
        "/partner/places/new",
        data={"name": "Antenne", "address": "3 rue du Nord", "postcode": "86000"},
        follow_redirects=True,
    )
    (place,) = partner.organisation.places
    assert place.commune_insee == "86194" and place.latitude is not None
    assert "Position approximative" in response.get_data(as_text=True)
