"""Every model of Relais, imported in one place so that the metadata is complete."""

from catalogue.db import Base
from catalogue.models import *  # noqa: F403
from referral.accounts.models import Role, User

metadata = Base.metadata

__all__ = ["Role", "User", "metadata"]
