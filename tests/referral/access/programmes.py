"""Who may reach the « Programmes » pages: the instance's admins only."""

from __future__ import annotations

from typing import Any

from tests.referral.access import only, sample


@sample("set_up_programme")
def _programme(world: Any) -> Any:
    from tests.common.factories import OrganisationFactory, ProgrammeFactory

    return ProgrammeFactory(organisation=OrganisationFactory(name="PRE de la Matrice", kind="pre"))


def _uid(world: Any) -> Any:
    return world.get("set_up_programme").uid


ROUTES = {
    "programmes.index": only("admin"),
    "programmes.show": only("admin"),
    "programmes.invite_coordinator": only("admin", ok=302),
}

PARAMS = {
    "programmes.show": {"uid": _uid},
    "programmes.invite_coordinator": {"uid": _uid},
}

DATA = {"programmes.invite_coordinator": {"email": "coordination@matrice.test"}}
