"""French time and words for domain code: days in France, periods bound in UTC, plurals."""

from __future__ import annotations

import datetime as dt

import time_machine

from referral import french


def test_a_french_day_starts_at_midnight_in_paris_summer_and_winter():
    assert french.day_start(dt.date(2026, 1, 15)) == dt.datetime(2026, 1, 14, 23, tzinfo=dt.UTC)
    assert french.day_start(dt.date(2026, 7, 15)) == dt.datetime(2026, 7, 14, 22, tzinfo=dt.UTC)


def test_today_is_the_day_in_france_even_when_utc_is_still_yesterday():
    with time_machine.travel(dt.datetime(2026, 1, 14, 23, 30, tzinfo=dt.UTC), tick=False):
        assert french.today() == dt.date(2026, 1, 15)


def test_a_stored_moment_is_dated_on_french_time():
    assert french.local_day(dt.datetime(2026, 1, 14, 23, 30)) == dt.date(2026, 1, 15)
    assert french.local_day(None) is None


def test_the_word_alone_agrees_with_the_count():
    assert french.plural_word(1, "commune inconnue", "communes inconnues") == "commune inconnue"
    assert french.plural_word(3, "commune inconnue", "communes inconnues") == "communes inconnues"
