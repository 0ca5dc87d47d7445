"""The HSDS 3 API is public and read-only: everyone gets the same answers."""

from tests.referral.access import everyone

ROUTES = {
    "hsds.root": everyone(200),
    "hsds.services": everyone(200),
    "hsds.service": everyone(200),
    "hsds.organizations": everyone(200),
    "hsds.service_at_locations": everyone(200),
    "hsds.taxonomies": everyone(200),
    "hsds.taxonomy_terms": everyone(200),
}
