"""The search engine on plain documents: relevance, filters at their limits, sorting, paging."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from catalogue.geography import haversine_km
from catalogue.search import (
    Entry,
    FamilyPlace,
    SearchIndex,
    SearchQuery,
    ServiceDocument,
    search,
    shipped,
)
from catalogue.search import snippet as make_snippet

TODAY = dt.date(2026, 3, 10)
POITIERS = (46.5802, 0.3404)
HERE = FamilyPlace(*POITIERS, commune="86194", department="86", epci="248600413")


def doc(number: int, name: str = "Service", text: str = "", **fields: object) -> ServiceDocument:
    """Return a document near Poitiers unless told otherwise."""
    fields.setdefault("points", [POITIERS])
    return ServiceDocument(id=number, name=name, text=f"{name}\n{text}", **fields)  # type: ignore[arg-type]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    created = SearchIndex(tmp_path / "index")
    yield created
    created.close()


def ids(index: SearchIndex, **asked: object) -> list[int]:
    asked.setdefault("day", TODAY)
    return [hit.service_id for hit in search(index, SearchQuery(**asked)).hits]  # type: ignore[arg-type]


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    """Return the point `km` due north (along a meridian)."""
    return point[0] + math.degrees(km / 6371.0088), point[1]


def test_accents_and_case_are_ignored(index):
    index.write([doc(1, "Activité Théâtre")])
    assert ids(index, text="ACTIVITE theatre") == [1]


def test_stemming_matches_other_forms_of_a_word(index):
    index.write([doc(1, "Cabinet d'orthophonie"), doc(2, "Club de judo")])
    assert ids(index, text="orthophoniste") == [1]


def test_an_acronym_finds_the_long_form(index):
    index.write([doc(1, "Centre médico-psychologique infanto-juvénile"), doc(2, "Centre social")])
    assert ids(index, text="CMP") == [1]


def test_the_long_form_finds_the_acronym(index):
    index.write([doc(1, "CMP de Poitiers"), doc(2, "Centre social")])
    assert ids(index, text="centre medico psychologique") == [1]


def test_a_synonym_finds_the_other_word(index):
    index.write([doc(1, "École de football"), doc(2, "Piscine")])
    assert ids(index, text="foot") == [1]


def test_a_programme_can_extend_the_vocabulary(index):
    index.write([doc(1, "Réussite éducative de la Vienne")])
    own = shipped().extended([Entry("sigle", "PRE86", "réussite éducative de la Vienne")])
    assert ids(index, text="pre86") == []
    assert ids(index, text="pre86", vocabulary=own) == [1]


def test_every_word_of_the_query_must_match(index):
    index.write([doc(1, "Aide aux devoirs"), doc(2, "Aide alimentaire")])
    assert ids(index, text="aide devoirs") == [1]


def test_snippet_marks_the_words_found():
    found = make_snippet("Le CMP reçoit les enfants <b>anxieux</b>.", frozenset({"enfant"}))
    assert "<mark" in found and "enfants</mark>" in found and "<b>" not in found


@pytest.mark.parametrize(("age", "found"), [(5, False), (6, True), (11, True), (12, False)])
def test_age_bounds_are_inclusive(index, age, found):
    index.write([doc(1, age_min=6, age_max=11)])
    assert (ids(index, age=age) == [1]) is found


def test_a_missing_age_bound_is_no_limit(index):
    index.write([doc(1, age_min=None, age_max=3), doc(2, age_min=16, age_max=None)])
    assert ids(index, age=0, sort="name") == [1]
    assert ids(index, age=25) == [2]


def test_school_level_filters_services_that_list_levels(index):
    index.write(
        [doc(1, "A", school_levels=["college"]), doc(2, "B"), doc(3, "C", school_levels=["lycee"])]
    )
    assert ids(index, school_level="college", sort="name") == [1, 2]


@pytest.mark.parametrize(("km", "found"), [(9.95, True), (10.05, False)])
def test_the_radius_is_exact_at_its_boundary(index, km, found):
    index.write([doc(1, points=[north_of(POITIERS, km)])])
    assert (ids(index, place=HERE, radius_km=10.0) == [1]) is found


def test_distance_is_to_the_nearest_place(index):
    near, far = north_of(POITIERS, 2.0), north_of(POITIERS, 8.0)
    index.write([doc(1, points=[far, near])])
    (hit,) = search(index, SearchQuery(day=TODAY, place=HERE)).hits
    assert hit.distance_km == pytest.approx(haversine_km(*POITIERS, *near))


def test_a_service_without_place_is_found_without_distance(index):
    index.write([doc(1, "Ligne d'écoute", points=[])])
    (hit,) = search(index, SearchQuery(day=TODAY, place=HERE)).hits
    assert hit.distance_km is None


@pytest.mark.parametrize(
    ("area", "found"),
    [
        ({}, True),
        ({"area_communes": ["86194"]}, True),
        ({"area_communes": ["86066"]}, False),
        ({"area_departments": ["86"]}, True),
        ({"area_departments": ["79"]}, False),
        ({"area_epcis": ["248600413"]}, True),
        ({"area_epcis": ["200069854"]}, False),
        ({"area_radius_km": 5.0}, True),
        ({"area_radius_km": 1.0}, False),
    ],
)
def test_the_family_commune_must_be_in_the_service_area(index, area, found):
    index.write([doc(1, points=[north_of(POITIERS, 3.0)], **area)])
    assert (ids(index, place=HERE) == [1]) is found


@pytest.mark.parametrize(
    ("status", "until", "found"),
    [
        ("active", None, True),
        ("pending", None, False),
        ("closed", None, False),
        ("suspended", TODAY - dt.timedelta(days=1), True),
        ("suspended", TODAY, False),
        ("suspended", TODAY + dt.timedelta(days=1), False),
    ],
)
def test_only_services_active_on_the_day_are_found(index, status, until, found):
    index.write([doc(1, status=status, suspended_until=until.isoformat() if until else "")])
    assert (ids(index) == [1]) is found


def test_free_keeps_only_free_services(index):
    index.write([doc(1, cost="free"), doc(2, cost="income_based"), doc(3, cost="paid")])
    assert ids(index, free=True) == [1]


def test_accepting_excludes_full_services_but_not_waiting_lists(index):
    index.write(
        [
            doc(1, "A", capacity="open"),
            doc(2, "B", capacity="waitlist"),
            doc(3, "C", capacity="full"),
        ]
    )
    assert ids(index, accepting=True, sort="name") == [1, 2]


def test_a_need_or_its_domain_selects_services(index):
    index.write([
        doc(1, needs=["sport--pratique-en-club"], domains=["sport"]),
        doc(2, needs=["sante--suivi-medical"], domains=["sante"]),
    ])  # fmt: skip
    assert ids(index, needs=["sport--pratique-en-club"]) == [1]
    assert ids(index, needs=["sante"], place=HERE) == [2]
    assert ids(index, needs=["sport", "sante"], sort="name") == [1, 2]


def test_sort_by_distance_puts_the_nearest_first(index):
    index.write([doc(1, points=[north_of(POITIERS, 6)]), doc(2, points=[north_of(POITIERS, 1)])])
    assert ids(index, place=HERE, sort="distance") == [2, 1]


def test_sort_by_name_is_alphabetical(index):
    index.write([doc(1, "Zèbre"), doc(2, "abeille"), doc(3, "Castor")])
    assert ids(index, sort="name") == [2, 3, 1]


def test_sort_by_relevance_puts_the_best_match_first(index):
    index.write([
        doc(1, "Atelier", text="un peu de théâtre parmi beaucoup d'autres activités variées ici"),
        doc(2, "Théâtre", text="théâtre théâtre"),
    ])  # fmt: skip
    assert ids(index, text="théâtre") == [2, 1]


def test_pages_split_the_results(index):
    index.write([doc(number, f"Service {number:02d}") for number in range(1, 8)])
    first = search(index, SearchQuery(day=TODAY, sort="name", per_page=3))
    last = search(index, SearchQuery(day=TODAY, sort="name", per_page=3, page=3))
    assert (first.total, first.pages) == (7, 3)
    assert [hit.service_id for hit in last.hits] == [7]


def test_facets_count_results_by_domain(index):
    index.write(
        [doc(1, domains=["sport"]), doc(2, domains=["sport", "sante"]), doc(3, domains=["sante"])]
    )
    assert search(index, SearchQuery(day=TODAY)).domains == {"sport": 2, "sante": 2}


def test_a_rewritten_document_replaces_the_old_one(index):
    index.write([doc(1, "Judo")])
    index.write([doc(1, "Natation")])
    assert (ids(index, text="judo"), ids(index, text="natation")) == ([], [1])


def test_a_deleted_document_is_no_longer_found(index):
    index.write([doc(1, "Judo"), doc(2, "Judo club")])
    index.write(deleted=[1])
    assert ids(index, text="judo") == [2]
