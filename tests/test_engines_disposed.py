"""The suite disposes the engines a test makes, so no connection is closed by the collector."""

from referral import database
from tests.common import engines


def test_an_engine_made_in_a_test_is_disposed_at_its_end_unless_kept(database_url):
    with engines.disposed_after():
        made = database.make_engine(database_url)
        kept = engines.keep(database.make_engine(database_url))
        for engine in (made, kept):
            with engine.connect():
                pass
            assert engine.pool.checkedin() == 1
    assert made.pool.checkedin() == 0  # its connection closed now, not at collection
    assert kept.pool.checkedin() == 1
    kept.dispose()
