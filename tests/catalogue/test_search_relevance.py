"""How the engine reads everyday queries: acronyms, sound, typos, partial matches, needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from catalogue.models import Organisation, Service
from catalogue.search import (
    Entry,
    SearchIndex,
    SearchQuery,
    SearchResults,
    ServiceDocument,
    document_for,
    search,
    shipped,
)

TODAY = dt.date(2026, 3, 10)
POITIERS = (46.5802, 0.3404)


def doc(number: int, name: str, text: str = "", **fields: object) -> ServiceDocument:
    fields.setdefault("points", [POITIERS])
    return ServiceDocument(id=number, name=name, text=f"{name}\n{name}\n{text}", **fields)  # type: ignore[arg-type]


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    created = SearchIndex(tmp_path / "index")
    yield created
    created.close()


def run(index: SearchIndex, text: str, **asked: object) -> SearchResults:
    return search(index, SearchQuery(day=TODAY, text=text, **asked))  # type: ignore[arg-type]


def ids(index: SearchIndex, text: str, **asked: object) -> list[int]:
    return [hit.service_id for hit in run(index, text, **asked).hits]


@pytest.mark.parametrize("typed", ["CAF", "caf", "Caf"])
def test_an_acronym_is_a_whole_word_never_a_folded_stem(index, typed):
    index.write([doc(1, "Café des parents"), doc(2, "Accueil de la CAF")])
    assert ids(index, typed) == [2]


def test_the_word_an_acronym_resembles_still_finds_itself(index):
    index.write([doc(1, "Café des parents"), doc(2, "Accueil de la CAF")])
    assert ids(index, "café") == [1]


def test_an_acronym_finds_the_organisation_of_its_kind():
    service = Service(
        name="Permanence d'accueil",
        description="Sur rendez-vous.",
        organisation=Organisation(name="Caisse de la Vienne", kind="caf"),
    )
    assert "CAF" in document_for(service).text.split()


def test_a_misspelling_that_sounds_the_same_meets_the_word(index):
    index.write([doc(1, "Bilan chez l'orthophoniste"), doc(2, "Club de judo")])
    results = run(index, "ortofoniste")
    assert [hit.service_id for hit in results.hits] == [1]
    assert results.corrected_query == "orthophoniste"


def test_the_exact_word_ranks_above_one_that_only_sounds_like_it(index):
    index.write([doc(1, "Atelier ludoteque"), doc(2, "Atelier ludothèque")])
    assert ids(index, "ludothèque") == [2, 1]


@pytest.mark.parametrize(
    ("indexed", "typed", "found"),
    [
        ("tablier", "tabmier", True),  # 7 letters, distance 1
        ("tablier", "tobliar", False),  # 7 letters, distance 2
        ("bricolage", "brocolaje", True),  # 9 letters, distance 2
        ("tuba", "tubo", False),  # 4 letters: too short to guess
    ],
)
def test_the_typo_distance_grows_with_the_word(index, indexed, typed, found):
    index.write([doc(1, f"Atelier {indexed}")])
    assert (ids(index, typed) == [1]) is found


def test_the_correction_is_applied_and_said_and_can_be_refused(index):
    index.write([doc(1, "Consultation de psychologue")])
    results = run(index, "psycologue")
    assert (results.total, results.corrected_query) == (1, "psychologue")
    assert run(index, "psycologue", exact=True).total == 0


def test_a_correction_is_a_real_word_with_its_accents(index):
    index.write([doc(1, "Halte-garderie municipale")])
    assert run(index, "municipalle").corrected_query == "municipale"


def test_an_abbreviation_meets_the_longer_word(index):
    index.write([doc(1, "Cours de calligraphie")])
    assert ids(index, "calligra") == [1]


def test_no_correction_when_every_word_is_known(index):
    index.write([doc(1, "Bilan orthophonie")])
    assert run(index, "orthophonie").corrected_query is None


def test_when_no_service_meets_every_word_those_meeting_most_approach(index):
    index.write([doc(1, "Cours de guitare"), doc(2, "Cours de guitare et de chant")])
    results = run(index, "guitare chant violon")
    assert [hit.service_id for hit in results.hits] == [2, 1]
    assert results.partial


def test_a_generic_word_never_decides_alone(index):
    index.write([doc(1, "Aide aux devoirs"), doc(2, "Cours de guitare")])
    results = run(index, "aide guitare")
    assert [hit.service_id for hit in results.hits] == [2]


def test_every_word_met_is_not_a_partial_answer(index):
    index.write([doc(1, "Cours de guitare")])
    assert not run(index, "guitare").partial


def test_a_named_need_ranks_the_services_covering_it_first(index):
    index.write(
        [
            doc(1, "Conférence sur la dyslexie"),
            doc(2, "Bilan des apprentissages", needs=["scolarite--difficultes-apprentissage"]),
        ]
    )
    results = run(index, "dyslexie")
    assert [hit.service_id for hit in results.hits] == [2, 1]
    assert "scolarite--difficultes-apprentissage" in results.needs


def test_an_everyday_word_finds_services_by_need_alone(index):
    index.write([doc(1, "Multi-accueil", needs=["parentalite--garde-repit"])])
    assert ids(index, "nounou") == [1]


def test_a_programme_entry_points_its_word_to_a_need(index):
    index.write([doc(1, "Bassin municipal", needs=["sport--aisance-aquatique"])])
    own = shipped().extended([Entry("besoin", "sport--aisance-aquatique", "barboter")])
    assert ids(index, "barboter") == []
    assert ids(index, "barboter", vocabulary=own) == [1]


def test_the_name_weighs_more_than_the_description(index):
    index.write([doc(1, "Atelier", "on y fait parfois du judo"), doc(2, "Judo")])
    assert ids(index, "judo") == [2, 1]


def test_the_fresher_service_wins_a_tie(index):
    index.write(
        [
            doc(1, "Judo", verified_on="2025-01-01"),
            doc(2, "Judo", verified_on="2026-02-01"),
        ]
    )
    assert ids(index, "judo") == [2, 1]
