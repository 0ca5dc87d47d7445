"""The gazetteer: communes and EPCI, lookups, distances."""

import gzip

import pytest
from sqlalchemy import func, select

from catalogue.geography import (
    GazetteerError,
    commune_at,
    communes_for_postcode,
    communes_of_epci,
    find_communes,
    get_commune,
    haversine_km,
    load_communes,
    resolve_commune,
)
from catalogue.models import Commune, Epci
from catalogue.resources import COMMUNES


def test_every_commune_of_the_gazetteer_is_loaded(db_session):
    assert db_session.scalar(select(func.count()).select_from(Commune)) == 34912
    assert db_session.scalar(select(func.count()).select_from(Epci)) > 1200


def test_commune_by_insee_code(db_session):
    poitiers = get_commune(db_session, "86194")
    assert poitiers.name == "Poitiers"
    assert poitiers.epci_siren == "200069854"
    assert poitiers.contains(poitiers.latitude, poitiers.longitude)


def test_postcode_lists_its_communes_most_populated_first(db_session):
    communes = communes_for_postcode(db_session, "86000")
    assert communes[0].name == "Poitiers"


def test_postcode_is_matched_exactly_not_as_a_substring(db_session):
    assert all("8600" not in c.postcode_list for c in communes_for_postcode(db_session, "8600"))


@pytest.mark.parametrize(
    "typed", ["beaumont saint cyr", "BEAUMONT-SAINT-CYR", "Beaumont Saint-Cyr"]
)
def test_name_lookup_ignores_case_accents_and_hyphens(db_session, typed):
    assert find_communes(db_session, typed)[0].insee_code == "86019"


def test_name_lookup_without_accent_finds_the_accented_name(db_session):
    assert find_communes(db_session, "beruges")[0].name == "Béruges"


def test_empty_name_finds_nothing(db_session):
    assert find_communes(db_session, "  ") == []


def test_communes_of_an_epci(db_session):
    communes = communes_of_epci(db_session, "200069854")
    assert len(communes) == 40
    assert "Poitiers" in [commune.name for commune in communes]


def test_point_resolves_to_the_commune_whose_centre_is_nearest(db_session):
    poitiers = get_commune(db_session, "86194")
    assert commune_at(db_session, poitiers.latitude, poitiers.longitude).insee_code == "86194"


def test_point_in_the_sea_has_no_commune(db_session):
    assert commune_at(db_session, 45.0, -5.0) is None


def test_haversine_between_paris_and_lyon():
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(391.5, abs=1.0)


def test_reloading_the_gazetteer_changes_nothing(db_session):
    report = load_communes(db_session)
    assert (report.created, report.updated) == (0, 0)


def test_a_gazetteer_without_a_column_is_refused(db_session, tmp_path):
    broken = tmp_path / "communes.csv.gz"
    lines = gzip.decompress(COMMUNES.read_bytes()).decode().splitlines()[:3]
    broken.write_bytes(gzip.compress("\n".join(line.rsplit(",", 1)[0] for line in lines).encode()))
    with pytest.raises(GazetteerError, match="Colonnes manquantes"):
        load_communes(db_session, broken)


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("86194", ["86194"]),
        ("86000", ["86194"]),
        ("Béruges", ["86024"]),
        ("86180", ["86180", "86041"]),  # Nouaillé-Maupertuis's code, Buxerolles's postcode
        ("Buxerolles", ["21123", "86041"]),
        ("zzz-introuvable", []),
    ],
)
def test_resolve_commune_from_a_code_a_postcode_or_a_name(db_session, typed, codes):
    assert sorted(c.insee_code for c in resolve_commune(db_session, typed)) == sorted(codes)
