"""Demo accounts: at least one per role, on the demo organisations (fictitious, idempotent).

The programme's staff (admin, coordinator, référents, EPS member, funder, DPO) belong to the
demo PRE organisation; partners and partner admins to the first demo organisations of a few
kinds, chosen by `source_id` so that every load picks the same ones. In demo mode only, the
sign-in page lists these accounts with their shared password.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Organisation, OrganisationKind
from catalogue.services import create_organisation
from referral.accounts.models import User
from referral.accounts.services import create_user, hash_password, user_by_email
from referral.labels import label

if TYPE_CHECKING:
    from referral.demo import DemoReport

DEMO_PASSWORD = "relais-demo-2026"  # noqa: S105 (published on purpose: demo mode only)
DEMO_DOMAIN = "demo.relais.example"
SOURCE = "demo"
PRE_SOURCE_ID = "org:pre-demo"


@dataclass(frozen=True)
class DemoAccount:
    """One demo account: who, which roles, in which organisation (a kind, or the PRE)."""

    local_part: str
    full_name: str
    roles: tuple[str, ...]
    kind: str | None = None  # None: the demo PRE organisation

    @property
    def email(self) -> str:
        """Return the account's e-mail address."""
        return f"{self.local_part}@{DEMO_DOMAIN}"


ACCOUNTS = (
    DemoAccount("admin", "Alex Admin (fictif)", ("admin",)),
    DemoAccount("coordination", "Camille Coordination (fictive)", ("coordinator",)),
    DemoAccount("referente", "Rachida Référente (fictive)", ("referent",)),
    DemoAccount("referent", "Romain Référent (fictif)", ("referent",)),
    DemoAccount("eps", "Élise Membre d'EPS (fictive)", ("eps_member",)),
    DemoAccount("financeur", "Fabien Financeur (fictif)", ("funder",)),
    DemoAccount("dpo", "Dominique Déléguée (fictive)", ("dpo",)),
    DemoAccount("partenaire-cmp", "Paul Partenaire CMP (fictif)", ("partner",), "cmp"),
    DemoAccount("admin-cmp", "Patricia Admin CMP (fictive)", ("partner_admin",), "cmp"),
    DemoAccount("partenaire-club", "Pierre Partenaire club (fictif)", ("partner",), "club"),
    DemoAccount("admin-club", "Pauline Admin club (fictive)", ("partner_admin",), "club"),
    DemoAccount("partenaire-caf", "Paloma Partenaire CAF (fictive)", ("partner",), "caf"),
)


def programme_organisation(session: Session) -> Organisation:
    """Return the demo PRE organisation: a demo organisation of kind `pre`, or one created."""
    found = session.scalar(
        select(Organisation)
        .where(Organisation.source == SOURCE, Organisation.kind == OrganisationKind.PRE)
        .order_by(Organisation.source_id)
        .limit(1)
    )
    if found is not None:
        return found
    return create_organisation(
        session,
        {
            "name": "Programme de réussite éducative de démonstration (fictif)",
            "kind": str(OrganisationKind.PRE),
            "source": SOURCE,
            "source_id": PRE_SOURCE_ID,
            "website": f"https://pre.{DEMO_DOMAIN}",
            "email": f"pre@{DEMO_DOMAIN}",
            "phone": "05 36 49 00 00",
        },
    )


def partner_organisation(session: Session, kind: str) -> Organisation | None:
    """Return the first demo organisation of a kind (by source id: the same every time)."""
    return session.scalar(
        select(Organisation)
        .where(Organisation.source == SOURCE, Organisation.kind == kind)
        .order_by(Organisation.source_id)
        .limit(1)
    )


def load_accounts(session: Session) -> int:
    """Create the demo accounts that do not exist yet; return how many were created."""
    created = 0
    password_hash: str | None = None  # one hash for all: the password is public and shared
    for account in ACCOUNTS:
        if user_by_email(session, account.email) is not None:
            continue
        organisation = (
            partner_organisation(session, account.kind)
            if account.kind
            else programme_organisation(session)
        )
        if organisation is None:
            continue
        user = create_user(
            session,
            email=account.email,
            organisation=organisation,
            roles=account.roles,
            full_name=account.full_name,
        )
        user.password_hash = password_hash = password_hash or hash_password(DEMO_PASSWORD)
        created += 1
    session.flush()
    return created


def accounts_step(session: Session, report: DemoReport) -> None:
    """Demo step: the accounts, one per role at least."""
    report.counts["comptes"] = load_accounts(session)


def demo_account_list(session: Session) -> list[tuple[str, str]]:
    """Return (e-mail, "role — organisation") for each demo account present, in a stable order."""
    users = {
        user.email: user
        for user in session.scalars(select(User).where(User.email.endswith(f"@{DEMO_DOMAIN}")))
    }
    return [
        (
            account.email,
            f"{', '.join(label('role', r) for r in account.roles)} — "
            f"{users[account.email].organisation.name}",
        )
        for account in ACCOUNTS
        if account.email in users
    ]
