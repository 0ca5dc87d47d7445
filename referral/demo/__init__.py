"""The fictitious demo territory: catalogue, accounts, children. Deterministic and idempotent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session


@dataclass
class DemoReport:
    """What loading the demo created, step by step."""

    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """Return a French one-line summary."""
        if not any(self.counts.values()):
            return "Territoire de démonstration déjà chargé : rien à faire."
        parts = ", ".join(f"{name} : {count}" for name, count in self.counts.items())
        return f"Territoire de démonstration (fictif) chargé — {parts}."


def _steps() -> list[Callable[[Session, DemoReport], None]]:
    """Return the demo's steps, in order: each one creates what is missing and counts it."""
    from referral.demo.accounts import accounts_step
    from referral.demo.catalogue import catalogue_step
    from referral.demo.pathways import pathways_step
    from referral.demo.referrals import referrals_step

    return [catalogue_step, accounts_step, pathways_step, referrals_step]


def load_demo(session: Session) -> DemoReport:
    """Load every step of the demo territory; a second run creates nothing."""
    report = DemoReport()
    for step in _steps():
        step(session, report)
    return report
