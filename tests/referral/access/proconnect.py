"""ProConnect sign-in routes: public, and absent (404) while ProConnect is not configured."""

from tests.referral.access import everyone

ROUTES = {
    "proconnect.login": everyone(404),
    "proconnect.callback": everyone(404),
}
