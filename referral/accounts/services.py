"""Account state changes: users, passwords, deactivation, API tokens. They flush, never commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.db import utcnow
from catalogue.models import Organisation
from referral.accounts.models import ApiToken, Role, User
from referral.programmes.models import Programme

# The roles that work for one programme; admins serve the instance, partners any programme.
STAFF_ROLES = frozenset({"coordinator", "referent", "eps_member", "funder", "dpo"})
TOKEN_PREFIX = "relais_"  # noqa: S105 (a prefix, not a secret)
TOKEN_USE_STAMP_EVERY = dt.timedelta(minutes=1)
_hasher = PasswordHasher()
# Verifying against this hash when the account does not exist costs the same time as a real check.
_DUMMY_HASH = _hasher.hash("relais-dummy-password")


class AccountError(ValueError):
    """An account operation was refused; the message is one French sentence for a person."""


def hash_password(password: str) -> str:
    """Return the argon2 hash of a password."""
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    """Refuse a password too short to be safe."""
    if len(password) < 12:
        raise AccountError("Le mot de passe doit compter au moins 12 caractères.")


def set_password(session: Session, user: User, password: str) -> None:
    """Check and store a new password (this also invalidates earlier reset links)."""
    check_password_strength(password)
    user.password_hash = hash_password(password)
    session.flush()


def user_by_email(session: Session, email: str) -> User | None:
    """Return the user with this e-mail address (case-insensitive)."""
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def check_password(session: Session, email: str, password: str) -> int | None:
    """Return the id of the active user whose password matches, or None (constant-ish time).

    Only reads: give it a reader session, so that the hashing, the slow part, never holds the
    SQLite write lock that the request's own transaction takes.
    """
    user = user_by_email(session, email)
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash or not user.active:
        return None
    return user.id


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the active user whose password matches, or None, and record the sign-in."""
    user_id = check_password(session, email, password)
    return record_sign_in(session, user_id, password) if user_id is not None else None


def record_sign_in(session: Session, user_id: int, password: str) -> User | None:
    """Record the sign-in of a user whose password was checked (rehashed if the cost changed)."""
    user = session.get(User, user_id)
    if user is None or not user.active or not user.password_hash:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    session.flush()
    return user


def parse_roles(values: Iterable[str]) -> list[str]:
    """Return valid role codes, sorted and unique; refuse an unknown one."""
    known = {role.value for role in Role}
    unknown = sorted(set(values) - known)
    if unknown:
        raise AccountError(
            f"Rôle inconnu : {', '.join(unknown)} (rôles : {', '.join(sorted(known))})."
        )
    return sorted(set(values))


def check_programme(roles: Iterable[str], programme: Programme | None) -> None:
    """Refuse a programme for an account that holds no programme role (admin, partner)."""
    if programme is not None and not STAFF_ROLES & set(roles):
        raise AccountError("Seuls les comptes d'un programme (coordination, référents…) en ont un.")


def default_programme(
    session: Session, organisation: Organisation, roles: Iterable[str]
) -> Programme | None:
    """Return the programme a new staff account joins when none is named: the one carried.

    An organisation carrying several programmes cannot choose for the person: refused.
    """
    if not STAFF_ROLES & set(roles):
        return None
    carried = list(
        session.scalars(select(Programme).where(Programme.organisation_id == organisation.id))
    )
    if len(carried) > 1:
        raise AccountError(
            f"{organisation.name} porte plusieurs programmes : précisez lequel "
            f"({', '.join(str(each.id) for each in carried)})."
        )
    return carried[0] if carried else None


def create_user(
    session: Session,
    *,
    email: str,
    organisation: Organisation,
    roles: Iterable[str],
    full_name: str = "",
    password: str | None = None,
    programme: Programme | None = None,
) -> User:
    """Create an account; without a password it waits for an invitation to be accepted."""
    email = email.strip().lower()
    if "@" not in email:
        raise AccountError(f"Adresse e-mail invalide : {email}.")
    if user_by_email(session, email) is not None:
        raise AccountError(f"Un compte existe déjà pour {email}.")
    codes = parse_roles(roles)
    if not codes:
        raise AccountError("Un compte a au moins un rôle.")
    check_programme(codes, programme)
    user = User(
        email=email,
        organisation=organisation,
        roles=codes,
        full_name=full_name,
        programme=programme,
    )
    if password is not None:
        check_password_strength(password)
        user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    return user


def deactivate(session: Session, user: User) -> None:
    """Refuse the account's sign-ins and tokens from now on; nothing is deleted."""
    user.active = False
    user.deactivated_at = utcnow()
    session.flush()


def set_programme(session: Session, user: User, programme: Programme) -> None:
    """Put a staff member in a programme (one the 0013 backfill could not choose, or a move)."""
    check_programme(user.roles, programme)
    user.programme = programme
    session.flush()


def reactivate(session: Session, user: User) -> None:
    """Let a deactivated account sign in again (its revoked tokens stay revoked)."""
    user.active = True
    user.deactivated_at = None
    session.flush()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a personal API token; return the row and the clear token (shown once)."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name[:100], token_hash=_digest(clear))
    session.add(token)
    session.flush()
    return token, clear


def revoke_token(session: Session, token: ApiToken) -> None:
    """Revoke a token for good."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()


def token_for(session: Session, clear: str) -> ApiToken | None:
    """Return the valid token matching a clear token, noting its use, or None."""
    if not clear.startswith(TOKEN_PREFIX):
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(clear)))
    if token is None or not token.is_valid:
        return None
    now = utcnow()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)  # SQLite gives back naive UTC
    if last is None or now - last >= TOKEN_USE_STAMP_EVERY:
        # A read stays a read: note the use at most once a minute per token.
        token.last_used_at = now
        session.flush()
    return token


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    """Return a user's tokens, newest first."""
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def list_users(
    session: Session, organisation: Organisation | None = None, programme_id: int | None = None
) -> list[User]:
    """Return the accounts, of one organisation (and programme) or all, by e-mail."""
    query = select(User).order_by(User.email)
    if organisation is not None:
        query = query.where(User.organisation_id == organisation.id)
    if programme_id is not None:
        query = query.where(User.programme_id == programme_id)
    return list(session.scalars(query))


def password_stamp(user: User) -> str:
    """Return a short fingerprint of the current password: links die when it changes."""
    return hashlib.sha256((user.password_hash or "none").encode()).hexdigest()[:16]
