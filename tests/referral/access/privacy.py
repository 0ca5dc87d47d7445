"""Who may use the data-protection pages: notices are public; rights tools for the référent
of the pathway, the programme's coordinators and its DPO; the audit review for coordinators
and the DPO. Funders, admins, EPS members and partners never reach child-level data."""

from tests.referral.access import everyone, only, sample

RIGHTS = only("referent", "coordinator", "dpo")

ROUTES = {
    "privacy.notice": everyone(200),
    "privacy.accessibility": everyone(200),
    "privacy.rights_page": RIGHTS,
    "privacy.export_html": RIGHTS,
    "privacy.export_json": RIGHTS,
    "privacy.rectify": RIGHTS,
    "privacy.withdraw_consent": only("referent", "coordinator", "dpo", ok=302),
    "privacy.audit_log": only("coordinator", "dpo"),
    "privacy.audit_csv": only("coordinator", "dpo"),
}


@sample("privacy_pathway")
def _pathway(world):
    from tests.common.factories import ChildFactory, FamilyFactory, PathwayFactory

    programme = world.get("programme")
    child = ChildFactory(family=FamilyFactory(programme=programme))
    return PathwayFactory(child=child, programme=programme, referent=world.users["referent"])


@sample("privacy_consent")
def _consent(world):
    from tests.common.factories import ConsentFactory

    return ConsentFactory(pathway=world.get("privacy_pathway"))


PARAMS = {
    **{
        endpoint: {"uid": lambda world: world.get("privacy_pathway").uid}
        for endpoint in (
            "privacy.rights_page",
            "privacy.export_html",
            "privacy.export_json",
            "privacy.rectify",
        )
    },
    "privacy.withdraw_consent": {"uid": lambda world: world.get("privacy_consent").uid},
}
