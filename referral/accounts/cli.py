"""`relais users …` and `relais orgs list`: thin wrappers around the account services."""

from __future__ import annotations

import sys
import uuid
from typing import Any

import click
from flask import Flask
from sqlalchemy import select

from catalogue.models import Organisation
from referral import database
from referral.accounts import services
from referral.accounts.models import Role, User
from referral.database import database_command
from referral.french import plural
from referral.programmes.models import Programme

ROLE_CHOICE = click.Choice([role.value for role in Role])


@click.group("users", help="Comptes : création, jetons d'API, liste.")
def users_group() -> None:
    """Group the account commands."""


@users_group.command("create", help="Crée un compte (sans mot de passe : à inviter ensuite).")
@click.argument("email")
@click.option(
    "--organisation",
    "organisation_id",
    required=True,
    help="Identifiant (uid ou numéro) de la structure.",
)
@click.option(
    "--role", "roles", required=True, multiple=True, type=ROLE_CHOICE, help="Rôle (répétable)."
)
@click.option(
    "--programme",
    "programme_id",
    default=None,
    help="Programme (uid ou numéro) d'un compte de coordination, référent, EPS, financeur, DPO "
    "(par défaut : celui que porte la structure).",
)
@click.option("--name", "full_name", default="", help="Nom et prénom.")
@click.option("--password-stdin", is_flag=True, help="Lit le mot de passe sur l'entrée standard.")
@database_command
def create_user_command(
    email: str,
    organisation_id: str,
    roles: tuple[str, ...],
    programme_id: str | None,
    full_name: str,
    password_stdin: bool,
) -> None:
    """Create an account in an organisation with one or more roles (staff: in a programme)."""
    db = database.session()
    organisation = _organisation(organisation_id)
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    try:
        programme = (
            _programme(programme_id)
            if programme_id
            else services.default_programme(db, organisation, roles)
        )
        user = services.create_user(
            db,
            email=email,
            organisation=organisation,
            roles=roles,
            full_name=full_name,
            password=password,
            programme=programme,
        )
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    where = f"{organisation.name}, {programme.name}" if programme else organisation.name
    click.echo(f"Compte créé : {user.email} ({', '.join(user.roles)}) — {where}.")


def _by_id_or_uid(model: Any, identifier: str) -> Any:
    db = database.session()
    if identifier.isdigit():
        return db.get(model, int(identifier))
    try:
        return db.scalar(select(model).where(model.uid == uuid.UUID(identifier)))
    except ValueError:
        return None


def _organisation(identifier: str) -> Organisation:
    found = _by_id_or_uid(Organisation, identifier)
    if found is None:
        raise click.ClickException(
            f"Structure introuvable : {identifier} (voir « relais orgs list »)."
        )
    return found


def _programme(identifier: str) -> Programme:
    found = _by_id_or_uid(Programme, identifier)
    if found is None:
        raise click.ClickException(
            f"Programme introuvable : {identifier} (voir « relais programmes list »)."
        )
    return found


@users_group.command("token", help="Crée un jeton d'API personnel et l'affiche une seule fois.")
@click.argument("email")
@click.option("--name", default="ligne de commande", help="Nom du jeton.")
@database_command
def token_command(email: str, name: str) -> None:
    """Issue a personal API token for an active account and print it once."""
    db = database.session()
    user = services.user_by_email(db, email)
    if user is None or not user.active:
        raise click.ClickException(f"Aucun compte actif pour {email}.")
    _token, clear = services.issue_token(db, user, name)
    click.echo(clear)


@users_group.command("list", help="Liste les comptes.")
@database_command
def list_users_command() -> None:
    """Print every account: e-mail, roles, organisation, programme, state."""
    users = services.list_users(database.session())
    for user in users:
        state = "actif" if user.active else "désactivé"
        programme = user.programme.name if user.programme else "-"
        click.echo(
            f"{user.email}\t{','.join(user.roles)}\t{user.organisation.name}\t{programme}\t{state}"
        )
    click.echo(f"{plural(len(users), 'compte')}.")


@users_group.command("deactivate", help="Désactive un compte : connexions et jetons refusés.")
@click.argument("email")
@database_command
def deactivate_command(email: str) -> None:
    """Deactivate an account at once (nothing is deleted)."""
    user = _user(email)
    services.deactivate(database.session(), user)
    click.echo(f"Compte désactivé : {user.email}.")


@users_group.command("reactivate", help="Réactive un compte désactivé.")
@click.argument("email")
@database_command
def reactivate_command(email: str) -> None:
    """Reactivate an account."""
    user = _user(email)
    services.reactivate(database.session(), user)
    click.echo(f"Compte réactivé : {user.email}.")


@users_group.command("programme", help="Rattache un compte de programme à son programme.")
@click.argument("email")
@click.argument("programme_id")
@database_command
def set_programme_command(email: str, programme_id: str) -> None:
    """Put a coordinator, référent, EPS member, funder or DPO in a programme."""
    user, programme = _user(email), _programme(programme_id)
    try:
        services.set_programme(database.session(), user, programme)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Compte rattaché : {user.email} — {programme.name}.")


def _user(email: str) -> User:
    found = services.user_by_email(database.session(), email)
    if found is None:
        raise click.ClickException(f"Aucun compte pour {email}.")
    return found


@click.group("orgs", help="Structures.")
def orgs_group() -> None:
    """Group the organisation commands."""


@orgs_group.command("list", help="Liste les structures (numéro, uid, type, nom).")
@database_command
def list_organisations_command() -> None:
    """Print every organisation with the ids `users create` accepts."""
    organisations = list(
        database.session().scalars(select(Organisation).order_by(Organisation.name))
    )
    for organisation in organisations:
        click.echo(
            f"{organisation.id}\t{organisation.uid}\t{organisation.kind}\t{organisation.name}"
        )
    click.echo(f"{plural(len(organisations), 'structure')}.")


def init_app(app: Flask) -> None:
    """Register the `users` and `orgs` groups."""
    app.cli.add_command(users_group)
    app.cli.add_command(orgs_group)
