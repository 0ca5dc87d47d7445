"""Each hard filter of matching at its boundary, and near misses with every blocking reason."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.common.factories import ReferralFactory
from tests.common.matching_helpers import (
    SPORT,
    blocking,
    child_pathway,
    for_need,
    proposed,
    run,
    service,
)


def test_only_active_services_are_considered(db_session: Session) -> None:
    pathway = child_pathway()
    active, pending = service(db_session), service(db_session, status="pending")
    result = run(db_session, pathway)
    assert proposed(result) == [active.id]
    assert pending.id not in {m.service_id for m in result.needs[0].near_misses}


def test_a_service_of_another_need_is_not_proposed(db_session: Session) -> None:
    pathway = child_pathway()
    service(db_session, SPORT)
    assert proposed(run(db_session, pathway)) == []


def test_domain_matching_when_the_programme_allows_it(db_session: Session) -> None:
    pathway = child_pathway()
    pathway.programme.match_by_domain = True
    same_domain = service(db_session, "scolarite--lien-famille-ecole")
    assert proposed(run(db_session, pathway)) == [same_domain.id]


def test_distance_boundary_is_inclusive(db_session: Session) -> None:
    pathway = child_pathway(max_distance_km=5.0)
    inside, outside = service(db_session, km_north=4.99), service(db_session, km_north=5.05)
    result = run(db_session, pathway)
    assert proposed(result) == [inside.id]
    assert outside.id not in {m.service_id for m in result.needs[0].near_misses}


def test_remote_services_pass_the_distance_filter(db_session: Session) -> None:
    pathway = child_pathway()
    remote = service(db_session, km_north=None)
    assert proposed(run(db_session, pathway)) == [remote.id]


def test_age_bounds_are_inclusive(db_session: Session) -> None:
    pathway = child_pathway(age=10)
    at_max, at_min = service(db_session, age_max=10), service(db_session, age_min=10)
    assert set(proposed(run(db_session, pathway))) == {at_max.id, at_min.id}


def test_too_old_is_a_near_miss_with_its_reason(db_session: Session) -> None:
    pathway = child_pathway(age=11)
    young = service(db_session, age_min=6, age_max=10)
    assert blocking(run(db_session, pathway), young.id) == ["11 ans > 10 ans maximum"]


def test_too_young_is_a_near_miss_with_its_reason(db_session: Session) -> None:
    pathway = child_pathway(age=5)
    older = service(db_session, age_min=6)
    assert blocking(run(db_session, pathway), older.id) == ["5 ans < 6 ans minimum"]


def test_school_level_outside_the_service_levels(db_session: Session) -> None:
    pathway = child_pathway()
    college = service(db_session, school_levels=["college"])
    assert blocking(run(db_session, pathway), college.id) == [
        "niveau élémentaire non accepté (collège)"
    ]


def test_parents_only_service_does_not_answer_a_child_need(db_session: Session) -> None:
    pathway = child_pathway()
    parents = service(db_session, publics=["parent"])
    assert blocking(run(db_session, pathway), parents.id) == ["réservé aux parents"]


def test_family_service_answers_a_child_need(db_session: Session) -> None:
    pathway = child_pathway()
    family = service(db_session, publics=["family"])
    assert proposed(run(db_session, pathway)) == [family.id]


def test_service_area_by_commune_department_and_epci(db_session: Session) -> None:
    pathway = child_pathway()
    by_commune = service(db_session, area_communes=["86194"])
    by_department = service(db_session, area_departments=["86"])
    by_epci = service(db_session, area_epcis=["200069854"])
    elsewhere = service(db_session, area_communes=["86041"])
    result = run(db_session, pathway)
    assert set(proposed(result)) == {by_commune.id, by_department.id, by_epci.id}
    assert blocking(result, elsewhere.id) == ["hors secteur"]


def test_service_area_by_radius_around_its_places(db_session: Session) -> None:
    pathway = child_pathway()
    reaches, short = (
        service(db_session, km_north=3, area_radius_km=3.1),
        service(db_session, km_north=3, area_radius_km=2.5),
    )
    result = run(db_session, pathway)
    assert proposed(result) == [reaches.id]
    assert blocking(result, short.id) == ["hors secteur"]


def test_flags_qpv_rep_and_mdph(db_session: Session) -> None:
    pathway = child_pathway(qpv=False)
    flagged = service(db_session, qpv_only=True, rep_only=True, mdph_required=True)
    assert blocking(run(db_session, pathway), flagged.id) == [
        "réservé aux habitants d'un quartier prioritaire (QPV)",
        "réservé aux élèves scolarisés en REP/REP+",
        "notification MDPH requise",
    ]


def test_flags_satisfied_by_the_child_profile(db_session: Session) -> None:
    pathway = child_pathway(qpv=True)
    pathway.child.school_priority = "rep+"
    pathway.child.mdph_notification = True
    flagged = service(db_session, qpv_only=True, rep_only=True, mdph_required=True)
    assert proposed(run(db_session, pathway)) == [flagged.id]


def test_full_services_are_near_misses_and_waiting_lists_pass(db_session: Session) -> None:
    pathway = child_pathway()
    full, waiting = service(db_session, capacity="full"), service(db_session, capacity="waitlist")
    result = run(db_session, pathway)
    assert proposed(result) == [waiting.id]
    assert blocking(result, full.id) == ["complet"]


def test_services_already_declined_for_this_child_are_excluded(db_session: Session) -> None:
    pathway = child_pathway()
    refused = service(db_session)
    ReferralFactory(need=pathway.needs[0], service=refused, state="declined_by_partner")
    result = run(db_session, pathway)
    assert proposed(result) == []
    assert blocking(result, refused.id) == ["déjà refusé pour cet enfant"]


def test_family_declined_also_excludes(db_session: Session) -> None:
    pathway = child_pathway()
    refused = service(db_session)
    ReferralFactory(need=pathway.needs[0], service=refused, state="family_declined")
    assert proposed(run(db_session, pathway)) == []


def test_a_near_miss_lists_every_blocking_reason(db_session: Session) -> None:
    pathway = child_pathway(age=11)
    many = service(db_session, age_max=10, area_communes=["86041"], capacity="full")
    assert blocking(run(db_session, pathway), many.id) == [
        "11 ans > 10 ans maximum",
        "hors secteur",
        "complet",
    ]


def test_near_misses_must_be_within_distance(db_session: Session) -> None:
    pathway = child_pathway(age=11, max_distance_km=5.0)
    service(db_session, km_north=8, age_max=10)
    assert for_need(run(db_session, pathway), "scolarite--soutien-scolaire").near_misses == []


def test_a_service_closed_on_every_day_the_family_is_free_is_a_near_miss(db_session: Session):
    pathway = child_pathway(days_available=["we", "sa"])
    weekdays = service(db_session, opening_hours="Mo,Tu,Th,Fr 16:30-18:00")
    result = run(db_session, pathway)
    assert proposed(result) == []
    assert blocking(result, weekdays.id) == [
        "fermé les jours où la famille est disponible (mercredi, samedi)"
    ]


def test_a_service_open_on_one_of_the_family_days_passes(db_session: Session) -> None:
    pathway = child_pathway(days_available=["we"])
    wednesday = service(db_session, opening_hours="We 14:00-17:00; PH off")
    assert proposed(run(db_session, pathway)) == [wednesday.id]


def test_unknown_hours_or_no_family_days_never_block(db_session: Session) -> None:
    unknown = service(db_session, opening_hours="")
    saturday = service(db_session, opening_hours="Sa 10:00-12:00")
    assert proposed(run(db_session, child_pathway(days_available=["mo"]))) == [unknown.id]
    assert set(proposed(run(db_session, child_pathway()))) == {unknown.id, saturday.id}
