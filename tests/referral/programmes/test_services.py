"""Programme set-up: territory from the gazetteer, settings, clear refusals."""

from __future__ import annotations

import pytest

from referral.programmes import services
from referral.programmes.services import ProgrammeError
from tests.common.factories import OrganisationFactory

GRAND_CHATELLERAULT = "248600413"


def test_an_epci_territory_holds_its_communes_and_departement(db_session):
    territory = services.territory_from_codes(db_session, GRAND_CHATELLERAULT, [])
    programme = services.create_programme(
        db_session, name="PRE", organisation=OrganisationFactory(kind="pre"), territory=territory
    )
    assert programme.territory_epci == GRAND_CHATELLERAULT
    assert "86066" in programme.territory_communes
    assert len(programme.territory_communes) > 40
    assert programme.department_code == "86"


def test_communes_from_two_departements_leave_the_departement_empty(db_session):
    territory = services.territory_from_codes(db_session, None, ["86194", "79191"])
    programme = services.create_programme(
        db_session, name="PRE", organisation=OrganisationFactory(), territory=territory
    )
    assert programme.territory_communes == ["79191", "86194"]
    assert programme.department_code is None


@pytest.mark.parametrize(
    ("epci", "communes", "message"),
    [
        (None, [], "Indiquez le territoire"),
        ("123456789", [], "EPCI inconnu"),
        (None, ["99999"], "Commune inconnue : 99999"),
        (GRAND_CHATELLERAULT, ["86066"], "pas les deux"),
    ],
)
def test_a_wrong_territory_is_refused_in_french(db_session, epci, communes, message):
    with pytest.raises(ProgrammeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        services.territory_from_codes(db_session, epci, communes)


def test_an_intercommunality_is_found_by_its_name_without_accents(db_session):
    territory = services.territory_from_names(
        db_session, "communaute d'agglomeration grand chatellerault", ""
    )
    assert territory.epci == GRAND_CHATELLERAULT


def test_communes_are_found_by_name_and_an_ambiguous_name_asks_for_the_code(db_session):
    territory = services.territory_from_names(db_session, "", "poitiers, Buxerolles (86)")
    assert territory.communes == ["86041", "86194"]
    with pytest.raises(ProgrammeError, match="plusieurs communes : Buxerolles"):
        services.territory_from_names(db_session, "", "Poitiers, Buxerolles")


def test_update_changes_only_the_given_settings(db_session):
    territory = services.territory_from_codes(db_session, None, ["86194"])
    programme = services.create_programme(
        db_session, name="PRE", organisation=OrganisationFactory(), territory=territory
    )
    services.update_programme(db_session, programme, retention_days=365, moderation_required=False)
    assert (programme.retention_days, programme.moderation_required) == (365, False)
    assert programme.territory_communes == ["86194"]
    with pytest.raises(ProgrammeError, match="positif"):
        services.update_programme(db_session, programme, retention_days=0)


def test_an_invalid_siret_is_refused_in_french(db_session):
    with pytest.raises(ProgrammeError, match="SIRET invalide"):
        services.new_organisation(db_session, name="PRE de Nulle-Part", siret="123")
