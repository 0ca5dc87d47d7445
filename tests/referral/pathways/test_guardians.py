"""The family's contacts on the pathway form, its rectification and the API, validated."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.pathways.guardians import normalise_phone
from referral.pathways.models import Pathway
from tests.common.factories import PathwayFactory, ProgrammeFactory, UserFactory
from tests.referral.pathways.test_api import NEW, bearer

FORM = {"first_name": "Noé", "last_name": "Fictif", "sex": "M", "birth_date": "2016-05-04",
        "commune": "86041"}  # fmt: skip
MOTHER = {
    "guardians-0-name": "Awa Fictive",
    "guardians-0-relationship": "mother",
    "guardians-0-phone": "0612345678",
    "guardians-0-email": "awa@exemple.test",
    "guardians-0-language": "wo",
    "guardians-0-may_contact": "y",
    "guardians-1-name": "Paul Fictif",
    "guardians-1-relationship": "father",
    "guardians-1-phone": "+33 5 49 00 00 00",
    "guardians-1-language": "fr",
}


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def referent(db_session: Session) -> Any:
    programme = ProgrammeFactory()
    return UserFactory(roles=["referent"], organisation=programme.organisation, programme=programme)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("0612345678", "06 12 34 56 78"), ("+33612345678", "06 12 34 56 78"),
     ("+32 470 12 34 56", "+32 470 12 34 56")],
)  # fmt: skip
def test_phone_numbers_are_checked_and_written_alike(typed: str, kept: str) -> None:
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize("typed", ["12", "06 12", "appelez-moi"])
def test_a_wrong_phone_number_is_refused_in_french(typed: str) -> None:
    with pytest.raises(ValueError, match="Numéro de téléphone"):
        normalise_phone(typed)


def test_the_pathway_form_records_the_guardians(
    client: FlaskClient, signed_in: Any, referent: Any, db_session: Session
) -> None:
    response = signed_in(client, referent).post("/pathways/new", data={**FORM, **MOTHER})
    assert response.status_code == 302
    created = db_session.scalar(select(Pathway).where(Pathway.referent_id == referent.id))
    mother, father = created.child.family.guardians
    assert mother == {
        "name": "Awa Fictive", "relationship": "mother", "phone": "06 12 34 56 78",
        "email": "awa@exemple.test", "language": "wo", "may_contact": True,
    }  # fmt: skip
    assert father["may_contact"] is False and father["phone"] == "05 49 00 00 00"


def test_a_wrong_phone_on_the_form_is_shown_beside_its_field(
    client: FlaskClient, signed_in: Any, referent: Any
) -> None:
    data = {**FORM, **MOTHER, "guardians-0-phone": "06 12"}
    response = signed_in(client, referent).post("/pathways/new", data=data)
    assert response.status_code == 400
    assert 'id="guardians-0-phone-error"' in response.text
    assert "Numéro de téléphone invalide" in response.text


def test_the_rectification_corrects_the_guardians(
    client: FlaskClient, signed_in: Any, referent: Any, db_session: Session
) -> None:
    pathway = PathwayFactory(referent=referent)
    child = pathway.child
    form = {"first_name": child.first_name, "last_name": child.last_name, "sex": child.sex,
            "birth_date": child.birth_date.isoformat(), **MOTHER}  # fmt: skip
    page = signed_in(client, referent)
    assert (
        "Parents ou responsables légaux"
        in page.get(f"/data-protection/pathways/{pathway.uid}/rectify").text
    )
    response = page.post(f"/data-protection/pathways/{pathway.uid}/rectify", data=form)
    assert response.status_code == 302
    db_session.expire_all()
    assert [g["name"] for g in pathway.child.family.guardians] == ["Awa Fictive", "Paul Fictif"]


def test_the_api_takes_and_returns_the_guardian_fields(
    client: FlaskClient, db_session: Session, referent: Any
) -> None:
    guardian = {"name": "Awa Fictive", "relationship": "mother", "phone": "0612345678",
                "email": "awa@exemple.test", "language": "wo", "may_contact": False}  # fmt: skip
    body = {**NEW, "family": {**NEW["family"], "guardians": [guardian]}}
    response = bearer(client, db_session, referent).post("/api/v1/pathways", json=body)
    assert response.status_code == 201
    [returned] = response.get_json()["family"]["guardians"]
    assert returned == {**guardian, "phone": "06 12 34 56 78"}


@pytest.mark.parametrize(
    ("field", "value"), [("phone", "12"), ("email", "pas-une-adresse"), ("relationship", "oncle")]
)
def test_the_api_refuses_a_wrong_guardian_field(
    client: FlaskClient, db_session: Session, referent: Any, field: str, value: str
) -> None:
    guardian = {"name": "Awa Fictive", field: value}
    body = {**NEW, "family": {**NEW["family"], "guardians": [guardian]}}
    response = bearer(client, db_session, referent).post("/api/v1/pathways", json=body)
    assert response.status_code == 400
    assert field in str(response.get_json())
