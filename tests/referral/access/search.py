"""The search page and the search API are public: the catalogue's active services are public."""

from tests.referral.access import everyone

ROUTES = {
    "search.search_page": everyone(200),
    # The form becomes a shareable URL: a redirection to the results, for everyone.
    "search.search_submit": everyone(303),
    # Without a JSON body the search says what it expects (400), whoever asks.
    "api.catalogue.search_services": everyone(400),
}
METHODS = {"search.search_submit": "POST", "api.catalogue.search_services": "POST"}
DATA = {"search.search_submit": {"q": "judo"}}
