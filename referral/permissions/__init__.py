"""Every permission of Relais, as named predicates (DESIGN §7). Views check these, nothing else.

Import the package (`from referral import permissions`) and call `permissions.can_…`: the
predicates live in one module per space (catalogue, pathways, accounts, referrals, privacy).
"""

from __future__ import annotations

from referral.permissions.accounts import (
    CASE_ROLES,
    audit_categories_for,
    can_invite,
    can_manage_account,
    can_manage_accounts,
    can_manage_programmes,
    can_read_audit_log,
    roles_assignable_by,
)
from referral.permissions.catalogue import (
    can_close_report,
    can_edit_search_vocabulary,
    can_manage_imports,
    can_manage_place,
    can_manage_service,
    can_moderate,
    can_read_service_histories,
    can_report_error,
    can_use_partner_space,
    can_view_referral_contact,
    can_view_service,
    can_view_service_history,
    is_partner,
)
from referral.permissions.pathways import (
    can_create_pathway,
    can_edit_pathway,
    can_manage_meetings,
    can_read_charter,
    can_transfer_pathway,
    can_use_pathways,
    can_view_meeting,
    can_view_pathway,
    has_accepted_charter,
    is_programme_coordinator,
    pathway_refusal_status,
    visible_pathways_query,
)
from referral.permissions.privacy import (
    can_open_indicators,
    can_reach_rights_tools,
    can_review_privacy_log,
    can_use_rights_tools,
    can_view_indicators,
    sees_aggregates_only,
)
from referral.permissions.referrals import (
    can_answer_referral,
    can_follow_referral,
    can_follow_referrals,
    can_review_exits,
)
from referral.permissions.roles import (
    is_signed_in,
)

__all__ = [
    "CASE_ROLES",
    "audit_categories_for",
    "can_answer_referral",
    "can_close_report",
    "can_create_pathway",
    "can_edit_pathway",
    "can_edit_search_vocabulary",
    "can_follow_referral",
    "can_follow_referrals",
    "can_invite",
    "can_manage_account",
    "can_manage_accounts",
    "can_manage_imports",
    "can_manage_meetings",
    "can_manage_place",
    "can_manage_programmes",
    "can_manage_service",
    "can_moderate",
    "can_open_indicators",
    "can_reach_rights_tools",
    "can_read_audit_log",
    "can_read_charter",
    "can_read_service_histories",
    "can_report_error",
    "can_review_exits",
    "can_review_privacy_log",
    "can_transfer_pathway",
    "can_use_partner_space",
    "can_use_pathways",
    "can_use_rights_tools",
    "can_view_indicators",
    "can_view_meeting",
    "can_view_pathway",
    "can_view_referral_contact",
    "can_view_service",
    "can_view_service_history",
    "has_accepted_charter",
    "is_partner",
    "is_programme_coordinator",
    "is_signed_in",
    "pathway_refusal_status",
    "roles_assignable_by",
    "sees_aggregates_only",
    "visible_pathways_query",
]
