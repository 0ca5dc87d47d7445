"""`relais orgs create` and `relais programmes create|list|show|update`."""

from __future__ import annotations

from sqlalchemy import select

from catalogue.models import Organisation
from referral.programmes.models import Programme


def test_orgs_create_prints_the_ids_users_and_programmes_accept(runner, db_session):
    result = runner.invoke(args=["orgs", "create", "--name", "PRE de Niort", "--kind", "pre"])
    assert result.exit_code == 0, result.output
    number = result.output.split(":")[1].split()[0]
    organisation = db_session.get(Organisation, int(number))
    assert (organisation.name, organisation.kind) == ("PRE de Niort", "pre")


def test_orgs_create_refuses_a_bad_siret_in_one_sentence(runner):
    result = runner.invoke(args=["orgs", "create", "--name", "PRE", "--siret", "123"])
    assert result.exit_code == 1
    assert "SIRET invalide" in result.output


def test_programmes_create_then_show_and_update(runner, db_session, tmp_path):
    body = Organisation(name="PRE de Niort", kind="pre")
    db_session.add(body)
    db_session.flush()
    charter = tmp_path / "charte.txt"
    charter.write_text("Je garde le secret.", encoding="utf-8")
    created = runner.invoke(
        args=[
            "programmes",
            "create",
            "--name",
            "PRE de Niort",
            "--organisation",
            str(body.uid),
            "--communes",
            "79191",
            "--charter",
            str(charter),
            "--no-moderation",
        ]
    )
    assert created.exit_code == 0, created.output
    programme = db_session.scalar(select(Programme).where(Programme.organisation_id == body.id))
    assert (programme.charter_text, programme.moderation_required) == ("Je garde le secret.", False)
    updated = runner.invoke(
        args=["programmes", "update", str(programme.id), "--retention-days", "500", "--moderation"]
    )
    assert updated.exit_code == 0, updated.output
    shown = runner.invoke(args=["programmes", "show", str(programme.uid)]).output
    assert "Modération : oui" in shown and "Conservation : 500 jours" in shown
    assert "PRE de Niort" in runner.invoke(args=["programmes", "list"]).output


def test_programmes_create_names_an_unknown_organisation(runner):
    result = runner.invoke(
        args=["programmes", "create", "--name", "PRE", "--organisation", "999999", "--epci", "x"]
    )
    assert result.exit_code == 1
    assert "Structure introuvable : 999999" in result.output
