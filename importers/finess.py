"""Read the national FINESS extract of establishments (with geolocation) into records.

The legal entity (nofinessej) becomes the organisation, the establishment (nofinesset) the
service and its place. Only categories with a PRE need in the crosswalk are kept; private homes
and placement establishments never are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyproj import Transformer
from sqlalchemy.orm import Session

from importers.communes import Gazetteer
from importers.crosswalk import Crosswalk
from importers.records import (
    OrganisationRecord,
    PlaceRecord,
    Record,
    ServiceRecord,
    UnreadableFileError,
)

FIELDS = (
    "section",
    "nofinesset",
    "nofinessej",
    "rs",
    "rslongue",
    "complrs",
    "compldistrib",
    "numvoie",
    "typvoie",
    "voie",
    "compvoie",
    "lieuditbp",
    "commune",
    "departement",
    "libdepartement",
    "ligneacheminement",
    "telephone",
    "telecopie",
    "categetab",
    "libcategetab",
    "categagretab",
    "libcategagretab",
    "siret",
    "codeape",
    "codemft",
    "libmft",
    "codesph",
    "libsph",
    "dateouv",
    "dateautor",
    "maj",
    "numuai",
)
EXCLUDED = {
    "462": "lieu de vie et d'accueil (adresse pouvant être un domicile privé)",
    "175": "établissement de placement",
    "177": "établissement de placement",
    "236": "établissement de placement",
    "238": "établissement de placement",
    "241": "établissement de placement",
}
KINDS = {"156": "cmp", "189": "cmpp", "190": "camsp", "223": "pmi"}
FINESS_ID = re.compile(r"^[0-9][0-9AB][0-9]{7}$")
UTM = re.compile(r"UTM_?([NS])_?(\d{1,2})")


def decode(raw: bytes) -> str:
    """Return the text of a FINESS file, in UTF-8 when it is, else Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def insee_code(department: str, commune: str) -> str:
    """Return the INSEE code of a FINESS (département, commune) pair; overseas 9A…9F → 97."""
    department, commune = department.strip(), commune.strip().zfill(3)
    if len(department) == 2 and department[0] == "9" and department[1] in "ABCDEF":
        return f"97{commune}"
    return f"{department}{commune}"


def crs_of(source: str) -> str | None:
    """Return the EPSG code named at the end of `sourcecoordet` (Lambert-93 or a UTM zone)."""
    upper = source.upper().replace(" ", "_")
    if "LAMBERT_93" in upper or "LAMBERT93" in upper:
        return "EPSG:2154"
    found = UTM.search(upper)
    if found:
        return f"EPSG:{(32600 if found.group(1) == 'N' else 32700) + int(found.group(2))}"
    return None


@lru_cache(maxsize=16)
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def to_wgs84(x: float, y: float, crs: str) -> tuple[float, float]:
    """Return (latitude, longitude) in WGS84 of projected coordinates."""
    longitude, latitude = _transformer(crs).transform(x, y)
    return round(latitude, 6), round(longitude, 6)


@dataclass(frozen=True)
class Geolocation:
    """A `geolocalisation` line."""

    x: str
    y: str
    source: str


