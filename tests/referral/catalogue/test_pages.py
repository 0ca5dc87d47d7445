"""Catalogue pages render in French, public for active services only."""

import datetime as dt

from catalogue.models import NeedTerm
from tests.common.factories import OrganisationFactory, PlaceFactory, ServiceFactory


def _text(response):
    return response.get_data(as_text=True)


def test_home_lists_the_twelve_domains(client):
    page = _text(client.get("/"))
    assert 'lang="fr"' in page
    assert page.count('href="/services?domain=') == 12


def test_needs_page_counts_services_per_need(client, db_session):
    ServiceFactory(need_terms=[db_session.get(NeedTerm, "sport--pratique-en-club")])
    page = _text(client.get("/needs"))
    entry = page.split(">Pratique sportive en club</a>", 1)[1]
    assert entry.lstrip().startswith('<span class="count">1 service<')


def test_services_by_need_lists_only_services_covering_it(client, db_session):
    sport = db_session.get(NeedTerm, "sport--pratique-en-club")
    ServiceFactory(name="Club de judo fictif", need_terms=[sport])
    ServiceFactory(name="Atelier lecture fictif")
    page = _text(client.get("/services?need=sport--pratique-en-club"))
    assert "Club de judo fictif" in page
    assert "Atelier lecture fictif" not in page


def test_services_by_domain(client, db_session):
    ServiceFactory(
        name="Club de judo fictif", need_terms=[db_session.get(NeedTerm, "sport--pratique-en-club")]
    )
    assert "Club de judo fictif" in _text(client.get("/services?domain=sport"))


def test_services_are_paginated(client, db_session):
    sport = db_session.get(NeedTerm, "sport--pratique-en-club")
    for index in range(25):
        ServiceFactory(name=f"Club {index:02d}", need_terms=[sport])
    first = _text(client.get("/services?need=sport--pratique-en-club"))
    second = _text(client.get("/services?need=sport--pratique-en-club&page=2"))
    assert "Page 1 sur 2" in first and "Page suivante" in first
    assert "Club 24" in second and "Club 00" not in second


def test_service_page_shows_what_a_referent_needs(client, db_session):
    service = ServiceFactory(
        name="CMP fictif",
        age_min=3,
        age_max=12,
        cost="free",
        capacity="waitlist",
        waitlist_weeks=12,
        opening_hours="Mo-Fr 09:00-17:00",
        mobilisation=["professional"],
        at=[PlaceFactory()],
        referral_email="orientations@cmp.exemple.test",
    )
    page = _text(client.get(f"/services/{service.uid}"))
    for expected in [
        "de 3 à 12 ans",
        "gratuit",
        "environ 12 semaines",
        "Du lundi au vendredi de 9 h à 17 h.",
        "sur orientation d&#39;un professionnel",
        "Fiche vérifiée le",
    ]:
        assert expected in page
    assert "Mo-Fr" not in page


def test_referral_contact_is_hidden_from_anonymous_visitors(client, db_session):
    service = ServiceFactory(referral_email="orientations@cmp.exemple.test")
    assert "orientations@cmp.exemple.test" not in _text(client.get(f"/services/{service.uid}"))


def test_referral_contact_is_shown_to_signed_in_users(client, db_session, signed_in):
    from tests.common.factories import UserFactory

    service = ServiceFactory(referral_email="orientations@cmp.exemple.test")
    signed_in(client, UserFactory())
    assert "orientations@cmp.exemple.test" in _text(client.get(f"/services/{service.uid}"))


def test_pending_service_is_a_404_for_anonymous_visitors(client, db_session):
    service = ServiceFactory(status="pending")
    response = client.get(f"/services/{service.uid}")
    assert response.status_code == 404
    assert "Page introuvable" in _text(response)


def test_confidential_address_is_never_shown(client, db_session):
    service = ServiceFactory(
        confidential_address=True, at=[PlaceFactory(address="9 impasse Secrète")]
    )
    page = _text(client.get(f"/services/{service.uid}"))
    assert "9 impasse Secrète" not in page
    assert "Adresse confidentielle" in page


def test_overdue_entry_is_flagged(client, db_session):
    service = ServiceFactory(last_verified_on=dt.date.today() - dt.timedelta(days=400))
    assert "Fiche à mettre à jour" in _text(client.get(f"/services/{service.uid}"))


def test_organisation_page_lists_its_active_services(client, db_session):
    organisation = OrganisationFactory(name="Association fictive")
    ServiceFactory(organisation=organisation, name="Aide aux devoirs fictive")
    ServiceFactory(organisation=organisation, name="Service fermé fictif", status="closed")
    page = _text(client.get(f"/organisations/{organisation.uid}"))
    assert "Aide aux devoirs fictive" in page
    assert "Service fermé fictif" not in page
