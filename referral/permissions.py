"""Every permission of Relais, as named predicates (DESIGN §7). Views check these, nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalogue.models import Service


def is_signed_in(user: Any) -> bool:
    """Tell whether someone is signed in."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_view_service(user: Any, service: Service, day: dt.date) -> bool:
    """Active services are public; the others need a signed-in user."""
    return service.is_active_on(day) or is_signed_in(user)


def can_view_referral_contact(user: Any) -> bool:
    """The professional contact that receives orientations is for signed-in users only."""
    return is_signed_in(user)
