"""Read a data·inclusion v1 export (structures.* and services.*) into records.

Each row is validated with the `data-inclusion-schema` package's own pydantic models; a
defective optional field is dropped with a warning, a defective required one refuses the row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
from data_inclusion.schema import v1 as schema
from sqlalchemy.orm import Session

from importers.crosswalk import Crosswalk
from importers.records import (
    OrganisationRecord,
    PlaceRecord,
    Problem,
    Record,
    ServiceRecord,
    UnreadableFileError,
    clean,
)

Row = dict[str, Any]
LIST_FIELDS = {
    "thematiques",
    "publics",
    "modes_accueil",
    "zone_eligibilite",
    "modes_mobilisation",
    "mobilisable_par",
    "reseaux_porteurs",
}
ERRORS = {
    "missing": "Champ obligatoire manquant.",
    "string_too_short": "Texte trop court.",
    "string_too_long": "Texte trop long.",
    "string_pattern_mismatch": "Format invalide.",
    "enum": "Valeur inconnue du schéma data·inclusion.",
    "date_from_datetime_parsing": "Date invalide.",
    "date_parsing": "Date invalide.",
    "url_parsing": "Adresse web invalide.",
    "float_parsing": "Nombre attendu.",
    "int_parsing": "Nombre entier attendu.",
}
PUBLICS = {"familles": "family", "jeunes": "child"}
FRAIS = {"gratuit": "free", "payant": "paid"}
MOBILISABLE = {"usagers": "family", "professionnels": "professional"}


def _french(error: Any) -> str:
    text = ERRORS.get(error["type"])
    if text is None and "email" in str(error.get("msg", "")):
        text = "Adresse e-mail invalide."
    return text or f"Valeur refusée par le schéma data·inclusion ({error.get('msg', '')})."


def validate(
    model: type[pydantic.BaseModel], row: Row, required: set[str]
) -> tuple[Row | None, list[Problem]]:
    """Validate a row with a data·inclusion model; drop bad optional fields (warnings)."""
    row = dict(row)
    warnings: list[Problem] = []
    for _ in range(len(row) + 1):
        try:
            model.model_validate(row)
            return row, warnings
        except pydantic.ValidationError as error:
            for item in error.errors():
                location = item["loc"]
                name = str(location[0]) if location else ""
                problem = Problem(name, _french(item))
                if not name or name in required or name not in row:
                    return None, [problem]
                if (
                    len(location) > 1
                    and isinstance(location[1], int)
                    and isinstance(row[name], list)
                ):
                    bad = row[name][location[1]]
                    row[name] = [value for value in row[name] if value != bad]
                    warnings.append(Problem(name, f"{problem.message} Valeur ignorée : {bad}."))
                else:
                    row.pop(name, None)
                    warnings.append(Problem(name, f"{problem.message} Champ ignoré."))
                break
    return None, warnings


def _list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    text = str(value).strip()
    if text.startswith("["):
        try:
            return [str(item) for item in json.loads(text)]
        except ValueError:
            pass
    return [part.strip() for part in text.replace("|", ",").split(",") if part.strip()]


def _normalise(row: Row) -> Row:
    cleaned = {key: value for key, value in row.items() if value not in (None, "", [])}
    for name in LIST_FIELDS & cleaned.keys():
        cleaned[name] = _list(cleaned[name])
    for name in ("latitude", "longitude"):
        if isinstance(cleaned.get(name), str):
            cleaned[name] = cleaned[name].replace(",", ".")
    return cleaned


def read_table(folder: Path, stem: str) -> list[tuple[int, Row]]:
    """Read `<stem>.json`, `<stem>.ndjson`/`.jsonl` or `<stem>.csv` from a folder."""
    for suffix in (".json", ".ndjson", ".jsonl", ".csv"):
        path = folder / f"{stem}{suffix}"
        if path.is_file():
            break
    else:
        raise UnreadableFileError(
            f"Le dossier {folder.name} ne contient pas de fichier {stem}.json, .ndjson ou .csv."
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
        if suffix == ".csv":
            return [
                (number, _normalise(row))
                for number, row in enumerate(csv.DictReader(text.splitlines()), start=2)
            ]
        if suffix == ".json":
            data = json.loads(text)
            return [(number, _normalise(row)) for number, row in enumerate(data, start=1)]
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        return [(number, _normalise(row)) for number, row in enumerate(rows, start=1)]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as error:
        raise UnreadableFileError(f"Le fichier {path.name} est illisible : {error}.") from error


class DataInclusionReader:
    """Reads a folder in the layout of the national data·inclusion exports."""

    format = "datainclusion"
    source = "datainclusion"

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, session: Session, crosswalk: Crosswalk) -> Iterator[Record]:
        """Yield one record per service, then one per structure without services."""
        if not self.path.is_dir():
            raise UnreadableFileError(
                "Le fichier reçu n'est ni une archive ZIP ni un dossier de data·inclusion"
                " (structures.* et services.* attendus)."
            )
        structures: dict[str, tuple[Row | None, list[Problem]]] = {}
        for _, row in read_table(self.path, "structures"):
            structures[clean(row.get("id"))] = validate(
                schema.Structure, row, {"id", "source", "nom", "date_maj"}
            )
        used: set[str] = set()
        for number, row in read_table(self.path, "services"):
            record = Record(line=number, source_id=clean(row.get("id")))
            structure_id = clean(row.get("structure_id"))
            used.add(structure_id)
            self._organisation(record, structures.get(structure_id), structure_id)
            data, problems = validate(
                schema.Service,
                row,
                {"id", "source", "nom", "structure_id", "date_maj", "description"},
            )
            if data is None:
                record.rejections += problems
            else:
                record.warnings += problems
                _service(record, data, crosswalk)
                _structure_place(record, structures.get(structure_id), structure_id)
            yield record
        for structure_id, (data, problems) in structures.items():
            if structure_id not in used:
                record = Record(line=f"structure {structure_id}", source_id=structure_id)
                self._organisation(record, (data, problems), structure_id)
                yield record

    def _organisation(
        self, record: Record, found: tuple[Row | None, list[Problem]] | None, structure_id: str
    ) -> None:
        if found is None:
            record.reject("structure_id", f"Structure introuvable : « {structure_id} ».")
            return
        data, problems = found
        if data is None:
            record.reject(
                "structure_id",
                f"Structure « {structure_id} » refusée : {'; '.join(map(str, problems))}",
            )
            return
        record.warnings += [Problem(f"structure.{p.field}", p.message) for p in problems]
        values = {
            "name": data["nom"],
            "description": clean(data.get("description")),
            "siret": clean(data.get("siret")) or None,
            "email": clean(data.get("courriel")) or None,
            "phone": clean(data.get("telephone")) or None,
            "website": clean(data.get("site_web")) or None,
        }
        record.organisation = OrganisationRecord(structure_id, values)
        if record.service is None and _has_address(data):
            record.places.append(PlaceRecord(f"structure:{structure_id}", _place(data)))


def _structure_place(
    record: Record, found: tuple[Row | None, list[Problem]] | None, structure_id: str
) -> None:
    """Deliver a service without an address of its own at its structure's address."""
    structure = found[0] if found else None
    if (
        record.service is None
        or record.service.place_ids
        or not structure
        or not _has_address(structure)
    ):
        return
    record.places.append(PlaceRecord(f"structure:{structure_id}", _place(structure)))
    record.service.place_ids.append(f"structure:{structure_id}")


