"""`relais users create|token|list` and `relais orgs list`."""

from referral.accounts.services import authenticate, user_by_email
from tests.common.factories import OrganisationFactory, UserFactory


def test_users_create_with_roles_and_a_password_from_stdin(runner, db_session):
    organisation = OrganisationFactory()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Nouvelle@Exemple.test",
            "--organisation",
            str(organisation.id),
            "--role",
            "partner",
            "--role",
            "partner_admin",
            "--password-stdin",
        ],
        input="un mot de passe assez long\n",
    )
    assert result.exit_code == 0, result.output
    user = authenticate(db_session, "nouvelle@exemple.test", "un mot de passe assez long")
    assert user.roles == ["partner", "partner_admin"]


def test_users_create_accepts_the_organisation_uid(runner, db_session):
    organisation = OrganisationFactory()
    runner.invoke(
        args=[
            "users",
            "create",
            "a@exemple.test",
            "--organisation",
            str(organisation.uid),
            "--role",
            "referent",
        ]
    )
    assert user_by_email(db_session, "a@exemple.test").organisation == organisation


def test_users_create_refuses_an_unknown_organisation(runner):
    result = runner.invoke(
        args=["users", "create", "a@exemple.test", "--organisation", "999999", "--role", "referent"]
    )
    assert result.exit_code == 1
    assert "Structure introuvable" in result.output


def test_users_create_refuses_an_unknown_role(runner):
    organisation = OrganisationFactory()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "a@exemple.test",
            "--organisation",
            str(organisation.id),
            "--role",
            "king",
        ]
    )
    assert result.exit_code == 2


def test_users_create_refuses_a_duplicate(runner):
    existing = UserFactory()
    result = runner.invoke(
        args=[
            "users",
            "create",
            existing.email,
            "--organisation",
            str(existing.organisation_id),
            "--role",
            "referent",
        ]
    )
    assert result.exit_code == 1
    assert "existe déjà" in result.output


def test_users_token_prints_a_working_token_once(runner, client):
    user = UserFactory()
    result = runner.invoke(args=["users", "token", user.email])
    token = result.output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/needs", headers=headers).status_code == 200


def test_users_list_shows_every_account(runner):
    user = UserFactory(roles=["dpo"])
    result = runner.invoke(args=["users", "list"])
    assert f"{user.email}\tdpo" in result.output


def test_orgs_list_gives_the_ids_users_create_takes(runner):
    organisation = OrganisationFactory(name="CAF fictive")
    result = runner.invoke(args=["orgs", "list"])
    assert f"{organisation.id}\t{organisation.uid}" in result.output


def test_users_deactivate_refuses_the_account_at_once(runner, db_session):
    user = UserFactory()
    result = runner.invoke(args=["users", "deactivate", user.email])
    db_session.expire_all()
    assert result.exit_code == 0 and user.active is False


def test_users_reactivate_lets_the_account_back_in(runner, db_session):
    user = UserFactory(active=False)
    runner.invoke(args=["users", "reactivate", user.email])
    db_session.expire_all()
    assert user.active is True


def test_users_deactivate_an_unknown_address_says_so(runner):
    result = runner.invoke(args=["users", "deactivate", "personne@nulle-part.test"])
    assert result.exit_code == 1 and "Aucun compte" in result.output
