"""Two hosts, one truth: two `relais serve` processes, each with its own data dir, on one
PostgreSQL database with the PostgreSQL search backend. What one host writes, the other finds
at once: nothing a host keeps to itself (an index, a session store) stands between them."""

from __future__ import annotations

import datetime as dt
import os
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Service, ServiceStatus
from referral import database
from referral.accounts.models import User
from referral.accounts.services import issue_token
from referral.consents.models import SharedInformation
from referral.demo.accounts import DEMO_DOMAIN, DEMO_PASSWORD
from referral.pathways.models import Need, Pathway, PathwayState
from referral.referrals.models import Referral
from tests.common.databases import backend, isolated_url
from tests.common.hosts import Host, csrf_token, logs, relais, serving

pytestmark = pytest.mark.skipif(
    backend() != "postgresql",
    reason="two hosts share one PostgreSQL database: PostgreSQL pass only (RELAIS_TEST_DB)",
)

PARTNER = f"partenaire-cmp@{DEMO_DOMAIN}"
REFERENT = f"referente@{DEMO_DOMAIN}"
NEW_WORD = "Zéphyrine"  # in no demo service: found only once the rename is in


@dataclass(frozen=True)
class World:
    """The two hosts and what the tests act with: tokens, a partner's service, an open need."""

    a: Host
    b: Host
    partner_token: str
    referent_token: str
    service_uid: str
    service_version: int
    need_uid: str
    pathway_uid: str


def _environment(url: str, data_dir: Path) -> dict[str, str]:
    """Return one host's environment: its own data dir, the shared database, key and backend."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAIL_", "RELAIS_"))}
    env.update(
        DATABASE_URL=url,
        RELAIS_DATA_DIR=str(data_dir),
        RELAIS_SEARCH_BACKEND="postgresql",
        SECRET_KEY="the same key on every host " + "k" * 16,
    )
    return env


def _partners_service(session: Session, partner: User) -> Service:
    """Return the first active service of the partner's organisation that takes referrals."""
    found = session.scalars(
        select(Service)
        .where(Service.organisation_id == partner.organisation_id)
        .where(Service.status == ServiceStatus.ACTIVE, Service.referral_email.is_not(None))
        .order_by(Service.id)
    ).first()
    assert found is not None, "the demo's CMP partner has no active service"
    return found


def _open_need(session: Session, referent: User) -> Need:
    """Return an open need of one of the référente's active pathways, with no referral yet."""
    referred = set(session.scalars(select(Referral.need_id)))
    pathways = session.scalars(
        select(Pathway)
        .where(Pathway.referent_id == referent.id, Pathway.state == PathwayState.ACTIVE)
        .order_by(Pathway.id)
    )
    return next(n for p in pathways for n in p.needs if n.is_open and n.id not in referred)


