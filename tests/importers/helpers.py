"""Helpers for importer tests: fixture files written on the fly, and the HSDS schemas."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "hsds-3"
HSDS_EXAMPLES = REFERENCE / "examples" / "csv"
HSDS_SCHEMAS = REFERENCE / "schema"


def in_ci() -> bool:
    """Tell whether the suite runs in continuous integration (`CI` set, as CI services do)."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def require_reference(folder: Path = REFERENCE) -> None:
    """Skip a test without the official HSDS files, or fail it in CI where they must be."""
    if folder.is_dir():
        return
    message = f"{folder} is absent (HSDS reference not available)"
    if in_ci():
        pytest.fail(f"the HSDS tests need the official files in CI: {message}", pytrace=False)
    pytest.skip(message)


#: Mark a test (or, as `pytestmark`, a module) that reads the official HSDS files.
needs_reference = pytest.mark.usefixtures("hsds_reference")


def hsds_validator(name: str) -> Draft202012Validator:
    """Return a validator for one HSDS schema file (e.g. "compiled/service_list.json")."""
    resources = [
        (path.relative_to(HSDS_SCHEMAS).as_posix(), json.loads(path.read_text(encoding="utf-8")))
        for path in HSDS_SCHEMAS.rglob("*.json")
    ]
    registry: Registry = Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in resources
    )
    schema = dict(json.loads((HSDS_SCHEMAS / name).read_text(encoding="utf-8")))
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def assert_valid(name: str, instance: Any) -> None:
    """Fail with every schema error when an instance does not validate."""
    errors = sorted(hsds_validator(name).iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:20])


FINESS_HEADER = "finess;etalab;{count};2025-01-15"


def finess_line(
    nofinesset: str,
    nofinessej: str,
    rs: str,
    *,
    category: str = "156",
    label: str = "Centre Médico-Psychologique (C.M.P.)",
    department: str = "86",
    commune: str = "194",
    postcode_city: str = "86000 POITIERS",
    street: tuple[str, str, str] = ("12", "R", "DES ÉCOLES"),
    phone: str = "0549000000",
) -> str:
    """Return one `structureet` line of 32 fields."""
    names = [nofinesset, nofinessej, rs, rs, "", ""]
    address = [*street, "", "", commune, department, "VIENNE", postcode_city]
    category_fields = [phone, "", category, label]
    dates = ["2001-01-01", "2001-01-01", "2024-01-01", ""]
    fields = ["structureet", *names, *address, *category_fields, *[""] * 8, *dates]
    assert len(fields) == 32
    return ";".join(fields)


def geo_line(nofinesset: str, x: str, y: str, system: str = "LAMBERT_93") -> str:
    """Return one `geolocalisation` line."""
    source = f"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,{system}"
    return f"geolocalisation;{nofinesset};{x};{y};{source};2024-01-01"


def write_finess(path: Path, lines: list[str], encoding: str = "cp1252") -> Path:
    """Write a FINESS extract with its header line."""
    body = [FINESS_HEADER.format(count=len(lines)), *lines]
    path.write_bytes(("\r\n".join(body) + "\r\n").encode(encoding))
    return path
