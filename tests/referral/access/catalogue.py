"""The public catalogue pages: everyone, signed in or not."""

from tests.referral.access import everyone

ROUTES = {
    "catalogue.home": everyone(200),
    "catalogue.needs": everyone(200),
    "catalogue.services": everyone(200),
    "catalogue.service": everyone(200),
    "catalogue.organisation": everyone(200),
    "static": everyone(200),
}

PARAMS = {
    "catalogue.organisation": {"uid": lambda world: world.organisation.uid},
}
