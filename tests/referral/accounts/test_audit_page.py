"""The audit log page: coordinators and the DPO filter it; admins see technical events only."""

from referral.audit.services import record
from tests.common.factories import PathwayFactory, UserFactory


def _events(db_session):
    """Log a security event and a case event about a pathway; return the pathway."""
    pathway = PathwayFactory()
    record(db_session, actor_id=None, action="sign_in.failure", category="security")
    record(
        db_session,
        actor_id=None,
        action="pathway.read",
        category="case",
        target_type="pathway",
        target_id=pathway.uid,
    )
    return pathway


def test_dpo_sees_case_events(client, signed_in, db_session):
    programme = _events(db_session).programme
    dpo = UserFactory(roles=["dpo"], organisation=programme.organisation, programme=programme)
    assert "pathway : read" in signed_in(client, dpo).get("/audit").get_data(as_text=True)


def test_another_programmes_dpo_does_not_see_them(client, signed_in, db_session):
    _events(db_session)
    page = signed_in(client, UserFactory(roles=["dpo"])).get("/audit").get_data(as_text=True)
    assert "échec de connexion" in page and "pathway : read" not in page


def test_admin_never_sees_case_events(client, signed_in, db_session):
    _events(db_session)
    page = signed_in(client, UserFactory(roles=["admin"])).get("/audit").get_data(as_text=True)
    assert "échec de connexion" in page and "pathway : read" not in page


def test_filter_by_action(client, signed_in, db_session):
    _events(db_session)
    page = signed_in(client, UserFactory(roles=["coordinator"])).get("/audit?action=pathway")
    assert "échec de connexion" not in page.get_data(as_text=True)


def test_filter_by_person(client, signed_in, db_session):
    someone = UserFactory(email="qui@exemple.test")
    record(db_session, actor_id=someone.id, action="sign_out", category="security")
    _events(db_session)
    page = signed_in(client, UserFactory(roles=["coordinator"])).get("/audit?actor=qui@")
    assert "déconnexion" in page.get_data(as_text=True)
    assert "échec de connexion" not in page.get_data(as_text=True)


def test_catalogue_changes_reach_the_audit_log(db_session):
    from sqlalchemy import select

    from catalogue.models import ChangeOrigin
    from catalogue.services import create_service
    from referral.audit.models import AuditEvent
    from tests.common.factories import OrganisationFactory

    create_service(
        db_session,
        OrganisationFactory(),
        {"name": "Atelier"},
        actor_id=None,
        origin=ChangeOrigin.IMPORT,
    )
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.category == "catalogue")).one()
    assert (event.action, event.details["origin"]) == ("service.create", "import")
