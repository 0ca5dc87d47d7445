"""User accounts and their roles."""

from __future__ import annotations

import datetime as dt
import enum

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, json_list, timestamp
from catalogue.models import Organisation
from referral.programmes.models import Programme


class Role(enum.StrEnum):
    """The roles a user may hold (DESIGN §7)."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    REFERENT = "referent"
    EPS_MEMBER = "eps_member"
    PARTNER = "partner"
    PARTNER_ADMIN = "partner_admin"
    FUNDER = "funder"
    DPO = "dpo"


class User(UserMixin, UidMixin, TimestampMixin, Base):
    """A person who signs in; belongs to one organisation (staff: one programme) with roles."""

    __tablename__ = "users"

    id: Mapped[intpk]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # The one programme a coordinator, référent, EPS member, funder or DPO works for; None for
    # admins (the instance) and partners (any programme may address their organisation).
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"), index=True)
    roles: Mapped[json_list]
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    deactivated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # The ProConnect subject linked at the first ProConnect sign-in (matched by e-mail then).
    proconnect_sub: Mapped[str | None] = mapped_column(String(255), unique=True, index=True)

    organisation: Mapped[Organisation] = relationship()
    programme: Mapped[Programme | None] = relationship()

    @property
    def is_active(self) -> bool:
        """Deactivated accounts cannot sign in (Flask-Login asks this)."""
        return self.active

    def has_role(self, *roles: Role | str) -> bool:
        """Tell whether the user holds at least one of the roles."""
        return any(str(role) in self.roles for role in roles)

    @property
    def is_partner(self) -> bool:
        """Tell whether the user works for a partner organisation (partner or partner admin)."""
        return self.has_role(Role.PARTNER, Role.PARTNER_ADMIN)


class ApiToken(UidMixin, Base):
    """A personal API token: only its SHA-256 is stored; revocable; the user's rights."""

    __tablename__ = "api_tokens"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[timestamp]
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    @property
    def is_valid(self) -> bool:
        """Tell whether the token may still authenticate (not revoked, account active)."""
        return self.revoked_at is None and self.user.active
