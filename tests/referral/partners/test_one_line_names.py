"""A service name holds one line: a CR/LF is refused, and a mail subject never breaks."""

import pytest

from catalogue.schemas import ServiceInput
from referral.accounts.services import issue_token
from referral.mail import build_message


@pytest.mark.parametrize("name", ["Judo\r\nBcc: tous@exemple.test", "Judo\nclub", "Judo\tclub"])
def test_a_name_with_a_line_break_is_refused_in_french(name):
    errors = ServiceInput().validate({"name": name})
    assert errors["name"] == ["Une seule ligne : retirez les sauts de ligne et les tabulations."]


def test_the_api_refuses_a_rename_with_a_line_break(client, db_session, partner, service):
    response = client.patch(
        f"/api/v1/services/{service.uid}",
        headers={"Authorization": f"Bearer {issue_token(db_session, partner)[1]}"},
        json={"version": service.version, "name": "Consultations\r\nBcc: x@exemple.test"},
    )
    assert response.status_code in (400, 422)
    assert service.name == "Consultations enfants"


def test_an_error_report_on_an_old_two_line_name_is_sent(
    client, signed_in, db_session, partner, coordinator, service, smtp_server
):
    from tests.common.factories import UserFactory

    service.name = "Consultations\r\nenfants"  # saved before names were checked
    db_session.flush()
    response = signed_in(client, UserFactory(roles=["referent"])).post(
        f"/moderation/services/{service.uid}/report", data={"message": "Le téléphone a changé."}
    )
    assert response.status_code < 500
    assert len(smtp_server.received.messages) == 1


def test_a_subject_is_folded_on_one_line(app):
    with app.app_context():
        message = build_message("a@exemple.test", "Signalement\r\nBcc: x@exemple.test", "corps")
    assert message["Subject"] == "Signalement Bcc: x@exemple.test"
