"""Who may reach the account pages (sign-in, tokens, accounts, audit log)."""

from tests.referral.access import everyone, only, sample, signed_in

ROUTES = {
    "accounts.login": everyone(200),
    "accounts.logout": everyone(302) | {"anonymous": "302 to /"},
    "accounts.forgot_password": everyone(200),
    "accounts.reset_password": everyone(200),
    "accounts.accept_invitation": everyone(200),
    "accounts.account": signed_in(200),
    "accounts.create_token": signed_in(200),
    "accounts.revoke_token": signed_in(302),
    "accounts.users": only("admin", "partner_admin", "coordinator"),
    "accounts.invite": only("admin", "partner_admin", "coordinator"),
    # A coordinator manages the case accounts of its programme, not a partner's: 404.
    "accounts.deactivate": only("admin", "partner_admin", ok=302) | {"coordinator": "404"},
    "accounts.reactivate": only("admin", "partner_admin", ok=302) | {"coordinator": "404"},
    "accounts.audit_log": only("admin", "coordinator", "dpo"),
}


def _own_token(world):
    from referral.accounts.services import issue_token

    owner = world.user or world.users["referent"]
    return issue_token(world.session, owner, "matrice")[0].uid


def _link(kind):
    def build(world):
        from referral.accounts.links import make_link_token

        target = world.get("invited_user") if kind == "invitation" else world.users["partner"]
        with world.app.test_request_context():
            return make_link_token(kind, target)

    return build


@sample("colleague")
def _colleague(world):
    from tests.common.factories import UserFactory

    return UserFactory(organisation=world.organisation, roles=["partner"])


PARAMS = {
    "accounts.revoke_token": {"uid": _own_token},
    "accounts.deactivate": {"uid": lambda world: world.get("colleague").uid},
    "accounts.reactivate": {"uid": lambda world: world.get("colleague").uid},
    "accounts.reset_password": {"token": _link("password-reset")},
    "accounts.accept_invitation": {"token": _link("invitation")},
}
