"""Freshness reminders: e-mail the partners whose entries are overdue, once per overdue period."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Organisation, Service
from referral.french import plural
from referral.mail import mail_body
from referral.partners.models import FreshnessReminder
from referral.partners.services import partner_addresses, stale_services

Sender = Callable[[list[str], str, str], None]


@dataclass
class ReminderSummary:
    """What a reminder run did."""

    organisations: int = 0
    services: int = 0
    already_reminded: int = 0
    without_address: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Return a French one-line summary."""
        line = (
            f"Rappels envoyés : {plural(self.organisations, 'structure')}, "
            f"{plural(self.services, 'fiche')} ; "
            f"déjà rappelées pour cette période : {self.already_reminded}"
        )
        if self.without_address:
            line += f" ; sans adresse : {', '.join(self.without_address)}"
        return line + "."


def due_on(service: Service) -> dt.date:
    """Return the date the entry had to be checked again by."""
    start = service.last_verified_on or service.created_at.date()
    return start + dt.timedelta(days=service.update_frequency_days)


def _already_reminded(session: Session, service: Service) -> bool:
    found = session.scalar(
        select(FreshnessReminder.id).where(
            FreshnessReminder.service_id == service.id, FreshnessReminder.due_on == due_on(service)
        )
    )
    return found is not None


def send_reminders(
    session: Session, day: dt.date, send: Sender, link: Callable[[], str]
) -> ReminderSummary:
    """Write once per organisation about its overdue entries not yet reminded for this period."""
    summary = ReminderSummary()
    pending: dict[int, list[Service]] = defaultdict(list)
    for service in stale_services(session, day):
        if _already_reminded(session, service):
            summary.already_reminded += 1
        else:
            pending[service.organisation_id].append(service)
    for organisation_id, services in pending.items():
        organisation = session.get(Organisation, organisation_id)
        assert organisation is not None
        addresses = partner_addresses(session, organisation)
        if not addresses:
            summary.without_address.append(organisation.name)
            continue
        send(
            addresses,
            "Relais : des fiches sont à mettre à jour",
            _body(organisation, services, link()),
        )
        for service in services:
            session.add(
                FreshnessReminder(
                    service_id=service.id, due_on=due_on(service), recipients=", ".join(addresses)
                )
            )
        summary.organisations += 1
        summary.services += len(services)
    session.flush()
    return summary


def _body(organisation: Organisation, services: list[Service], link: str) -> str:
    return mail_body(
        "freshness_reminder",
        organisation=organisation.name,
        services=services,
        due=due_on,
        link=link,
    )
