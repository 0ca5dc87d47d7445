"""Bad input everywhere gets French messages: none of marshmallow's or WTForms' English defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import wtforms
from babel.messages.pofile import read_po

from catalogue.messages import english_messages
from tests.common.factories import OrganisationFactory, PlaceFactory, ServiceFactory, UserFactory


def _fixed_part(message: str) -> str:
    """The words of a message before its first placeholder (« Must be greater than »)."""
    return re.split(r"\{|%\(|%s|\"", message)[0].strip()


def _english_messages() -> set[str]:
    catalogue = Path(wtforms.__file__).parent / "locale" / "wtforms.pot"
    with catalogue.open("rb") as source:
        ids = [m.id for m in read_po(source) if m.id]
    wtforms_texts = [text for each in ids for text in (each if isinstance(each, tuple) else [each])]
    texts = [*english_messages(), *wtforms_texts]
    return {part for text in texts if len(part := _fixed_part(text)) >= 8}


ENGLISH_TEXTS = _english_messages()


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def partner(db_session):
    return UserFactory(organisation=OrganisationFactory(), roles=["partner_admin"])


def _english_in(text: str) -> list[str]:
    return sorted(english for english in ENGLISH_TEXTS if english in text)


def test_the_library_messages_are_known_to_the_check():
    assert "Not a valid integer." in ENGLISH_TEXTS
    assert "Invalid Choice: could not coerce." in ENGLISH_TEXTS


BAD_SERVICE = {
    "name": "x", "age_min": "douze", "age_max": "-4", "area_radius_km": "loin",
    "waitlist_weeks": "1e9", "update_frequency_days": "2", "cost": "cher", "capacity": "?",
    "publics": "martiens", "needs": "inconnu", "languages": "xx", "referral_email": "pas un mail",
    "referral_phone": "abc", "hours-week-mo-start1": "25:99", "hours-week-mo-end1": "9h",
    "hours-season_from": "13", "hours-season_from_day": "40", "area": "Nullepart",
}  # fmt: skip


def test_partner_forms_answer_bad_input_in_french(client, signed_in, partner):
    service = ServiceFactory(organisation=partner.organisation)
    place = PlaceFactory(organisation=partner.organisation)
    http = signed_in(client, partner)
    answers = [
        http.post("/partner/services/new", data=BAD_SERVICE),
        http.post(f"/partner/services/{service.uid}/edit", data=BAD_SERVICE),
        http.post(f"/partner/places/{place.uid}/edit", data={"latitude": "nord", "postcode": "x"}),
        http.post(f"/partner/services/{service.uid}/capacity", data={"capacity": "?"}),
        http.post(f"/partner/services/{service.uid}/suspend", data={"until": "demain"}),
    ]
    followed = [http.get("/partner/"), http.get(f"/partner/services/{service.uid}/edit")]
    texts = [answer.get_data(as_text=True) for answer in answers + followed]
    assert answers[0].status_code == 400
    assert [found for text in texts for found in _english_in(text)] == []


def test_account_and_search_forms_answer_bad_input_in_french(client, signed_in, partner):
    texts = [
        client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True),
        client.post("/password/forgot", data={"email": "x"}).get_data(as_text=True),
        client.post(
            "/search", data={"age": "douze", "radius_km": "-3", "school_level": "fac"},
            follow_redirects=True,
        ).get_data(as_text=True),
    ]  # fmt: skip
    assert [found for text in texts for found in _english_in(text)] == []


def test_the_api_answers_bad_input_in_french(client):
    answers = [
        client.post("/api/v1/services/search", json={"age": "douze", "radius_km": -3, "x": 1}),
        client.get("/api/v1/services", query_string={"age": "douze", "page": "zero"}),
    ]
    assert {answer.status_code for answer in answers} <= {400, 422}
    texts = [answer.get_data(as_text=True) for answer in answers]
    assert [found for text in texts for found in _english_in(text)] == []