def _picked(url: str) -> dict[str, Any]:
    """Issue the two API tokens; pick the partner's service and the référente's open need."""
    engine = database.make_engine(url)
    try:
        with Session(engine) as session:
            partner = session.scalars(select(User).where(User.email == PARTNER)).one()
            referent = session.scalars(select(User).where(User.email == REFERENT)).one()
            service, need = _partners_service(session, partner), _open_need(session, referent)
            picked = {
                "partner_token": issue_token(session, partner)[1],
                "referent_token": issue_token(session, referent)[1],
                "service_uid": str(service.uid),
                "service_version": service.version,
                "need_uid": str(need.uid),
                "pathway_uid": str(need.pathway.uid),
            }
            session.commit()
            return picked
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Migrate a fresh schema, load the demo, and serve it from two hosts."""
    folder = tmp_path_factory.mktemp("two-hosts")
    with isolated_url(folder) as url:
        envs = {name: _environment(url, folder / name) for name in ("a", "b")}
        relais(envs["a"], "db", "upgrade")
        relais(envs["a"], "demo", "load")
        picked = _picked(url)
        with serving(envs, folder) as (a, b):
            yield World(a, b, **picked)


def _found(host: Host, text: str) -> list[str]:
    """Return the ids a search API call on this host finds for the text."""
    query = urllib.parse.urlencode({"q": text, "per_page": 100})
    answer = host.request("GET", f"/api/v1/services?{query}")
    assert answer.status == 200, f"{answer.status} {answer.text}\n{logs(host)}"
    return [item["id"] for item in answer.json()["items"]]


def test_a_service_renamed_through_one_host_is_found_at_once_through_the_other(world):
    assert world.service_uid not in _found(world.b, NEW_WORD)
    renamed = world.a.request(
        "PATCH",
        f"/api/v1/services/{world.service_uid}",
        {"version": world.service_version, "name": f"Consultation {NEW_WORD}"},
        token=world.partner_token,
    )
    assert renamed.status == 200, f"{renamed.text}\n{logs(world.a)}"
    assert world.service_uid in _found(world.b, NEW_WORD), logs(world.a, world.b)


def _sent_through(host: Host, world: World) -> dict[str, Any]:
    """Record the family's agreement and send a referral to the partner's service, on a host."""
    agreement = {
        "given_by": "Parent (fictif)",
        "given_on": dt.date.today().isoformat(),
        "information": [str(item) for item in SharedInformation],
        "services": [world.service_uid],
    }
    path = f"/api/v1/pathways/{world.pathway_uid}/consents"
    agreed = host.request("POST", path, agreement, token=world.referent_token)
    assert agreed.status == 201, f"{agreed.text}\n{logs(host)}"
    body = {"need_id": world.need_uid, "service_id": world.service_uid, "send": True}
    sent = host.request("POST", "/api/v1/referrals", body, token=world.referent_token)
    assert sent.status == 201, f"{sent.text}\n{logs(host)}"
    return sent.json()


def test_a_referral_sent_through_one_host_is_in_the_partners_inbox_on_the_other(world):
    sent = _sent_through(world.a, world)
    assert sent["state"] == "sent"
    inbox = world.b.request("GET", "/api/v1/partner/referrals", token=world.partner_token)
    assert inbox.status == 200, f"{inbox.text}\n{logs(world.b)}"
    assert sent["id"] in [each["id"] for each in inbox.json()], logs(world.a, world.b)


def test_a_session_signed_in_on_one_host_is_valid_on_the_other(world):
    cookie = world.a.sign_in(PARTNER, DEMO_PASSWORD)
    page = world.b.request("GET", "/partner/referrals", cookie=cookie)
    assert page.status == 200, f"{page.status} {page.headers}\n{logs(world.b)}"
    assert "Orientations reçues" in page.text


HSDS_PACKAGE = Path(__file__).parents[1] / "programmes" / "data" / "catalogue-chatellerault.json"


def _previewed_on(host: Host) -> tuple[str, dict[str, str]]:
    """Preview an HSDS file as the coordinator on a host; return the cookie and confirm form."""
    cookie = host.sign_in(f"coordination@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page = host.request("GET", "/imports/", cookie=cookie)
    cookie = page.cookie_or(cookie)
    form = {"format": "hsds", "csrf_token": csrf_token(page.text)}
    package = {"file": (HSDS_PACKAGE.name, HSDS_PACKAGE.read_bytes())}
    previewed = host.request("POST", "/imports/", form=form, files=package, cookie=cookie)
    token = re.search(r'name="token"[^>]*value="([0-9a-f]+)"', previewed.text)
    if previewed.status != 200 or token is None:  # the arrangement failed, not the confirmation
        pytest.fail(f"preview: {previewed.status}\n{logs(host)}")
    form = {"token": token.group(1), "csrf_token": csrf_token(previewed.text)}
    return previewed.cookie_or(cookie), form


def test_an_import_previewed_on_one_host_is_confirmed_on_the_other(world):
    cookie, confirmation = _previewed_on(world.a)
    confirmed = world.b.request("POST", "/imports/confirm", form=confirmation, cookie=cookie)
    assert confirmed.status == 302, f"{confirmed.status}\n{logs(world.b)}"
    assert "/imports/runs/" in confirmed.headers["location"]
