"""The catalogue's JSON API is public (active services, the taxonomy, the OpenAPI document)."""

from tests.referral.access import everyone

ROUTES = {
    "api.list_services": everyone(200),
    "api.get_service": everyone(200),
    "api.list_needs": everyone(200),
    "api.openapi": everyone(200),
}
