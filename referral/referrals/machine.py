"""The referral state machine of DESIGN §6: one table, used by pages, API, partner link and timers.

Each transition names the actors allowed to make it, the guards that must hold, and what it
carries (a reason code, an expected date, an appointment date). `relais referrals
states-table` writes the Markdown table kept in `docs/referral-states.md`.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from referral.referrals.models import ReferralState as S


class ActorKind(enum.StrEnum):
    """Who makes a transition."""

    REFERENT = "referent"
    COORDINATOR = "coordinator"
    PARTNER = "partner"
    ON_BEHALF = "on_behalf"  # a référent recording a partner's answer given by phone or in person
    SYSTEM = "system"  # the timers of `relais referrals tick`


class Guard(enum.StrEnum):
    """A condition checked before a transition."""

    CONSENT = "consent"  # a valid consent covers this service and exactly the payload's items
    REASON = "reason"  # a decline reason code is required
    EXPECTED_DATE = "expected_date"  # the waiting list's expected date is required
    APPOINTMENT_DATE = "appointment_date"  # the appointment date is required


class DeclineReason(enum.StrEnum):
    """Why a partner declines (French labels in `referral.labels`)."""

    OUT_OF_AGE_RANGE = "out_of_age_range"
    OUT_OF_AREA = "out_of_area"
    FULL = "full"
    WRONG_SERVICE = "wrong_service"
    INCOMPLETE = "incomplete"
    OTHER = "other"


TERMINAL_STATES = frozenset(
    {S.FAMILY_DECLINED, S.DECLINED_BY_PARTNER, S.NO_FOLLOW_UP, S.CANCELLED, S.EXPIRED, S.CLOSED}
)
# Sent to the partner and waiting on its answer: what the reminders and the expiry look at.
AWAITING_ANSWER = frozenset({S.SENT})
OPEN_AT_PARTNER = frozenset({S.SENT, S.ACKNOWLEDGED, S.WAITLISTED, S.APPOINTMENT_SET})

TEAM = frozenset({ActorKind.REFERENT, ActorKind.COORDINATOR})
PARTNER_SIDE = frozenset({ActorKind.PARTNER, ActorKind.ON_BEHALF})


@dataclass(frozen=True)
class Transition:
    """One allowed move of the machine."""

    source: S
    target: S
    actors: frozenset[ActorKind]
    guards: tuple[Guard, ...] = ()
    carries: tuple[str, ...] = ()
    label: str = ""

    @property
    def partner_only(self) -> bool:
        """Tell whether only the partner answers this way (a référent then notes it for it)."""
        return self.actors <= PARTNER_SIDE

    @property
    def by_partner(self) -> bool:
        """Tell whether this is a partner's answer (notified to the référent)."""
        return bool(self.actors & PARTNER_SIDE)


def _t(
    source: S,
    target: S,
    actors: Iterable[ActorKind],
    label: str,
    guards: tuple[Guard, ...] = (),
    carries: tuple[str, ...] = (),
) -> Transition:
    return Transition(source, target, frozenset(actors), guards, carries, label)


_PARTNER_ANSWERS = [
    (S.ACKNOWLEDGED, "accuser réception", (), ()),
    (S.WAITLISTED, "inscrire en liste d'attente", (Guard.EXPECTED_DATE,), ("expected_on",)),
    (S.APPOINTMENT_SET, "fixer un rendez-vous", (Guard.APPOINTMENT_DATE,), ("appointment_on",)),
    (S.RELAY_ACCEPTED, "accepter le relais", (), ()),
    (S.DECLINED_BY_PARTNER, "refuser (motif)", (Guard.REASON,), ("reason",)),
]
_ANSWERS_FROM = {
    S.SENT: {
        S.ACKNOWLEDGED,
        S.WAITLISTED,
        S.APPOINTMENT_SET,
        S.RELAY_ACCEPTED,
        S.DECLINED_BY_PARTNER,
    },
    S.ACKNOWLEDGED: {S.WAITLISTED, S.APPOINTMENT_SET, S.RELAY_ACCEPTED, S.DECLINED_BY_PARTNER},
    S.WAITLISTED: {S.APPOINTMENT_SET, S.RELAY_ACCEPTED, S.DECLINED_BY_PARTNER},
    S.APPOINTMENT_SET: {S.RELAY_ACCEPTED, S.DECLINED_BY_PARTNER},
}


