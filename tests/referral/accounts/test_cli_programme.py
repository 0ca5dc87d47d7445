"""`relais users create`: staff join a programme, named or the one their organisation carries."""

from referral.accounts.services import user_by_email
from tests.common.factories import ProgrammeFactory, UserFactory


def _create(runner, programme, role, *extra):
    return runner.invoke(
        args=[
            "users", "create", "nouvelle@pre.test", "--organisation",
            str(programme.organisation_id), "--role", role, *extra,
        ]
    )  # fmt: skip


def test_staff_join_the_one_programme_their_organisation_carries(runner, db_session):
    programme = ProgrammeFactory()
    result = _create(runner, programme, "coordinator")
    assert result.exit_code == 0, result.output
    assert user_by_email(db_session, "nouvelle@pre.test").programme == programme


def test_the_programme_is_named_when_the_organisation_carries_two(runner, db_session):
    programme = ProgrammeFactory()
    second = ProgrammeFactory(organisation=programme.organisation)
    result = _create(runner, programme, "referent", "--programme", str(second.uid))
    assert result.exit_code == 0, result.output
    assert user_by_email(db_session, "nouvelle@pre.test").programme == second


def test_two_programmes_and_none_named_is_refused_in_one_sentence(runner, db_session):
    programme = ProgrammeFactory()
    ProgrammeFactory(organisation=programme.organisation)
    result = _create(runner, programme, "referent")
    assert result.exit_code == 1 and "plusieurs programmes" in result.output
    assert user_by_email(db_session, "nouvelle@pre.test") is None


def test_admins_and_partners_join_no_programme(runner, db_session):
    programme = ProgrammeFactory()
    _create(runner, programme, "admin")
    assert user_by_email(db_session, "nouvelle@pre.test").programme is None


def test_an_admin_given_a_programme_is_refused(runner, db_session):
    programme = ProgrammeFactory()
    result = _create(runner, programme, "admin", "--programme", str(programme.id))
    assert result.exit_code == 1 and "Seuls les comptes d'un programme" in result.output


def test_an_unknown_programme_is_refused(runner):
    result = _create(runner, ProgrammeFactory(), "referent", "--programme", "999999")
    assert result.exit_code == 1 and "Programme introuvable" in result.output


def test_users_programme_puts_an_unlinked_member_of_staff_in_a_programme(runner, db_session):
    programme = ProgrammeFactory()
    referent = UserFactory(organisation=programme.organisation, roles=["referent"])
    result = runner.invoke(args=["users", "programme", referent.email, str(programme.uid)])
    db_session.expire_all()
    assert (result.exit_code, referent.programme) == (0, programme)


def test_users_programme_refuses_a_partner(runner, db_session):
    partner = UserFactory(roles=["partner"])
    result = runner.invoke(args=["users", "programme", partner.email, str(ProgrammeFactory().id)])
    assert result.exit_code == 1 and "Seuls les comptes d'un programme" in result.output


def test_users_list_shows_each_accounts_programme(runner):
    programme = ProgrammeFactory(name="PRE de la Liste")
    user = UserFactory(programme=programme, roles=["dpo"])
    result = runner.invoke(args=["users", "list"])
    assert f"{user.email}\tdpo\t{user.organisation.name}\tPRE de la Liste\tactif" in result.output
