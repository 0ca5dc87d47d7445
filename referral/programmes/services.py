"""Programme set-up: carrying organisation, territory from the gazetteer, settings. They flush."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.geography import communes_of_epci, find_communes, get_commune
from catalogue.models import Commune, Epci, Organisation, OrganisationKind
from catalogue.services import create_organisation
from catalogue.text import fold
from referral.french import plural_word
from referral.programmes.models import Programme


class ProgrammeError(ValueError):
    """A programme could not be set up; the message is one French sentence for a person."""


@dataclass
class Territory:
    """Where a programme works: an EPCI (and its communes) or a list of communes."""

    epci: str | None = None
    communes: list[str] = field(default_factory=list)

    def department(self, session: Session) -> str | None:
        """Return the département code when every commune lies in the same one."""
        codes = {
            commune.department_code
            for commune in session.scalars(
                select(Commune).where(Commune.insee_code.in_(self.communes))
            )
        }
        return codes.pop() if len(codes) == 1 else None


def new_organisation(
    session: Session, *, name: str, siret: str | None = None, kind: str = OrganisationKind.PRE
) -> Organisation:
    """Create the organisation that carries a programme (or any other), validated."""
    known = {each.value for each in OrganisationKind}
    if kind not in known:
        raise ProgrammeError(f"Type de structure inconnu : {kind} ({', '.join(sorted(known))}).")
    if len(name.strip()) < 2:
        raise ProgrammeError("Le nom de la structure compte au moins 2 caractères.")
    data: dict[str, Any] = {"name": name.strip(), "kind": kind, "siret": siret or None}
    try:
        return create_organisation(session, data)
    except ValidationError as error:
        problems = [
            " ".join(map(str, messages)).rstrip(".")
            for messages in error.normalized_messages().values()
        ]
        raise ProgrammeError(f"Structure refusée : {' ; '.join(problems)}.") from error


def territory_from_codes(session: Session, epci: str | None, communes: Iterable[str]) -> Territory:
    """Check an EPCI SIREN or INSEE codes against the gazetteer and return the territory."""
    codes = sorted({code.strip() for code in communes if code.strip()})
    if epci and codes:
        raise ProgrammeError("Indiquez un EPCI ou des communes, pas les deux.")
    if epci:
        epci = epci.strip()
        if session.get(Epci, epci) is None:
            raise ProgrammeError(f"EPCI inconnu : {epci} (SIREN à 9 chiffres du référentiel).")
        return Territory(epci, [commune.insee_code for commune in communes_of_epci(session, epci)])
    if not codes:
        raise ProgrammeError("Indiquez le territoire : un EPCI (SIREN) ou des communes (INSEE).")
    unknown = [code for code in codes if get_commune(session, code) is None]
    if unknown:
        words = plural_word(len(unknown), "Commune inconnue", "Communes inconnues")
        raise ProgrammeError(f"{words} : {', '.join(unknown)} (codes INSEE).")
    return Territory(None, codes)


def epci_by_name(session: Session, name: str) -> Epci:
    """Return the one EPCI of the gazetteer whose name matches, or say why not."""
    wanted = fold(name)
    if not wanted:
        raise ProgrammeError("Indiquez le nom de l'intercommunalité.")
    everything = list(session.scalars(select(Epci)))
    exact = [each for each in everything if fold(each.name) == wanted]
    matches = exact or [each for each in everything if wanted in fold(each.name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ProgrammeError(f"Aucune intercommunalité ne s'appelle « {name} ».")
    names = ", ".join(sorted(each.name for each in matches)[:5])
    raise ProgrammeError(f"Plusieurs intercommunalités correspondent à « {name} » : {names}…")


def commune_by_name(session: Session, name: str) -> Commune:
    """Return the one commune a name, « name (département) » or INSEE code designates."""
    value = name.strip()
    by_code = get_commune(session, value) if len(value) == 5 else None
    if by_code is not None:
        return by_code
    department = None
    if value.endswith(")") and "(" in value:
        value, department = (part.strip(" )") for part in value.rsplit("(", 1))
    found = [
        each
        for each in find_communes(session, value, limit=50)
        if each.search_name == fold(value) and department in (None, each.department_code)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise ProgrammeError(f"Commune inconnue : « {name.strip()} ».")
    choices = ", ".join(f"{each.name} ({each.department_code})" for each in found[:5])
    raise ProgrammeError(
        f"« {value} » désigne plusieurs communes : {choices} ; précisez le département "
        "entre parenthèses ou donnez le code INSEE."
    )


def territory_from_names(session: Session, epci_name: str, commune_names: str) -> Territory:
    """Return the territory named by an intercommunality or by communes (comma-separated)."""
    names = [part for part in commune_names.replace(";", ",").split(",") if part.strip()]
    if epci_name.strip() and names:
        raise ProgrammeError("Indiquez une intercommunalité ou des communes, pas les deux.")
    if epci_name.strip():
        return territory_from_codes(session, epci_by_name(session, epci_name).siren, [])
    return territory_from_codes(
        session, None, [commune_by_name(session, name).insee_code for name in names]
    )


def _check_retention(days: int | None) -> None:
    if days is not None and days < 1:
        raise ProgrammeError("La durée de conservation est un nombre de jours positif.")


def create_programme(
    session: Session,
    *,
    name: str,
    organisation: Organisation,
    territory: Territory,
    charter_text: str = "",
    moderation_required: bool = True,
    retention_days: int | None = None,
) -> Programme:
    """Create a programme carried by an organisation on a territory."""
    if not name.strip():
        raise ProgrammeError("Le programme a besoin d'un nom.")
    _check_retention(retention_days)
    programme = Programme(
        name=name.strip(),
        organisation=organisation,
        charter_text=charter_text,
        moderation_required=moderation_required,
        retention_days=retention_days,
    )
    _set_territory(session, programme, territory)
    session.add(programme)
    session.flush()
    return programme


def _set_territory(session: Session, programme: Programme, territory: Territory) -> None:
    programme.territory_epci = territory.epci
    programme.territory_communes = list(territory.communes)
    programme.department_code = territory.department(session)


def update_programme(
    session: Session,
    programme: Programme,
    *,
    territory: Territory | None = None,
    **changes: Any,
) -> Programme:
    """Change a programme's name, charter, moderation, retention or territory."""
    allowed = {"name", "charter_text", "moderation_required", "retention_days"}
    unknown = set(changes) - allowed
    if unknown:
        raise ProgrammeError(f"Champ non modifiable : {', '.join(sorted(unknown))}.")
    if "name" in changes and not str(changes["name"]).strip():
        raise ProgrammeError("Le programme a besoin d'un nom.")
    _check_retention(changes.get("retention_days"))
    for name, value in changes.items():
        setattr(programme, name, value)
    if territory is not None:
        _set_territory(session, programme, territory)
    session.flush()
    return programme


def list_programmes(session: Session) -> list[Programme]:
    """Return every programme of the instance, by name."""
    return list(session.scalars(select(Programme).order_by(Programme.name, Programme.id)))


def find_programme(session: Session, reference: str) -> Programme | None:
    """Return the programme with this number or uid."""
    reference = reference.strip()
    if reference.isdigit():
        return session.get(Programme, int(reference))
    try:
        uid = uuid.UUID(reference)
    except ValueError:
        return None
    return session.scalars(select(Programme).where(Programme.uid == uid)).first()


def find_organisation(session: Session, reference: str) -> Organisation | None:
    """Return the organisation with this number or uid."""
    reference = reference.strip()
    if reference.isdigit():
        return session.get(Organisation, int(reference))
    try:
        uid = uuid.UUID(reference)
    except ValueError:
        return None
    return session.scalars(select(Organisation).where(Organisation.uid == uid)).first()
