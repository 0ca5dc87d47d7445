"""Signed, expiring links that let a partner answer one referral without an account."""

from __future__ import annotations

import uuid

from flask import current_app, has_app_context
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.referrals.models import Referral

SALT = "relais-referral-link"
DEFAULT_DAYS = 8


class LinkError(Exception):
    """A partner link is expired, tampered with or for another referral (message for a person)."""

    def __init__(self, message: str, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def link_days() -> int:
    """Return how many days a partner link stays valid (`REFERRAL_LINK_DAYS`, default 8)."""
    if not has_app_context():  # the demo loader also runs outside the app (tests, scripts)
        return DEFAULT_DAYS
    return int(current_app.config.get("REFERRAL_LINK_DAYS") or DEFAULT_DAYS)


def make_token(referral: Referral) -> str:
    """Return a signed token valid for this one referral."""
    return _serializer().dumps(
        {"referral": str(referral.uid), "generation": referral.link_generation}
    )


def read_token(
    session: Session,
    token: str,
    uid: uuid.UUID,
    *,
    ignore_age: bool = False,
    any_generation: bool = False,
) -> Referral:
    """Return the referral a valid token names, if it is `uid`; raise `LinkError` otherwise.

    A link stops working once a newer one was sent (renewal revokes the older links);
    `ignore_age` and `any_generation` serve the renewal request itself.
    """
    max_age = None if ignore_age else link_days() * 24 * 3600
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise LinkError(
            "Ce lien a expiré. Demandez un nouveau lien : il sera envoyé à l'adresse "
            "d'orientation du service.",
            expired=True,
        ) from error
    except BadSignature as error:
        raise LinkError("Ce lien n'est pas valide : vérifiez qu'il est complet.") from error
    if not isinstance(data, dict) or data.get("referral") != str(uid):
        raise LinkError("Ce lien ne concerne pas cette orientation.")
    referral = session.scalar(select(Referral).where(Referral.uid == uid))
    if referral is None or referral.sent_at is None:
        raise LinkError("Cette orientation n'existe plus.")
    if not any_generation and data.get("generation", 0) != referral.link_generation:
        raise LinkError(
            "Ce lien a été remplacé par un lien plus récent, envoyé à l'adresse d'orientation "
            "du service."
        )
    return referral
