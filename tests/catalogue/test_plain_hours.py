"""Opening hours in plain French (service page, family sheet) and the editor's weekly hours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue.hours import WeeklyHours, parse_weekly, plain_hours
from referral.demo.catalogue_templates import HOURS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mo-Th 09:00-18:30; Fr 09:00-17:00; PH off",
         "Du lundi au jeudi de 9 h à 18 h 30, le vendredi de 9 h à 17 h ; "
         "fermé les jours fériés."),
        ("Mo-Fr 08:30-12:30,13:30-18:00; PH off",
         "Du lundi au vendredi de 8 h 30 à 12 h 30 et de 13 h 30 à 18 h ; "
         "fermé les jours fériés."),
        ("Mo,We 14:00-17:00", "Le lundi et le mercredi de 14 h à 17 h."),
        ("Mo,Tu,Th,Fr 16:30-18:30; SH off",
         "Le lundi, le mardi, le jeudi et le vendredi de 16 h 30 à 18 h 30 ; "
         "fermé pendant les vacances scolaires."),
        ("Sa 09:00-12:00; Su off", "Le samedi de 9 h à 12 h."),
        ("Mo-Su 08:00-20:00", "Tous les jours de 8 h à 20 h."),
        ("24/7", "Tous les jours, 24 h sur 24."),
        ("PH off", "Fermé les jours fériés."),
    ],
)  # fmt: skip
def test_simple_hours_read_as_a_french_sentence(value, expected):
    assert plain_hours(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sep-Jun: Mo-Fr 09:00-17:00; PH off",
         "De septembre à juin : du lundi au vendredi de 9 h à 17 h ; fermé les jours fériés."),
        ("Jul 07-Aug 22 Mo-Fr 08:30-18:00",
         "Du 7 juillet au 22 août : du lundi au vendredi de 8 h 30 à 18 h."),
        ("Tu 16:00-18:30; SH Mo-Fr 14:00-19:00",
         "Le mardi de 16 h à 18 h 30 ; pendant les vacances scolaires : "
         "du lundi au vendredi de 14 h à 19 h."),
    ],
)  # fmt: skip
def test_seasons_and_school_holidays_are_said_in_words(value, expected):
    assert plain_hours(value) == expected


@pytest.mark.parametrize(
    "value", ['Mo-Fr 09:00-12:00 "sur RDV"', "sunrise-sunset", "Mo-Fr 9h-12h", "Jan-Mar off"]
)
def test_hours_too_complex_to_say_are_shown_as_written(value):
    assert plain_hours(value) == value


def test_days_wrapping_past_sunday_are_read_in_week_order():
    assert parse_weekly("Su-Tu 10:00-11:00").to_osm() == "Mo,Tu,Su 10:00-11:00"


def test_the_editor_writes_grouped_days_and_holidays():
    hours = WeeklyHours(
        days=dict.fromkeys(("mo", "tu", "we", "th"), (("09:00", "12:00"),)) | {"sa": ()},
        closed_public_holidays=True,
        season=((9, None), (6, None)),
    )
    assert hours.to_osm() == "Sep-Jun Mo-Th 09:00-12:00; PH off"


IMPORTER_HOURS = re.compile(r'"(?:opening_hours|horaires_accueil)": "([^"]+)"')


def _importer_hours() -> list[str]:
    """Read every opening-hours value the importers' test files hold (not a copy of them)."""
    folder = Path(__file__).parents[1] / "importers"
    found = {v for f in folder.glob("*.py") for v in IMPORTER_HOURS.findall(f.read_text())}
    assert found, "no opening hours found in the importers' tests"
    return sorted(found)


@pytest.mark.parametrize(
    "value", sorted({v for pool in HOURS.values() for v in pool} | set(_importer_hours()))
)
def test_editor_round_trip_keeps_every_demo_and_importer_value(value):
    hours = parse_weekly(value)
    assert hours is not None
    assert parse_weekly(hours.to_osm()) == hours
    assert plain_hours(hours.to_osm()) == plain_hours(value)
