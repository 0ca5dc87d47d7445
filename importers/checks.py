"""Checks a record needs before any schema: a possible age range, needs the taxonomy knows."""

from __future__ import annotations

from importers.crosswalk import Crosswalk
from importers.records import Record, ServiceRecord, as_int


def check_service(record: Record, service: ServiceRecord, crosswalk: Crosswalk) -> bool:
    """Check a service's age range and sort its needs from its keywords; False when refused."""
    low, high = as_int(service.data.get("age_min")), as_int(service.data.get("age_max"))
    if low is not None and high is not None and low > high:
        record.reject("age_max", f"Tranche d'âge impossible : de {low} à {high} ans.")
        return False
    needs, keywords = crosswalk.split_codes(service.needs)
    for value in keywords:
        record.warn("needs", f"« {value} » ne correspond à aucun besoin : gardé en mot-clé.")
    service.needs = sorted(needs)  # the catalogue keeps needs by code
    service.data = {**service.data, "needs": service.needs}
    service.data["keywords"] = list(dict.fromkeys([*service.data.get("keywords", []), *keywords]))
    return True
