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

    @factory.post_generation
    def at(self, create: bool, extracted: list | None, **_: object) -> None:  # type: ignore[no-untyped-def]
        if extracted:
            self.places = list(extracted)


@_registered
class UserFactory(_Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    full_name = factory.Sequence(lambda n: f"Personne {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    roles = factory.LazyFunction(lambda: ["referent"])
