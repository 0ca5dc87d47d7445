"""Opening hours: the days of an ordinary week a service is open."""

import pytest

from catalogue.hours import open_weekdays


@pytest.mark.parametrize(
    ("expression", "days"),
    [
        ("Mo-Fr 09:00-17:00; PH off", {"mo", "tu", "we", "th", "fr"}),
        ("We 14:00-18:00; Sa 09:00-12:00", {"we", "sa"}),
        ("24/7", {"mo", "tu", "we", "th", "fr", "sa", "su"}),
        ("Mo-Sa 10:00-12:00; We off", {"mo", "tu", "th", "fr", "sa"}),
    ],
)
def test_open_weekdays(expression, days):
    assert open_weekdays(expression) == days


@pytest.mark.parametrize("expression", ["", "lundi matin"])
def test_empty_or_invalid_hours_are_unknown(expression):
    assert open_weekdays(expression) is None
