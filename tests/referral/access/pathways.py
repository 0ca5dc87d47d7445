"""Who may reach the pathway pages and the pathway API (DESIGN §7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.referral.access import ROLES, sample

TEAM = ("referent", "coordinator")


@sample("pathway")
def _pathway(world: Any) -> Any:
    from tests.common.factories import NeedFactory, PathwayFactory

    programme = world.get("programme")
    pathway = PathwayFactory(
        programme=programme,
        child__family__programme=programme,
        referent=world.users["referent"],
        contract_end=dt.date.today() + dt.timedelta(days=200),
    )
    NeedFactory(pathway=pathway)
    return pathway


def table(team: int, *, eps: int = 404, denied: int = 403, anonymous: int = 302) -> dict[str, int]:
    """Référent and coordinator get `team`, the EPS member (no meeting) `eps`, others `denied`."""
    outcome = dict.fromkeys(ROLES, denied) | {"anonymous": anonymous, "eps_member": eps}
    return outcome | dict.fromkeys(TEAM, team)


def _uid(world: Any) -> Any:
    return world.get("pathway").uid


# A page form posted empty is refused with its page shown again (400), the messages beside.
ROUTES = {
    "pathways.caseload": table(200, eps=200),
    "pathways.delegate": table(400, eps=403) | {"coordinator": 403},
    "pathways.new": table(200, eps=403),
    "pathways.create": table(400, eps=403),
    "pathways.show": table(200),
    "pathways.add_need": table(400),
    "pathways.set_need_status": table(400),
    "pathways.transition": table(302),
    "pathways.add_contact": table(400),
    "pathways.consent_form": table(200),
    "pathways.record_consent": table(400),
    "pathways.danger_report": table(400),
    "pathways.transfer": table(302) | {"referent": 403},
    "api.pathways.create_pathway": table(400, eps=403, anonymous=401),
    "api.pathways.get_pathway": table(200, anonymous=401),
    "api.pathways.add_need": table(400, eps=403, anonymous=401),
    "api.pathways.record_consent": table(400, eps=403, anonymous=401),
    "api.pathways.transition": table(400, eps=403, anonymous=401),
    "api.pathways.proposals": table(200, anonymous=401),
}

PARAMS = {
    "pathways.show": {"uid": _uid},
    "pathways.add_need": {"uid": _uid},
    "pathways.set_need_status": {
        "uid": _uid,
        "need_uid": lambda world: world.get("pathway").needs[0].uid,
    },
    "pathways.transition": {"uid": _uid},
    "pathways.add_contact": {"uid": _uid},
    "pathways.consent_form": {"uid": _uid},
    "pathways.record_consent": {"uid": _uid},
    "pathways.danger_report": {"uid": _uid},
    "pathways.transfer": {"uid": _uid},
    "api.pathways.get_pathway": {"pathway_id": _uid},
    "api.pathways.add_need": {"pathway_id": _uid},
    "api.pathways.record_consent": {"pathway_id": _uid},
    "api.pathways.transition": {"pathway_id": _uid},
    "api.pathways.proposals": {"pathway_id": _uid},
}

METHODS = {"pathways.consent_form": "GET", "pathways.record_consent": "POST"}
