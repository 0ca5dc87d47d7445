"""Who may see the indicators: the programme's coordinators (exact), funders (suppressed)."""

from tests.referral.access import only, sample

ROUTES = {
    "indicators.index": only("coordinator", "funder"),
    "indicators.dashboard": only("coordinator", "funder"),
    "indicators.export_csv": only("coordinator", "funder"),
    "indicators.export_json": only("coordinator", "funder"),
}


@sample("indicators_programme")
def _programme(world):
    from tests.common.factories import ProgrammeFactory

    return ProgrammeFactory(organisation=world.users["coordinator"].organisation)


def _programme_uid(world):
    return world.get("indicators_programme").uid


PARAMS = {
    endpoint: {"uid": _programme_uid}
    for endpoint in ("indicators.dashboard", "indicators.export_csv", "indicators.export_json")
}
