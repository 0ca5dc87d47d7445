"""Personal API tokens: stored hashed, the user's rights, revocable, refused once deactivated."""

from sqlalchemy import select

from referral.accounts.models import ApiToken
from referral.accounts.services import issue_token, revoke_token
from referral.audit.models import AuditEvent
from tests.common.factories import ServiceFactory


def _headers(clear):
    return {"Authorization": f"Bearer {clear}"}


def test_only_a_hash_of_the_token_is_stored(db_session, make_user):
    token, clear = issue_token(db_session, make_user())
    assert clear not in token.token_hash and len(token.token_hash) == 64


def test_a_token_signs_the_api_request_in(client, db_session, make_user):
    user = make_user(roles=["partner"])
    draft = ServiceFactory(organisation=user.organisation, status="pending")
    _token, clear = issue_token(db_session, user)
    assert client.get(f"/api/v1/services/{draft.uid}", headers=_headers(clear)).status_code == 200


def test_a_revoked_token_is_refused(client, db_session, make_user):
    token, clear = issue_token(db_session, make_user())
    revoke_token(db_session, token)
    assert client.get("/api/v1/needs", headers=_headers(clear)).status_code == 401


def test_a_deactivated_account_token_is_refused_at_once(client, db_session, make_user):
    user = make_user()
    _token, clear = issue_token(db_session, user)
    user.active = False
    db_session.flush()
    assert client.get("/api/v1/needs", headers=_headers(clear)).status_code == 401


def test_an_unknown_token_is_refused(client):
    assert client.get("/api/v1/needs", headers=_headers("relais_nope")).status_code == 401


def test_token_use_is_audited(client, db_session, make_user):
    user = make_user()
    _token, clear = issue_token(db_session, user)
    client.get("/api/v1/needs", headers=_headers(clear))
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "token.used")).one()
    assert event.actor_id == user.id


def test_a_token_does_not_open_pages(client, db_session, make_user):
    _token, clear = issue_token(db_session, make_user())
    assert client.get("/account", headers=_headers(clear)).status_code == 302


def test_the_account_page_creates_a_token_shown_once(client, make_user, db_session):
    from tests.referral.accounts.conftest import sign_in_form

    user = make_user()
    sign_in_form(client, user.email)
    page = client.post("/account/tokens", data={"name": "intégration"}).get_data(as_text=True)
    stored = db_session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).one()
    assert "relais_" in page and stored.name == "intégration"


def test_a_user_cannot_revoke_someone_else_token(client, signed_in, db_session, make_user):
    token, _clear = issue_token(db_session, make_user())
    response = signed_in(client, make_user()).post(f"/account/tokens/{token.uid}/revoke")
    assert response.status_code == 404
