"""Tell people about referrals: e-mails (never a child's or a family's name) and in-app notices."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

from flask import current_app, g, has_request_context, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.accounts.models import User
from referral.french import french_date, today
from referral.labels import label
from referral.mail import mail_body, send_mail
from referral.referrals.models import Notification, Referral, ReferralEvent


def external_url(endpoint: str, **values: Any) -> str:
    """Return an absolute URL, in a request or from the CLI (`BASE_URL`)."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("BASE_URL") or "http://localhost:5000"
    with current_app.test_request_context(base_url=base):
        return url_for(endpoint, _external=True, **values)


def deliver(to: str | None, subject: str, body: str) -> bool:
    """Send an e-mail; a failure is logged, kept for a retry, and told to the person acting.

    It never undoes the change it reports.
    """
    if not to:
        return False
    try:
        send_mail(to, subject, body)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("E-mail non envoyé (%s) : %s", subject, error)
        if has_request_context():
            g.mail_failed = True
        return False
    return True


MAIL_FAILED = (
    "Le courriel n'a pas pu partir : il sera renvoyé automatiquement (relais referrals tick). "
    "Prévenez le partenaire par téléphone si c'est urgent."
)


def mail_failed() -> bool:
    """Tell whether an e-mail of this request failed (it is retried by `relais referrals tick`)."""
    return bool(has_request_context() and g.get("mail_failed"))


def notify_user(
    session: Session,
    user: User,
    kind: str,
    message: str,
    *,
    referral: Referral | None = None,
    pathway_id: int | None = None,
    dedup_key: str | None = None,
) -> Notification | None:
    """Add an in-app notice; with a `dedup_key`, only the first one for that key is kept."""
    if dedup_key and session.scalar(
        select(Notification.id).where(Notification.dedup_key == dedup_key)
    ):
        return None
    notice = Notification(
        user_id=user.id,
        kind=kind,
        message=message,
        referral_id=referral.id if referral is not None else None,
        pathway_id=pathway_id if pathway_id is not None else getattr(referral, "pathway_id", None),
        dedup_key=dedup_key,
    )
    session.add(notice)
    session.flush()
    return notice


def partner_link(referral: Referral) -> str:
    """Return the signed link a partner uses to answer this referral."""
    from referral.referrals.links import make_token

    return external_url("referrals.partner_link", uid=referral.uid, token=make_token(referral))


def mail_partner(referral: Referral, *, reminder: int = 0, renew: bool = False) -> bool:
    """E-mail the service's referral contact: the service's name and the signed link only.

    `renew` revokes every link sent before this one.
    """
    service = referral.service
    from referral.referrals.links import link_days

    if not current_app.config.get("SECRET_KEY"):  # no link can be signed without it
        current_app.logger.warning("Lien partenaire non envoyé : SECRET_KEY absente.")
        return False
    if renew:
        referral.link_generation += 1

    first = "Rappel : une orientation attend votre réponse" if reminder else "Nouvelle orientation"
    body = mail_body(
        "referral_to_partner",
        service_name=service.name,
        sent_on=referral.sent_at,
        reminder=reminder,
        family_message=bool(referral.family_message),
        days=link_days(),
        until=today() + dt.timedelta(days=link_days()),
        link=partner_link(referral),
    )
    return deliver(service.referral_email, f"{first} — {service.name}", body)


def referral_sent(referral: Referral) -> None:
    """Tell the partner that a referral arrived."""
    mail_partner(referral)


def partner_acted(
    session: Session, referral: Referral, event: ReferralEvent, actor_id: int | None
) -> None:
    """Tell the référent (e-mail and in-app) what the partner answered."""
    referent = referral.pathway.referent
    if referent is None or referent.id == actor_id:
        return
    state = label("referral_state", event.to_state)
    service = referral.service.name
    message = answer_words(service, event)
    notify_user(session, referent, f"referral_{event.to_state}", message, referral=referral)
    link = external_url("referrals.referral", uid=referral.uid)
    body = mail_body("partner_answer", message=message, link=link)
    deliver(referent.email, f"Orientation : {state} — {service}", body)


def answer_words(service: str, event: ReferralEvent) -> str:
    """Say a partner's answer in French: the state, the reason and its dates in words."""
    words = f"Orientation vers « {service} » : {label('referral_state', event.to_state)}"
    if event.reason:
        words += f". Motif : {label('decline_reason', event.reason)}"
    for key, name in (("expected_on", "date prévue"), ("appointment_on", "rendez-vous")):
        if (event.dates or {}).get(key):
            words += f" ({name} : {french_date(event.dates[key], 'long')})"
    return words + "."
