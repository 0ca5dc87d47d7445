"""Signed, expiring links for invitations (7 days) and password resets (1 hour)."""

from __future__ import annotations

import enum
import uuid

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.accounts.models import User
from referral.accounts.services import password_stamp


class LinkKind(enum.StrEnum):
    """What a signed link is for; each kind has its own salt and lifetime."""

    INVITATION = "invitation"
    PASSWORD_RESET = "password-reset"  # noqa: S105 (a link kind, not a secret)


MAX_AGE_SECONDS = {LinkKind.INVITATION: 7 * 24 * 3600, LinkKind.PASSWORD_RESET: 3600}


class LinkError(Exception):
    """A link is expired, tampered with or already used; the message is for a person."""


def _serializer(kind: LinkKind) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"relais-{kind}")


def make_link_token(kind: LinkKind, user: User) -> str:
    """Return a signed token naming the user and the password it was issued against."""
    return _serializer(kind).dumps({"user": str(user.uid), "stamp": password_stamp(user)})


def read_link_token(session: Session, kind: LinkKind, token: str) -> User:
    """Return the user a valid link names; raise `LinkError` otherwise."""
    try:
        data = _serializer(kind).loads(token, max_age=MAX_AGE_SECONDS[kind])
    except SignatureExpired as error:
        raise LinkError("Ce lien a expiré. Demandez-en un nouveau.") from error
    except BadSignature as error:
        raise LinkError("Ce lien n'est pas valide : vérifiez qu'il est complet.") from error
    user = session.scalar(select(User).where(User.uid == _uuid(data.get("user"))))
    if user is None or not user.active or data.get("stamp") != password_stamp(user):
        raise LinkError("Ce lien a déjà servi ou n'est plus valable. Demandez-en un nouveau.")
    return user


def _uuid(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
