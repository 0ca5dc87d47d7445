"""Why a referral change is refused: each message is one French sentence for a person."""

from __future__ import annotations

from referral.labels import label


class TrackingError(Exception):
    """A referral change that cannot be made; the message is one French sentence."""

    status = 422

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class ConflictError(TrackingError):
    """Someone else changed the referral first, or the request started from a stale state."""

    status = 409

    def __init__(self, current: str) -> None:
        self.current = current
        super().__init__(
            "Cette orientation a changé entre-temps : elle est maintenant "
            f"« {label('referral_state', current)} ». Rechargez la page avant d'agir."
        )


class ForbiddenTransition(TrackingError):
    """The move is not in the table for this actor; `allowed` lists what is possible."""

    def __init__(self, source: str, target: str, allowed: list[str]) -> None:
        self.allowed = allowed
        words = ", ".join(f"« {label('referral_state', s)} »" for s in allowed) or "aucune"
        super().__init__(
            f"Passage de « {label('referral_state', source)} » à "
            f"« {label('referral_state', target)} » impossible. Possibles : {words}."
        )
