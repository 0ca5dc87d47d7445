"""Health endpoints: public, for load balancers and monitoring (no personal data in them)."""

from tests.referral.access import everyone

ROUTES = {
    "ops.healthz": everyone(200),
    "ops.readyz": everyone(200),
}
