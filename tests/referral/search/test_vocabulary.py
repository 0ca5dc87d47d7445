"""A programme's own search vocabulary: kept by its coordinator, applied to its users only."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from referral.audit.models import AuditEvent
from referral.search.models import VocabularyEntry
from tests.common.factories import ProgrammeFactory, ServiceFactory, UserFactory


@pytest.fixture
def app_settings(search_backend: str) -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False, "SEARCH_BACKEND": search_backend}


@pytest.fixture
def programme(db_session):
    return ProgrammeFactory()


@pytest.fixture
def coordinator(programme):
    return UserFactory(
        organisation=programme.organisation, programme=programme, roles=["coordinator"]
    )


def add(client, **form: str):
    return client.post("/search/vocabulary", data=form)


def names(client, text: str) -> list[str]:
    return [item["name"] for item in client.get(f"/api/v1/services?q={text}").get_json()["items"]]


def test_a_coordinators_entry_applies_to_the_programmes_users(
    client, signed_in, coordinator, programme, db_session
):
    ServiceFactory(name="Dispositif Réussir ensemble")
    signed_in(client, coordinator)
    response = add(client, kind="sigle", target="DRE86", entry="Réussir ensemble")
    assert response.status_code == 303
    referent = UserFactory(
        organisation=programme.organisation, programme=programme, roles=["referent"]
    )
    assert names(signed_in(client, referent), "dre86") == ["Dispositif Réussir ensemble"]


def test_another_programmes_users_do_not_get_the_entry(client, signed_in, coordinator, db_session):
    ServiceFactory(name="Dispositif Réussir ensemble")
    add(signed_in(client, coordinator), kind="sigle", target="DRE86", entry="Réussir ensemble")
    stranger = UserFactory(organisation=ProgrammeFactory().organisation, roles=["referent"])
    assert names(signed_in(client, stranger), "dre86") == []


def test_an_entry_can_point_a_local_word_to_a_need(client, signed_in, coordinator, db_session):
    from catalogue.models import NeedTerm

    ServiceFactory(name="Bassin", need_terms=[db_session.get(NeedTerm, "sport--aisance-aquatique")])
    signed_in(client, coordinator)
    add(client, kind="besoin", target="sport--aisance-aquatique", entry="barboter")
    assert names(client, "barboter") == ["Bassin"]


def test_a_wrong_entry_gets_a_french_message(client, signed_in, coordinator):
    response = add(signed_in(client, coordinator), kind="besoin", target="inconnu", entry="truc")
    assert response.status_code == 400
    assert "Choisissez un besoin de la taxonomie." in response.get_data(as_text=True)


def test_the_page_lists_the_entries_and_removes_one(
    client, signed_in, coordinator, programme, db_session
):
    signed_in(client, coordinator)
    add(client, kind="generique", entry="machin")
    page = client.get("/search/vocabulary").get_data(as_text=True)
    assert "machin" in page
    entry = db_session.scalars(select(VocabularyEntry)).one()
    assert client.post(f"/search/vocabulary/{entry.id}/delete").status_code == 303
    assert db_session.scalars(select(VocabularyEntry)).all() == []


def test_changes_to_the_vocabulary_are_audited(client, signed_in, coordinator, db_session):
    add(signed_in(client, coordinator), kind="generique", entry="machin")
    actions = db_session.scalars(select(AuditEvent.action)).all()
    assert "programme.vocabulary.add" in actions


def test_a_coordinator_cannot_remove_another_programmes_entry(
    client, signed_in, coordinator, db_session
):
    other = VocabularyEntry(
        programme_id=ProgrammeFactory().id, kind="generique", target="", entry="truc"
    )
    db_session.add(other)
    db_session.flush()
    response = signed_in(client, coordinator).post(f"/search/vocabulary/{other.id}/delete")
    assert response.status_code == 404


def test_an_overlong_entry_is_refused_in_french_and_kept_in_the_form(
    client, signed_in, coordinator, db_session
):
    response = add(
        signed_in(client, coordinator), kind="synonyme", target="piscine", entry="x" * 201
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="erreur-entry">Indiquez le mot ou l&#39;expression (200 caractères au plus).' in page
    assert 'value="piscine"' in page
    assert db_session.scalars(select(VocabularyEntry)).all() == []


def test_an_unknown_kind_asks_to_choose_one(client, signed_in, coordinator):
    response = add(signed_in(client, coordinator), kind="juron", entry="truc")
    assert response.status_code == 400
    assert "Choisissez le type d&#39;entrée." in response.get_data(as_text=True)
