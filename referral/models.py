"""Every model of Relais, imported in one place so that the metadata is complete."""

from catalogue.db import Base
from catalogue.models import *  # noqa: F403
from catalogue.models.geocoding import GeocodingCacheEntry  # noqa: F401
from importers.models import DuplicateFlag, ImportRun  # noqa: F401
from referral.accounts.models import ApiToken, Role, User  # noqa: F401
from referral.audit.models import AuditEvent
from referral.consents.models import Consent
from referral.imports.models import ImportUpload  # noqa: F401
from referral.indicators.models import AnonymousPathway  # noqa: F401
from referral.matching.models import places_by_point  # noqa: F401
from referral.meetings.models import CharterAcceptance, Meeting, MeetingDecision
from referral.partners.models import ErrorReport, FreshnessReminder  # noqa: F401
from referral.pathways.models import (
    Child,
    ContactEntry,
    DangerReport,
    Delegation,
    Family,
    Need,
    Pathway,
    PathwayEvent,
)
from referral.programmes.models import Programme
from referral.referrals.models import Notification, Referral, ReferralEvent, TickLock  # noqa: F401
from referral.search.models import VocabularyEntry  # noqa: F401

metadata = Base.metadata

__all__ = [
    "AuditEvent",
    "CharterAcceptance",
    "Child",
    "Consent",
    "ContactEntry",
    "DangerReport",
    "Delegation",
    "Family",
    "Meeting",
    "MeetingDecision",
    "Need",
    "Pathway",
    "PathwayEvent",
    "Programme",
    "Referral",
    "ReferralEvent",
    "Role",
    "User",
    "metadata",
]