def read_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield the numbered `;`-separated lines of a FINESS file."""
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        raise UnreadableFileError(f"Impossible de lire {path.name} : {error.strerror}.") from error
    lines = csv.reader(io.StringIO(text), delimiter=";")
    first = next(lines, None)
    if not first or first[0].strip().lower() != "finess":
        raise UnreadableFileError(
            f"{path.name} n'est pas un extrait FINESS (première ligne attendue : finess;etalab;…)."
        )
    for number, fields in enumerate(lines, start=2):
        if fields:
            yield number, fields


def legal_entity_names(path: Path) -> dict[str, str]:
    """Return the names of legal entities (nofinessej → raison sociale) from an EJ extract."""
    names = {}
    for _, fields in read_lines(path):
        if fields[0] == "structureej" and len(fields) > 3:
            names[fields[1].strip()] = (fields[3] or fields[2]).strip()
    return names


class FinessReader:
    """Reads a FINESS establishments extract."""

    format = "finess"
    source = "finess"

    def __init__(self, path: Path, legal_entities: Path | None = None) -> None:
        self.path = path
        self.legal_entities = legal_entities

    def read(self, session: Session, crosswalk: Crosswalk) -> Iterator[Record]:
        """Yield one record per establishment line."""
        establishments: list[tuple[int, list[str]]] = []
        points: dict[str, Geolocation] = {}
        for number, fields in read_lines(self.path):
            if fields[0] == "structureet":
                establishments.append((number, fields))
            elif fields[0] == "geolocalisation" and len(fields) >= 5:
                points[fields[1].strip()] = Geolocation(fields[2], fields[3], fields[4])
        names = legal_entity_names(self.legal_entities) if self.legal_entities else {}
        builder = _Builder(Gazetteer(session), crosswalk, points, names)
        for number, fields in establishments:
            yield builder.record(number, fields)


class _Builder:
    def __init__(
        self,
        gazetteer: Gazetteer,
        crosswalk: Crosswalk,
        points: dict[str, Geolocation],
        names: dict[str, str],
    ) -> None:
        self.gazetteer = gazetteer
        self.crosswalk = crosswalk
        self.points = points
        self.names = names
        self.first_names: dict[str, str] = {}

    def record(self, number: int, fields: list[str]) -> Record:
        row = dict(zip(FIELDS, (value.strip() for value in fields), strict=False))
        record = Record(line=number, source_id=row.get("nofinesset", ""))
        if len(fields) < len(FIELDS):
            record.reject("", f"Ligne incomplète : {len(fields)} champs au lieu de {len(FIELDS)}.")
            return record
        category = row["categetab"]
        if category in EXCLUDED:
            record.skip(f"Catégorie {category} jamais importée : {EXCLUDED[category]}.")
            return record
        needs = self.crosswalk.from_finess(category)
        if not needs:
            record.skip(f"Catégorie {category} ({row['libcategetab']}) sans besoin PRE.")
            return record
        if not FINESS_ID.match(row["nofinesset"]):
            record.reject(
                "nofinesset",
                f"Numéro FINESS d'établissement inutilisable : « {row['nofinesset']} ».",
            )
            return record
        if not FINESS_ID.match(row["nofinessej"]):
            record.reject(
                "nofinessej",
                f"Numéro FINESS d'entité juridique inutilisable : « {row['nofinessej']} ».",
            )
            return record
        name = row["rslongue"] or row["rs"]
        self.first_names.setdefault(row["nofinessej"], name)
        organisation_name = self.names.get(row["nofinessej"]) or self.first_names[row["nofinessej"]]
        record.organisation = OrganisationRecord(
            row["nofinessej"], {"name": organisation_name, "kind": KINDS.get(category, "sante")}
        )
        record.places.append(PlaceRecord(row["nofinesset"], self._place(record, row)))
        record.service = ServiceRecord(
            row["nofinesset"], self._service(row, name), needs=needs, place_ids=[row["nofinesset"]]
        )
        return record

    def _service(self, row: dict[str, str], name: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": name,
            "description": row["libcategetab"],
            "status": "active",
            "keywords": [row["libcategetab"]] if row["libcategetab"] else [],
        }
        phone = row["telephone"]
        if phone:
            data["referral_phone"] = phone
        return data

    def _place(self, record: Record, row: dict[str, str]) -> dict[str, Any]:
        street = " ".join(
            filter(None, (row["numvoie"], row["compvoie"], row["typvoie"], row["voie"]))
        )
        postcode = row["ligneacheminement"][:5] if row["ligneacheminement"][:5].isdigit() else ""
        data: dict[str, Any] = {
            "name": row["rs"],
            "address": ", ".join(filter(None, (row["complrs"], street, row["lieuditbp"]))),
            "postcode": postcode,
        }
        code = insee_code(row["departement"], row["commune"])
        city = row["ligneacheminement"][6:].strip()
        commune, through_postcode = self.gazetteer.resolve(code, postcode, city)
        if commune is not None:
            data["commune_insee"] = commune.insee_code
            if through_postcode:
                record.warn(
                    "commune",
                    f"Code commune {code} inconnu (commune fusionnée ?) : {commune.insee_code}"
                    f" retenu d'après le code postal {postcode}.",
                )
        else:
            record.warn(
                "commune", f"Code commune {code} inconnu et code postal « {postcode} » introuvable."
            )
        data.update(self._point(record, row["nofinesset"]))
        return data

    def _point(self, record: Record, finess_id: str) -> dict[str, float]:
        found = self.points.get(finess_id)
        if found is None or not found.x.strip() or not found.y.strip():
            record.warn("coordonnees", "Pas de coordonnées : lieu sans point, à géocoder.")
            return {}
        crs = crs_of(found.source)
        if crs is None:
            record.warn("coordonnees", f"Projection inconnue « {found.source} » : lieu sans point.")
            return {}
        try:
            latitude, longitude = to_wgs84(float(found.x), float(found.y), crs)
        except ValueError:
            record.warn(
                "coordonnees", f"Coordonnées illisibles ({found.x} ; {found.y}) : lieu sans point."
            )
            return {}
        return {"latitude": latitude, "longitude": longitude}
