"""The partner's service form speaks in words: area by name, languages, needs, hours, errors."""

from __future__ import annotations

import re

from tests.referral.partners.test_self_service import _form


def _text(response):
    return response.get_data(as_text=True)


def test_the_area_is_picked_by_commune_and_intercommunality_names(
    client, signed_in, partner, service
):
    area = "\n".join(
        ["Poitiers (86)", "Communauté urbaine du Grand Poitiers (intercommunalité)",
         "Vienne (département)"]
    )  # fmt: skip
    response = signed_in(client, partner).post(
        f"/partner/services/{service.uid}/edit", data=_form(service, area=area)
    )
    assert response.status_code == 302
    assert (service.area_communes, service.area_epcis, service.area_departments) == (
        ["86194"], ["200069854"], ["86"]
    )  # fmt: skip


def test_the_stored_area_is_shown_by_name(client, signed_in, partner, service, db_session):
    service.area_epcis = ["200069854"]
    db_session.flush()
    page = _text(signed_in(client, partner).get(f"/partner/services/{service.uid}/edit"))
    assert "Communauté urbaine du Grand Poitiers (intercommunalité)" in page
    assert "200069854" not in page


def test_an_unknown_place_name_gets_a_french_message_and_the_input_is_kept(
    client, signed_in, partner, service
):
    response = signed_in(client, partner).post(
        f"/partner/services/{service.uid}/edit",
        data=_form(service, area="Poitiersville", name="Nouveau nom gardé"),
    )
    page = _text(response)
    assert response.status_code == 400
    assert "Aucune commune ni intercommunalité ne s&#39;appelle « Poitiersville »." in page
    assert 'value="Nouveau nom gardé"' in page and "Poitiersville</textarea>" in page


def test_errors_are_summarised_at_the_top_with_links_to_their_fields(
    client, signed_in, partner, service
):
    page = _text(
        signed_in(client, partner).post(
            f"/partner/services/{service.uid}/edit", data=_form(service, age_min="douze")
        )
    )
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#age_min"' in summary and "Âge minimum (ans)" in summary
    assert page.index("error-summary") < page.index('id="age_min"')
    assert "Not a valid" not in page


def test_hours_typed_in_the_editor_are_stored_as_osm_and_read_back(
    client, signed_in, partner, service
):
    data = _form(
        service,
        **{
            "hours-week-mo-start1": "09:00", "hours-week-mo-end1": "12:00",
            "hours-week-th-start1": "09:00", "hours-week-th-end1": "12:00",
            "hours-closed_public_holidays": "y",
        },
    )  # fmt: skip
    signed_in(client, partner).post(f"/partner/services/{service.uid}/edit", data=data)
    assert service.opening_hours == "Mo,Th 09:00-12:00; PH off"
    page = _text(client.get(f"/partner/services/{service.uid}/edit"))
    assert re.search(r'id="hours-week-th-start1"[^>]*value="09:00"', page)


def test_languages_and_needs_are_checkboxes_with_their_labels(client, signed_in, partner, service):
    page = _text(signed_in(client, partner).get(f"/partner/services/{service.uid}/edit"))
    box = r'type="checkbox" value="pt"> <label for="languages-\d+">portugais</label>'
    assert re.search(box, page)
    assert "<summary>" in page and "multiple" not in page


def test_a_place_names_its_commune_and_an_unknown_one_is_refused_in_french(
    client, signed_in, partner
):
    http = signed_in(client, partner)
    refused = http.post(
        "/partner/places/new",
        data={"address": "3 rue du Nord", "postcode": "86000", "commune": "Atlantide"},
    )
    assert refused.status_code == 400
    assert "Aucune commune ni intercommunalité ne s&#39;appelle « Atlantide »." in _text(refused)
    assert 'value="3 rue du Nord"' in _text(refused)
    http.post(
        "/partner/places/new",
        data={"address": "3 rue du Nord", "postcode": "86000", "commune": "Poitiers"},
    )
    (place,) = partner.organisation.places
    assert place.commune_insee == "86194"
    page = _text(http.get(f"/partner/places/{place.uid}/edit"))
    assert 'value="Poitiers"' in page and "86194" not in page