def _has_address(row: Row) -> bool:
    return bool(row.get("adresse") or row.get("latitude") or row.get("code_insee"))


def _place(row: Row) -> dict[str, Any]:
    data: dict[str, Any] = {
        "address": ", ".join(
            filter(None, (clean(row.get("adresse")), clean(row.get("complement_adresse"))))
        ),
        "postcode": clean(row.get("code_postal")),
        "commune_insee": clean(row.get("code_insee")) or None,
    }
    if row.get("latitude") is not None and row.get("longitude") is not None:
        data["latitude"], data["longitude"] = row["latitude"], row["longitude"]
    return data


def _area(data: dict[str, Any], codes: list[str]) -> None:
    for code in codes:
        if code in ("france", "99100"):
            continue
        if len(code) == 9:
            data.setdefault("area_epcis", []).append(code)
        elif len(code) == 5:
            data.setdefault("area_communes", []).append(code)
        else:
            data.setdefault("area_departments", []).append(code)


def _service(record: Record, row: Row, crosswalk: Crosswalk) -> None:
    needs, unmapped = crosswalk.from_thematiques(row.get("thematiques", []))
    publics = sorted({PUBLICS[value] for value in row.get("publics", []) if value in PUBLICS})
    mobilisation = [
        MOBILISABLE[value] for value in row.get("mobilisable_par", []) if value in MOBILISABLE
    ]
    if not mobilisation and row.get("modes_mobilisation"):
        mobilisation = ["family"]
    eligibility = "\n".join(
        filter(None, (clean(row.get("conditions_acces")), clean(row.get("publics_precisions"))))
    )
    data: dict[str, Any] = {
        "name": row["nom"],
        "description": row["description"],
        "publics": publics,
        "eligibility": eligibility,
        "cost_details": clean(row.get("frais_precisions")),
        "mobilisation": mobilisation,
        "referral_email": clean(row.get("courriel")) or None,
        "referral_phone": clean(row.get("telephone")) or None,
        "opening_hours": clean(row.get("horaires_accueil")),
        "last_verified_on": clean(row.get("date_maj"))[:10],
        "status": "active",
    }
    if row.get("frais") in FRAIS:
        data["cost"] = FRAIS[row["frais"]]
    _area(data, row.get("zone_eligibilite", []))
    place_ids = []
    if _has_address(row):
        record.places.append(PlaceRecord(f"service:{record.source_id}", _place(row)))
        place_ids.append(f"service:{record.source_id}")
    # Unmapped thématiques go through as codes: the writer keeps them as keywords, with a warning.
    record.service = ServiceRecord(
        record.source_id, data, needs=[*needs, *unmapped], place_ids=place_ids
    )
