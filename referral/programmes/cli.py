"""`relais orgs create` and `relais programmes create|list|show|update`: thin wrappers."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from catalogue.models import OrganisationKind
from referral import database
from referral.database import database_command
from referral.french import plural
from referral.privacy.settings import retention_days as instance_retention_days
from referral.programmes import services
from referral.programmes.models import Programme
from referral.programmes.services import ProgrammeError

KIND_CHOICE = click.Choice([kind.value for kind in OrganisationKind])
CHARTER = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("create", help="Crée une structure (par exemple celle qui porte un PRE).")
@click.option("--name", required=True, help="Nom de la structure.")
@click.option("--siret", default=None, help="SIRET (14 chiffres).")
@click.option("--kind", default="pre", show_default=True, type=KIND_CHOICE, help="Type.")
@database_command
def create_organisation_command(name: str, siret: str | None, kind: str) -> None:
    """Create an organisation and print its number and uid."""
    try:
        organisation = services.new_organisation(
            database.session(), name=name, siret=siret, kind=kind
        )
    except ProgrammeError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Structure créée : {organisation.id}\t{organisation.uid}\t{organisation.name}")


@click.group("programmes", help="Programmes de réussite éducative : création et réglages.")
def programmes_group() -> None:
    """Group the programme commands."""


def _territory(epci: str | None, communes: tuple[str, ...]) -> services.Territory:
    codes = [code for value in communes for code in value.replace(",", " ").split()]
    return services.territory_from_codes(database.session(), epci, codes)


@programmes_group.command("create", help="Crée un programme sur un EPCI ou des communes.")
@click.option("--name", required=True, help="Nom du programme.")
@click.option("--organisation", "organisation_ref", required=True, help="Structure porteuse.")
@click.option("--epci", default=None, help="SIREN de l'intercommunalité.")
@click.option("--communes", multiple=True, help="Codes INSEE des communes (répétable).")
@click.option("--charter", type=CHARTER, default=None, help="Fichier texte de la charte d'EPS.")
@click.option("--moderation/--no-moderation", default=True, help="Modération du catalogue.")
@click.option("--retention-days", type=int, default=None, help="Conservation (jours).")
@database_command
def create_command(
    name: str,
    organisation_ref: str,
    epci: str | None,
    communes: tuple[str, ...],
    charter: Path | None,
    moderation: bool,
    retention_days: int | None,
) -> None:
    """Create a programme carried by an organisation."""
    session = database.session()
    organisation = services.find_organisation(session, organisation_ref)
    if organisation is None:
        raise click.ClickException(
            f"Structure introuvable : {organisation_ref} (voir « relais orgs list »)."
        )
    try:
        programme = services.create_programme(
            session,
            name=name,
            organisation=organisation,
            territory=_territory(epci, communes),
            charter_text=charter.read_text(encoding="utf-8") if charter else "",
            moderation_required=moderation,
            retention_days=retention_days,
        )
    except ProgrammeError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Programme créé : {programme.id}\t{programme.uid}\t{programme.name} "
        f"({plural(len(programme.territory_communes), 'commune')})."
    )


@programmes_group.command("list", help="Liste les programmes (numéro, uid, nom, structure).")
@database_command
def list_command() -> None:
    """Print every programme."""
    programmes = services.list_programmes(database.session())
    for programme in programmes:
        click.echo(
            f"{programme.id}\t{programme.uid}\t{programme.name}\t{programme.organisation.name}"
        )
    click.echo(f"{plural(len(programmes), 'programme')}.")


def _programme(reference: str) -> Programme:
    found = services.find_programme(database.session(), reference)
    if found is None:
        raise click.ClickException(
            f"Programme introuvable : {reference} (voir « relais programmes list »)."
        )
    return found


@programmes_group.command("show", help="Affiche un programme et ses réglages.")
@click.argument("reference")
@database_command
def show_command(reference: str) -> None:
    """Print a programme's organisation, territory and settings."""
    programme = _programme(reference)
    default = instance_retention_days(current_app.config)
    retention = programme.retention_days or default
    origin = "" if programme.retention_days else " (réglage de l'instance)"
    lines = [
        f"Programme : {programme.name} ({programme.id}, {programme.uid})",
        f"Structure porteuse : {programme.organisation.name}",
        f"EPCI : {programme.territory_epci or '—'}",
        f"Communes : {len(programme.territory_communes)} "
        f"({', '.join(programme.territory_communes[:10])}"
        f"{'…' if len(programme.territory_communes) > 10 else ''})",
        f"Département : {programme.department_code or '—'}",
        f"Modération : {'oui' if programme.moderation_required else 'non'}",
        f"Conservation : {retention} jours{origin}",
        f"Charte : {plural(len(programme.charter_text), 'caractère')}",
    ]
    click.echo("\n".join(lines))


@programmes_group.command("update", help="Modifie le nom, la charte, la modération, etc.")
@click.argument("reference")
@click.option("--name", default=None)
@click.option("--epci", default=None, help="SIREN de l'intercommunalité.")
@click.option("--communes", multiple=True, help="Codes INSEE des communes (répétable).")
@click.option("--charter", type=CHARTER, default=None, help="Fichier texte de la charte d'EPS.")
@click.option("--moderation/--no-moderation", default=None)
@click.option("--retention-days", type=int, default=None, help="Conservation (jours).")
@database_command
def update_command(reference: str, **options: object) -> None:
    """Change the settings given on the command line, and only those."""
    programme = _programme(reference)
    epci, communes = options.pop("epci"), options.pop("communes")
    charter = options.pop("charter")
    changes = {name: value for name, value in options.items() if value is not None}
    if charter is not None:
        changes["charter_text"] = Path(str(charter)).read_text(encoding="utf-8")
    if "moderation" in changes:
        changes["moderation_required"] = changes.pop("moderation")
    try:
        territory = _territory(epci, communes) if epci or communes else None  # type: ignore[arg-type]
        services.update_programme(database.session(), programme, territory=territory, **changes)
    except ProgrammeError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Programme mis à jour : {programme.name}.")


def init_app(app: Flask) -> None:
    """Register `programmes` and add `create` to the `orgs` group."""
    from referral.accounts.cli import orgs_group

    orgs_group.add_command(create_organisation_command)
    app.cli.add_command(programmes_group)
