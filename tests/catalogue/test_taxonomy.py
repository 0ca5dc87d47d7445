"""The needs taxonomy ships with Relais and loads idempotently."""

from sqlalchemy import func, select

from catalogue.models import NeedDomain, NeedTerm
from catalogue.taxonomy import (
    list_domains,
    list_needs,
    load_taxonomy,
    need_and_domain_codes,
    needs_named,
)


def test_taxonomy_has_twelve_domains_and_fifty_seven_needs(db_session):
    assert db_session.scalar(select(func.count()).select_from(NeedDomain)) == 12
    assert db_session.scalar(select(func.count()).select_from(NeedTerm)) == 57


def test_domains_keep_the_file_order(db_session):
    assert [domain.code for domain in list_domains(db_session)][:3] == [
        "scolarite",
        "langage",
        "sante",
    ]


def test_crosswalk_columns_are_split_into_lists(db_session):
    term = db_session.get(NeedTerm, "sante--suivi-medical")
    assert term.finess_categories == ["124", "223", "230", "268", "603"]
    assert term.datainclusion_thematiques == ["sante--acces-aux-soins"]
    assert term.annuaire_pivots == ["pmi"]


def test_loading_twice_changes_nothing(db_session):
    report = load_taxonomy(db_session)
    assert (report.created, report.updated) == (0, 0)


def test_a_changed_label_is_updated(db_session, tmp_path):
    source = (load_taxonomy.__defaults__ or ())[0]
    changed = tmp_path / "needs.csv"
    changed.write_text(
        source.read_text(encoding="utf-8").replace(
            "Soutien scolaire et aide aux devoirs", "Aide aux devoirs"
        ),
        encoding="utf-8",
    )
    report = load_taxonomy(db_session, terms_path=changed)
    assert report.updated == 1
    assert db_session.get(NeedTerm, "scolarite--soutien-scolaire").label == "Aide aux devoirs"


def test_the_codes_a_search_accepts_are_every_need_and_every_domain(db_session):
    expected = {term.code for term in list_needs(db_session)} | {
        domain.code for domain in list_domains(db_session)
    }
    assert need_and_domain_codes(db_session) == expected
    assert len(expected) == 57 + 12


def test_needs_named_keep_the_order_given_and_leave_unknown_codes_out(db_session):
    named = needs_named(db_session, ["sport--pratique-en-club", "nowhere", "scolarite"])
    assert [term.code for term in named] == ["sport--pratique-en-club"]
    named = needs_named(db_session, ["sante--suivi-medical", "scolarite--soutien-scolaire"])
    assert [term.label for term in named] == [
        db_session.get(NeedTerm, code).label
        for code in ("sante--suivi-medical", "scolarite--soutien-scolaire")
    ]
    assert needs_named(db_session, []) == []
