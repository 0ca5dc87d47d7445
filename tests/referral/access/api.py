"""The catalogue's JSON API is public (active services, the taxonomy, the OpenAPI document)."""

from tests.referral.access import everyone, only

ROUTES = {
    "api.catalogue.list_services": everyone(200),
    "api.catalogue.get_service": everyone(200),
    "api.catalogue.list_needs": everyone(200),
    "api.openapi": everyone(200),
}

ROUTES |= {
    # Allowed roles get past the permission check and are told the body lacks `version` (400).
    "api.partners.edit_service": only(
        "partner", "partner_admin", "coordinator", ok=400, anonymous=401
    ),
    "api.partners.service_changes": only(
        "partner", "partner_admin", "coordinator", "admin", anonymous=401
    ),
}
METHODS = {"api.partners.edit_service": "PATCH"}
