"""The search page and the search API are public: the catalogue's active services are public.

A programme's own search vocabulary is kept by its coordinator.
"""

from typing import Any

from tests.referral.access import everyone, only, sample


@sample("vocabulary_entry")
def _vocabulary_entry(world: Any) -> Any:
    from referral.search.models import VocabularyEntry

    entry = VocabularyEntry(
        programme_id=world.get("pathway").programme.id, kind="generique", target="", entry="truc"
    )
    world.session.add(entry)
    return entry


def _programme_exists(world: Any) -> None:
    world.get("pathway")


ROUTES = {
    "search.search_page": everyone(200),
    # The form becomes a shareable URL: a redirection to the results, for everyone.
    "search.search_submit": everyone(303),
    # Without a JSON body the search says what it expects (400), whoever asks.
    "api.catalogue.search_services": everyone(400),
    "search.vocabulary": only("coordinator"),
    "search.add_vocabulary_entry": only("coordinator", ok=303),
    "search.remove_vocabulary_entry": only("coordinator", ok=303),
}
METHODS = {
    "search.search_submit": "POST",
    "api.catalogue.search_services": "POST",
    "search.add_vocabulary_entry": "POST",
}
DATA = {
    "search.search_submit": {"q": "judo"},
    "search.add_vocabulary_entry": {"kind": "generique", "entry": "machin"},
}
PARAMS = {
    "search.remove_vocabulary_entry": {"entry_id": lambda world: world.get("vocabulary_entry").id},
}
SETUP = [_programme_exists]
