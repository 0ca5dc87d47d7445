"""Turn pathways and match results into the plain structures the API and the pages show."""

from __future__ import annotations

from typing import Any

from referral.consents.models import Consent
from referral.matching.engine import MatchResult
from referral.pathways.models import Pathway
from referral.pathways.services import allowed_transitions, exit_review_due_on


def pathway_document(pathway: Pathway) -> dict[str, Any]:
    """Return what `PathwayOut` dumps."""
    return {
        "uid": pathway.uid,
        "state": pathway.state,
        "allowed_transitions": allowed_transitions(pathway),
        "programme": pathway.programme,
        "referent": pathway.referent,
        "child": pathway.child,
        "identified_on": pathway.identified_on,
        "family_agreed_on": pathway.family_agreed_on,
        "contract_start": pathway.contract_start,
        "contract_end": pathway.contract_end,
        "exit_review_due_on": exit_review_due_on(pathway),
        "last_contact_on": pathway.last_contact_on,
        "needs": pathway.needs,
    }


def consent_document(consent: Consent) -> dict[str, Any]:
    """Return what `ConsentOut` dumps."""
    return {
        "uid": consent.uid,
        "purpose": consent.purpose,
        "given_by": consent.given_by,
        "given_on": consent.given_on,
        "information": consent.information,
        "service_uids": [service.uid for service in consent.services],
        "withdrawn_on": consent.withdrawn_on,
    }


def proposals_document(result: MatchResult) -> dict[str, Any]:
    """Return what `ProposalsOut` dumps: per need, the plan and the uncovered needs."""
    services = result.services
    needs_by_id = {each.need.id: each.need for each in result.needs}
    return {
        "needs": [
            {
                "need": each.need.term,
                "need_id": each.need.uid,
                "proposals": [
                    {
                        "service": services[p.service_id],
                        "score": p.score,
                        "distance_km": p.distance_km,
                        "reasons": p.reasons,
                    }
                    for p in each.proposals
                ],
                "near_misses": [
                    {
                        "service": services[m.service_id],
                        "distance_km": m.distance_km,
                        "blocking": m.blocking,
                    }
                    for m in each.near_misses
                ],
            }
            for each in result.needs
        ],
        "plan": [
            {
                "service": services[item.service_id],
                "needs": [needs_by_id[need_id].need_code for need_id in item.need_ids],
                "explanation": item.explanation,
            }
            for item in result.plan
        ],
        "uncovered": [need.need_code for need in result.uncovered],
    }
