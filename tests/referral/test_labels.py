"""Every code a person may see has a French label in the one table, `referral.labels`."""

from __future__ import annotations

import enum
import importlib
import pkgutil

import pytest

import catalogue
import importers
import referral
from catalogue.geocoding import Precision
from catalogue.models.history import ChangeOrigin
from catalogue.models.organisation import OrganisationKind
from catalogue.models.service import (
    Capacity,
    Cost,
    Mobilisation,
    Public,
    SchoolLevel,
    ServiceStatus,
)
from importers.models import DuplicateKind, DuplicateStatus
from referral.accounts.links import LinkKind
from referral.accounts.models import Role
from referral.audit.models import AuditCategory
from referral.consents.models import SharedInformation
from referral.labels import LABELS, ExitReason, label
from referral.partners.models import ReportStatus
from referral.pathways.guardians import RELATIONSHIPS
from referral.pathways.models import NeedStatus, PathwayState
from referral.pathways.services import CONTACT_KINDS, DANGER_RECIPIENTS, NEED_CONCERNS, NEED_ORIGINS
from referral.referrals.machine import ActorKind, DeclineReason, Guard
from referral.referrals.models import ReferralContext, ReferralState

#: Each enum shown to people, with the kind of its labels.
KIND_OF: dict[type[enum.Enum], str] = {
    ServiceStatus: "status",
    Public: "public",
    SchoolLevel: "school_level",
    Cost: "cost",
    Mobilisation: "mobilisation",
    Capacity: "capacity",
    OrganisationKind: "organisation_kind",
    ChangeOrigin: "change_origin",
    Role: "role",
    AuditCategory: "audit_category",
    SharedInformation: "information",
    PathwayState: "pathway_state",
    NeedStatus: "need_status",
    ReferralState: "referral_state",
    ReferralContext: "context",
    DeclineReason: "decline_reason",
    ExitReason: "exit_reason",
}

#: Enums that never reach a page, a mail or an export (why, for each).
NOT_SHOWN = {
    ActorKind: "who moved a referral is shown as the person or the organisation",
    Guard: "a guard is reported through its own French refusal message",
    LinkKind: "chooses a signed link's salt and lifetime",
    ReportStatus: "the report page writes « ouvert » / « clos le … » itself",
    Precision: "how precise a geocoded point is, for the code only",
    DuplicateKind: "the duplicates page titles each flag « Structures » or « Services » itself",
    DuplicateStatus: "only open flags are listed; the others are never shown",
}

#: Codes that already are the French word (the table still names them, explicitly).
SAME_IN_FRENCH = {
    "active", "maternelle", "association", "culture", "justice", "autre", "import", "catalogue",
    "message",
}  # fmt: skip

#: Codes kept as tuples rather than enums, with the kind of their labels.
CODE_LISTS = {
    "contact": CONTACT_KINDS,
    "concerns": NEED_CONCERNS,
    "origin": NEED_ORIGINS,
    "relationship": RELATIONSHIPS,
    "recipient": DANGER_RECIPIENTS,
}


def _french(table: dict[str, str], code: str) -> bool:
    """Tell whether the table names the code, in words other than the code (unless French)."""
    text = table.get(code, "").strip()
    return bool(text) and (text != code or code in SAME_IN_FRENCH)


def _all_enums() -> set[type[enum.Enum]]:
    """Import every module of our packages, then return every enum they define."""
    for package in (catalogue, importers, referral):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    found, todo = set(), [enum.Enum]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in ("catalogue", "importers", "referral"):
                found.add(sub)
    return found


def test_every_enum_of_ours_is_either_labelled_or_declared_never_shown():
    assert _all_enums() - set(KIND_OF) - set(NOT_SHOWN) == set()


@pytest.mark.parametrize("kind_enum", KIND_OF, ids=lambda each: each.__name__)
def test_every_member_of_a_shown_enum_has_a_french_label(kind_enum):
    table = LABELS[KIND_OF[kind_enum]]
    assert [member.value for member in kind_enum if not _french(table, member.value)] == []


@pytest.mark.parametrize("kind", CODE_LISTS)
def test_every_code_of_a_shown_list_has_a_french_label(kind):
    assert [code for code in CODE_LISTS[kind] if not _french(LABELS[kind], code)] == []


def test_an_unknown_code_reads_as_itself_and_none_as_nothing():
    assert (label("referral_state", "unheard_of"), label("referral_state", None)) == (
        "unheard_of",
        "",
    )
