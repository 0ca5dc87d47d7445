"""factory_boy factories for the models; `bind` points them at the test's session."""

from __future__ import annotations

import datetime as dt

import factory
from factory.alchemy import SQLAlchemyModelFactory
from sqlalchemy.orm import Session

from catalogue.models import Organisation, Place, Service, ServiceStatus
from referral.accounts.models import User

_FACTORIES: list[type[SQLAlchemyModelFactory]] = []


def bind(session: Session) -> None:
    """Make every factory create its rows in this session."""
    for each in _FACTORIES:
        each._meta.sqlalchemy_session = session


def _registered(cls: type[SQLAlchemyModelFactory]) -> type[SQLAlchemyModelFactory]:
    _FACTORIES.append(cls)
    return cls


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_persistence = "flush"


@_registered
class OrganisationFactory(_Base):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Structure fictive {n}")
    kind = "association"


@_registered
class PlaceFactory(_Base):
    class Meta:
        model = Place

    organisation = factory.SubFactory(OrganisationFactory)
    address = factory.Sequence(lambda n: f"{n} rue des Essais")
    postcode = "86000"
    commune_insee = "86194"
    latitude = 46.5802
    longitude = 0.3404


@_registered
class ServiceFactory(_Base):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service fictif {n}")
    description = "Un service de test."
    status = ServiceStatus.ACTIVE
    publics = factory.LazyFunction(lambda: ["child"])
    last_verified_on = factory.LazyFunction(dt.date.today)

    @factory.post_generation
    def need_terms(self, create: bool, extracted: list | None, **_: object) -> None:  # type: ignore[no-untyped-def]
        if extracted:
            self.needs = list(extracted)
            ServiceFactory._meta.sqlalchemy_session.flush()

    @factory.post_generation
    def at(self, create: bool, extracted: list | None, **_: object) -> None:  # type: ignore[no-untyped-def]
        if extracted:
            self.places = list(extracted)
            ServiceFactory._meta.sqlalchemy_session.flush()


@_registered
class UserFactory(_Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    full_name = factory.Sequence(lambda n: f"Personne {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    roles = factory.LazyFunction(lambda: ["referent"])
    programme = None  # staff name theirs: UserFactory(programme=…, roles=["coordinator"])


# --- pathway space -------------------------------------------------------------------------
from referral.consents.models import Consent  # noqa: E402
from referral.pathways.models import Child, Family, Need, Pathway  # noqa: E402
from referral.programmes.models import Programme  # noqa: E402
from referral.referrals.models import Referral  # noqa: E402


@_registered
class ProgrammeFactory(_Base):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"PRE fictif {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind="pre")
    territory_epci = "200069854"
    department_code = "86"
    charter_text = "Je m'engage à respecter la confidentialité des situations évoquées."


@_registered
class FamilyFactory(_Base):
    class Meta:
        model = Family

    programme = factory.SubFactory(ProgrammeFactory)
    commune_insee = "86194"
    latitude = 46.5802
    longitude = 0.3404
    languages = factory.LazyFunction(lambda: ["fr"])
    guardians = factory.LazyFunction(
        lambda: [
            {"name": "Parent Fictif", "phone": "05 49 00 00 00", "email": "parent@exemple.test"}
        ]
    )


@_registered
class ChildFactory(_Base):
    class Meta:
        model = Child

    family = factory.SubFactory(FamilyFactory)
    first_name = factory.Sequence(lambda n: f"Enfant{n}")
    last_name = "Fictif"
    sex = "F"
    birth_date = factory.LazyFunction(
        lambda: dt.date.today().replace(day=1) - dt.timedelta(days=9 * 365)
    )
    school_level = "elementaire"


@_registered
class PathwayFactory(_Base):
    class Meta:
        model = Pathway

    programme = factory.SelfAttribute("child.family.programme")
    child = factory.SubFactory(ChildFactory)
    state = "active"
    contract_start = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=60))
    contract_end = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=300))


@_registered
class NeedFactory(_Base):
    class Meta:
        model = Need

    pathway = factory.SubFactory(PathwayFactory)
    need_code = "scolarite--soutien-scolaire"


@_registered
class ConsentFactory(_Base):
    class Meta:
        model = Consent

    pathway = factory.SubFactory(PathwayFactory)
    given_by = "Parent Fictif"
    given_on = factory.LazyFunction(dt.date.today)
    information = factory.LazyFunction(
        lambda: [
            "child_first_name",
            "child_age",
            "school_level",
            "need",
            "parent_contact",
            "family_message",
        ]
    )


@_registered
class ReferralFactory(_Base):
    class Meta:
        model = Referral

    need = factory.SubFactory(NeedFactory)
    pathway = factory.SelfAttribute("need.pathway")
    service = factory.SubFactory(ServiceFactory)
    state = "draft"
