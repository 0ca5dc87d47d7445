"""Who may see the indicators: the programme's coordinators (exact), funders (suppressed)."""

from tests.referral.access import only

ROUTES = {
    "indicators.index": only("coordinator", "funder"),
    "indicators.dashboard": only("coordinator", "funder"),
    "indicators.export_csv": only("coordinator", "funder"),
    "indicators.export_json": only("coordinator", "funder"),
}


def _programme_uid(world):
    return world.get("programme").uid


PARAMS = {
    endpoint: {"uid": _programme_uid}
    for endpoint in ("indicators.dashboard", "indicators.export_csv", "indicators.export_json")
}
