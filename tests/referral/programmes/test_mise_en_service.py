"""The README's « Mise en service », command by command, from an empty database to a référent's
first search and first referral, without the demo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Service
from referral import database
from referral.pathways.models import Pathway
from referral.referrals.models import Referral
from tests.common.apps import make_test_app
from tests.common.databases import isolated_url

RELAIS = str(Path(sys.executable).parent / "relais")
PACKAGE = Path(__file__).parent / "data" / "catalogue-chatellerault.json"
ADMIN_PASSWORD = "mot de passe de l'admin 2026"
README = Path(__file__).parents[3] / "README.md"


def _relais(*args: str, env: dict[str, str], stdin: str | None = None) -> str:
    result = subprocess.run(
        [RELAIS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"relais {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture
def instance(tmp_path):
    """Run the README's commands on an empty database; return its URL and data dir."""
    with isolated_url(tmp_path) as url:
        env = {key: value for key, value in os.environ.items() if not key.startswith("MAIL_")}
        env.update(DATABASE_URL=url, RELAIS_DATA_DIR=str(tmp_path / "data"), SECRET_KEY="x" * 32)
        _relais("db", "upgrade", env=env)
        created = _relais(
            "orgs", "create", "--name", "PRE de Châtellerault", "--kind", "pre", env=env
        )
        organisation = created.split(":")[1].split()[0]
        _relais(
            "users",
            "create",
            "admin@pre-chatellerault.test",
            "--organisation",
            organisation,
            "--role",
            "admin",
            "--password-stdin",
            env=env,
            stdin=ADMIN_PASSWORD + "\n",
        )
        _relais("import", "hsds", str(PACKAGE), env=env)
        assert "Instance en bonne santé." in _relais("doctor", env=env)
        yield url, tmp_path / "data", organisation


def test_the_readme_lists_the_commands_this_test_runs():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Mise en service") :]
    for command in (
        "relais db upgrade",
        "relais orgs create",
        "relais users create",
        "--role admin",
        "relais import hsds",
        "relais doctor",
        "relais serve",
    ):
        assert command in section, command


def _invitation(smtp_server, address: str) -> str:
    (message,) = smtp_server.received.to(address)
    return re.search(r"https?://[^/\s]+(/invitation/\S+)", message.get_content()).group(1)


def _accept(client, path: str, password: str) -> None:
    form = {"full_name": "Camille Martin", "password": password, "confirm": password}
    assert client.post(path, data=form).status_code == 302


def _sign_in(client, email: str, password: str) -> None:
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.text


def _admin_sets_up_the_programme(admin, organisation) -> None:
    """Create the programme on the admin's page and invite its first coordinator."""
    programme = {
        "name": "PRE du Grand Châtellerault",
        "organisation": organisation,
        "epci_name": "Grand Châtellerault",
        "charter_text": "Confidentialité.",
        "moderation_required": "y",
    }
    created = admin.post("/programmes/", data=programme)
    assert created.status_code == 302
    coordinator = admin.post(
        created.headers["Location"] + "/coordinator",
        data={"email": "coordination@pre-chatellerault.test"},
    )
    assert coordinator.status_code == 302


def _coordinator_invites_a_referent(coordinator, smtp_server, organisation) -> None:
    """The coordinator (never the admin: case roles) accepts and invites the référent."""
    _accept(coordinator, _invitation(smtp_server, "coordination@pre-chatellerault.test"), "y" * 14)
    _sign_in(coordinator, "coordination@pre-chatellerault.test", "y" * 14)
    invitation = {
        "email": "referente@pre-chatellerault.test",
        "organisation": organisation,
        "roles": ["referent"],
    }
    assert coordinator.post("/users/invite", data=invitation).status_code == 302


CHILD = {
    "first_name": "Noé",
    "last_name": "Fictif",
    "sex": "M",
    "birth_date": "2016-05-04",
    "school_level": "CM1",
    "commune": "Châtellerault",
}


def _referent_opens_a_pathway(app, referent) -> tuple[Pathway, Service]:
    """Open a pathway from the page; return it and the CLAS found by the search."""
    assert referent.post("/pathways/new", data=CHILD).status_code == 302
    with Session(database.get_database(app).engine) as session:
        pathway = session.scalars(select(Pathway)).one()
        service = session.scalars(select(Service).where(Service.name.startswith("Accomp"))).one()
        assert pathway.programme.name == "PRE du Grand Châtellerault"
    return pathway, service


def test_from_an_empty_database_to_a_referents_first_search_and_referral(
    instance, tmp_path, mail_settings, smtp_server
):
    url, data_dir, organisation = instance
    app = make_test_app(url, data_dir, WTF_CSRF_ENABLED=False, **mail_settings)
    admin, coordinator, referent = app.test_client(), app.test_client(), app.test_client()
    _sign_in(admin, "admin@pre-chatellerault.test", ADMIN_PASSWORD)
    _admin_sets_up_the_programme(admin, organisation)
    _coordinator_invites_a_referent(coordinator, smtp_server, organisation)
    _accept(referent, _invitation(smtp_server, "referente@pre-chatellerault.test"), "x" * 14)
    _sign_in(referent, "referente@pre-chatellerault.test", "x" * 14)
    found = referent.get("/search?q=aide+aux+devoirs&lat=46.8100&lon=0.5500")
    assert "Accompagnement à la scolarité (CLAS)" in found.text
    pathway, service = _referent_opens_a_pathway(app, referent)
    path = f"/pathways/{pathway.uid}"
    need_added = referent.post(f"{path}/needs", data={"need": "scolarite--soutien-scolaire"})
    assert need_added.status_code == 302
    with Session(database.get_database(app).engine) as session:
        need = session.scalars(select(Pathway).where(Pathway.id == pathway.id)).one().needs[0]
    referral = referent.post(
        f"{path}/referrals", data={"need": str(need.uid), "service": str(service.uid)}
    )
    assert referral.status_code == 302
    with Session(database.get_database(app).engine) as session:
        assert session.scalars(select(Referral)).one().state == "draft"
    database.get_database(app).engine.dispose()
