"""The service area picked by name: communes, intercommunalities and départements, one a line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from wtforms import TextAreaField
from wtforms.validators import StopValidation

from catalogue.geography import communes_for_postcode, find_communes
from catalogue.models import Commune, Epci
from catalogue.text import fold
from referral import database

EPCI_MARK = "intercommunalité"
DEPARTMENT_MARK = "département"
_SUFFIX = re.compile(r"^(?P<name>.+?)\s*\((?P<mark>[^()]+)\)$")


@dataclass
class Area:
    """A service area as the catalogue stores it (INSEE codes, SIREN, département codes)."""

    communes: list[str] = field(default_factory=list)
    epcis: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)


def area_lines(communes: list[str], epcis: list[str], departments: list[str]) -> list[str]:
    """Write a stored area as the names the picker shows, one a line."""
    db = database.session()
    lines = []
    for code in communes:
        commune = db.get(Commune, code)
        lines.append(f"{commune.name} ({commune.department_code})" if commune else code)
    for siren in epcis:
        epci = db.get(Epci, siren)
        lines.append(f"{epci.name} ({EPCI_MARK})" if epci else siren)
    for code in departments:
        name = _department_name(code)
        lines.append(f"{name} ({DEPARTMENT_MARK})" if name else code)
    return lines


def _department_name(code: str) -> str | None:
    return database.session().scalar(
        select(Commune.department_name).where(Commune.department_code == code).limit(1)
    )


def _epci_named(name: str) -> Epci | None:
    wanted = fold(name)
    candidates = database.session().scalars(select(Epci).where(Epci.name.ilike(f"%{name}%")))
    return next((epci for epci in candidates if fold(epci.name) == wanted), None)


def _department_named(name: str) -> str | None:
    rows = database.session().execute(
        select(Commune.department_code, Commune.department_name).distinct()
    )
    return next((code for code, label in rows if fold(label) == fold(name) or code == name), None)


def resolve_line(line: str, area: Area) -> str | None:
    """Add what one line names to the area; return a French message when it names nothing."""
    match = _SUFFIX.match(line)
    name, mark = (match["name"], match["mark"].strip()) if match else (line, "")
    if mark == EPCI_MARK or (not mark and _epci_named(name)):
        epci = _epci_named(name)
        if epci is None:
            return f"« {name} » n'est pas une intercommunalité connue."
        area.epcis.append(epci.siren)
        return None
    if mark == DEPARTMENT_MARK:
        code = _department_named(name)
        if code is None:
            return f"« {name} » n'est pas un département connu."
        area.departments.append(code)
        return None
    return _resolve_commune(name, mark, area)


def _resolve_commune(name: str, department: str, area: Area) -> str | None:
    db = database.session()
    if re.fullmatch(r"\d{5}|2[AB]\d{3}", name) and (found := db.get(Commune, name)):
        area.communes.append(found.insee_code)
        return None
    matches = [c for c in find_communes(db, name, limit=50) if fold(c.name) == fold(name)]
    if department:
        matches = [c for c in matches if c.department_code == department]
    if len(matches) == 1:
        area.communes.append(matches[0].insee_code)
        return None
    if not matches:
        return f"Aucune commune ni intercommunalité ne s'appelle « {name} »."
    places = ", ".join(f"{c.name} ({c.department_code})" for c in matches[:5])
    return f"Plusieurs communes s'appellent « {name} » : précisez le département ({places})."


def suggestions(text: str, limit: int = 10) -> list[str]:
    """Return names the picker proposes for what was typed (intercommunalities, then communes)."""
    if len(fold(text)) < 2:
        return []
    db = database.session()
    epcis = db.scalars(select(Epci).where(Epci.name.ilike(f"%{text}%")).limit(limit // 2))
    found = [f"{epci.name} ({EPCI_MARK})" for epci in epcis]
    found += [f"{c.name} ({c.department_code})" for c in find_communes(db, text, limit=limit)]
    return found[:limit]


class AreaField(TextAreaField):
    """Names of communes, intercommunalities or départements, one a line, read into an `Area`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area = Area()

    def pre_validate(self, form: Any) -> None:
        """Resolve each line; every line that names nothing gets its own message."""
        self.area = Area()
        lines = [line.strip() for line in (self.data or "").splitlines() if line.strip()]
        problems = [message for line in lines if (message := resolve_line(line, self.area))]
        if problems:
            self.errors = list(problems)
            raise StopValidation()


def commune_by_name(name: str, postcode: str = "") -> Commune | str:
    """Return the commune a place's name (and postcode) designates, or a French message."""
    db = database.session()
    wanted = fold(name)
    if postcode:
        served = [c for c in communes_for_postcode(db, postcode) if fold(c.name) == wanted]
        if len(served) == 1:
            return served[0]
    match = _SUFFIX.match(name.strip())
    area = Area()
    problem = _resolve_commune(
        match["name"] if match else name.strip(), match["mark"] if match else "", area
    )
    return problem if problem else db.get(Commune, area.communes[0]) or "Commune inconnue."