def _build() -> tuple[Transition, ...]:
    rows = [
        _t(S.DRAFT, S.PROPOSED, TEAM, "proposer à la famille"),
        _t(S.DRAFT, S.CANCELLED, TEAM, "annuler", carries=("note",)),
        _t(S.PROPOSED, S.FAMILY_AGREED, TEAM, "noter l'accord de la famille"),
        _t(S.PROPOSED, S.FAMILY_DECLINED, TEAM, "noter le refus de la famille", carries=("note",)),
        _t(S.PROPOSED, S.CANCELLED, TEAM, "annuler", carries=("note",)),
        _t(S.FAMILY_AGREED, S.SENT, TEAM, "envoyer au partenaire", (Guard.CONSENT,), ("payload",)),
        _t(S.FAMILY_AGREED, S.CANCELLED, TEAM, "annuler", carries=("note",)),
    ]
    for source, targets in _ANSWERS_FROM.items():
        for target, label, guards, carries in _PARTNER_ANSWERS:
            if target in targets:
                rows.append(_t(source, target, PARTNER_SIDE, label, guards, carries))
    for source in (S.SENT, S.ACKNOWLEDGED, S.WAITLISTED, S.APPOINTMENT_SET):
        rows.append(_t(source, S.CANCELLED, TEAM, "annuler", carries=("note",)))
    for source in (S.WAITLISTED, S.APPOINTMENT_SET):
        rows.append(
            _t(
                source,
                S.NO_FOLLOW_UP,
                TEAM | PARTNER_SIDE,
                "constater l'absence de suite",
                carries=("note",),
            )
        )
    rows.append(_t(S.SENT, S.NO_FOLLOW_UP, TEAM, "constater l'absence de suite", carries=("note",)))
    rows.append(_t(S.SENT, S.EXPIRED, {ActorKind.SYSTEM}, "expirer sans réponse"))
    rows.append(_t(S.RELAY_ACCEPTED, S.CLOSED, TEAM, "archiver"))
    return tuple(rows)


TRANSITIONS: tuple[Transition, ...] = _build()
_BY_PAIR = {(each.source, each.target): each for each in TRANSITIONS}


def find(source: str, target: str) -> Transition | None:
    """Return the transition from one state to another, or None when the table has none."""
    try:
        return _BY_PAIR.get((S(source), S(target)))
    except ValueError:
        return None


def allowed_from(state: str, actors: Iterable[ActorKind]) -> list[Transition]:
    """Return the transitions these actors may make from a state, in table order."""
    kinds = set(actors)
    return [each for each in TRANSITIONS if each.source == state and each.actors & kinds]


def is_terminal(state: str) -> bool:
    """Tell whether a state is final: nothing leaves it (re-orienting makes a new referral)."""
    return state in TERMINAL_STATES


_ACTOR_WORDS = {
    ActorKind.REFERENT: "référent",
    ActorKind.COORDINATOR: "coordonnateur",
    ActorKind.PARTNER: "partenaire (compte ou lien signé)",
    ActorKind.ON_BEHALF: "référent pour le partenaire",
    ActorKind.SYSTEM: "minuteur",
}
_GUARD_WORDS = {
    Guard.CONSENT: "accord de la famille valide pour ce partenaire et ces informations",
    Guard.REASON: "motif codé obligatoire",
    Guard.EXPECTED_DATE: "date prévue obligatoire",
    Guard.APPOINTMENT_DATE: "date du rendez-vous obligatoire",
}


def markdown_table() -> str:
    """Return the transition table as Markdown (the generated part of docs/referral-states.md)."""
    lines = [
        "# Cycle de vie d'une orientation",
        "",
        "<!-- Généré par `relais referrals states-table --output docs/referral-states.md` :"
        " ne pas modifier à la main. -->",
        "",
        "| de | vers | action | qui | conditions | porte |",
        "|---|---|---|---|---|---|",
    ]
    for each in TRANSITIONS:
        actors = ", ".join(_ACTOR_WORDS[a] for a in ActorKind if a in each.actors)
        guards = "; ".join(_GUARD_WORDS[g] for g in each.guards) or "—"
        carries = ", ".join(f"`{c}`" for c in each.carries) or "—"
        lines.append(
            f"| `{each.source}` | `{each.target}` | {each.label} | {actors} | {guards} "
            f"| {carries} |"
        )
    terminal = ", ".join(f"`{s}`" for s in S if s in TERMINAL_STATES)
    lines += [
        "",
        f"États terminaux (jamais rouverts) : {terminal}. Réorienter crée une nouvelle "
        "orientation liée à l'ancienne (`previous_id`).",
        "",
        "Chaque transition est un événement ajouté à l'historique (qui, quand, de, vers, motif, "
        "note, dates) ; une demande qui part d'un état périmé reçoit un conflit (HTTP 409).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(markdown_table())
