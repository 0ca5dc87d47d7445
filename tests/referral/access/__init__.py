"""Access tables for the permission matrix (tests/referral/test_permission_matrix.py).

Each module of this package defines `ROUTES: dict[str, dict[str, int]]`: for every endpoint it
owns, the expected status per role (`ROLES` below). 302 for "anonymous" means "redirected to the
sign-in page"; the API answers 401 instead. A module may also define:

- `PARAMS: dict[str, dict[str, Factory]]`: endpoint → URL parameter → factory(world) giving
  the value, when the default for that parameter name (`PARAMETERS` below) does not fit;
- `METHODS: dict[str, str]`: endpoint → HTTP method to use (default GET if allowed, else POST);
- `DATA: dict[str, dict]`: endpoint → form data to send with a POST;
- `SETUP: list[Callable[[World], None]]`: functions run once the users exist (e.g. put the
  coordinator in a programme).

Sample objects are built lazily and cached by name: register a builder with `@sample("name")`
and use it with `world.get("name")`. Every object belongs to `world.organisation`, the
organisation of the partner and partner-admin users, unless its name says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

ROLES = (
    "anonymous",
    "admin",
    "coordinator",
    "referent",
    "eps_member",
    "partner",
    "partner_admin",
    "funder",
    "dpo",
)

Factory = Callable[["World"], Any]


@dataclass
class World:
    """The users (one per role) and the sample objects a matrix test fills URLs with."""

    session: Session
    app: Flask
    users: dict[str, Any] = field(default_factory=dict)
    organisation: Any = None
    role: str = "anonymous"
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def user(self) -> Any:
        """Return the user of the role being checked (None for anonymous)."""
        return self.users.get(self.role)

    def get(self, name: str) -> Any:
        """Return the sample object `name`, building it on first use."""
        if name not in self.cache:
            if name not in SAMPLES:
                raise KeyError(f"no sample object named {name!r}: register one with @sample")
            self.cache[name] = SAMPLES[name](self)
            self.session.flush()
        return self.cache[name]


SAMPLES: dict[str, Factory] = {}


def sample(name: str) -> Callable[[Factory], Factory]:
    """Register a builder of a sample object, built once per test and cached."""

    def register(builder: Factory) -> Factory:
        SAMPLES[name] = builder
        return builder

    return register


# Default value of a URL parameter, by its name (endpoints may override in PARAMS).
PARAMETERS: dict[str, Factory] = {
    "filename": lambda world: "relais.css",
    "uid": lambda world: world.get("service").uid,
    "service_id": lambda world: world.get("service").uid,
    "organisation_id": lambda world: world.organisation.uid,
}


@sample("service")
def _service(world: World) -> Any:
    from tests.common.factories import ServiceFactory

    return ServiceFactory(
        organisation=world.organisation,
        at=[world.get("place")],
        referral_email="orientations@exemple.test",
    )


@sample("pending_service")
def _pending_service(world: World) -> Any:
    from tests.common.factories import ServiceFactory

    return ServiceFactory(organisation=world.organisation, status="pending")


@sample("place")
def _place(world: World) -> Any:
    from tests.common.factories import PlaceFactory

    return PlaceFactory(organisation=world.organisation)


@sample("error_report")
def _error_report(world: World) -> Any:
    from referral.partners.models import ErrorReport

    report = ErrorReport(
        service=world.get("service"),
        reporter_id=world.users["referent"].id,
        message="Le numéro de téléphone a changé.",
    )
    world.session.add(report)
    return report


@sample("invited_user")
def _invited_user(world: World) -> Any:
    from tests.common.factories import UserFactory

    return UserFactory(organisation=world.organisation, roles=["partner"], password_hash=None)


def everyone(status: int = 200) -> dict[str, int]:
    """The same outcome for every role, anonymous included (a public page)."""
    return dict.fromkeys(ROLES, status)


def signed_in(status: int = 200, anonymous: int = 302) -> dict[str, int]:
    """Any signed-in user; anonymous is sent to sign in (or gets 401 from the API)."""
    return {**dict.fromkeys(ROLES, status), "anonymous": anonymous}


def only(*roles: str, ok: int = 200, denied: int = 403, anonymous: int = 302) -> dict[str, int]:
    """Some roles get `ok`, the other signed-in roles `denied`, anonymous `anonymous`."""
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: ok if role in roles else denied for role in ROLES} | {"anonymous": anonymous}
