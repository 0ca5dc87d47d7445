"""Opening hours in plain French on the family sheet."""

from __future__ import annotations

import pytest

from catalogue.hours import plain_hours


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mo-Fr 08:30-12:30,13:30-18:00; PH off",
         "Du lundi au vendredi : de 8 h 30 à 12 h 30 et de 13 h 30 à 18 h ; "
         "fermé les jours fériés."),
        ("Mo,We 14:00-17:00", "Le lundi, le mercredi : de 14 h à 17 h."),
        ("Sa 09:00-12:00; Su off", "Le samedi : de 9 h à 12 h ; le dimanche : fermé."),
        ("24/7", "Tous les jours, 24 h sur 24."),
    ],
)  # fmt: skip
def test_simple_hours_read_as_a_french_sentence(value, expected):
    assert plain_hours(value) == expected


def test_hours_too_complex_to_say_are_shown_as_they_are():
    assert plain_hours('Mo-Fr 09:00-12:00 "sur RDV"') == 'Mo-Fr 09:00-12:00 "sur RDV"'
