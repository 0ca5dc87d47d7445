"""The partner's side: its inbox, one referral, and the signed link that needs no account."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.accounts.security import limiter, link_limit, throttling_off
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.labels import LABELS
from referral.referrals import notify, queries
from referral.referrals.actions import Refusal, act, conflict_page
from referral.referrals.actors import Actor, actor_for, link_actor
from referral.referrals.export import to_csv
from referral.referrals.forms import ExportForm
from referral.referrals.links import LinkError, read_token
from referral.referrals.machine import TRANSITIONS, ActorKind
from referral.referrals.models import Referral
from referral.referrals.payload import partner_view
from referral.referrals.services import allowed_targets, record_read

partner_only = permission_required(permissions.is_partner)


def _page(referral: Referral, actor: Actor, action_url: str, refusal: Refusal | None = None) -> str:
    """Render a referral for its partner: minimum payload, answers, a refusal beside its form."""
    record_read(database.session(), referral, actor.user_id, actor.channel)
    targets = allowed_targets(referral, actor)
    rules = [
        t
        for t in TRANSITIONS
        if t.source == referral.state
        and str(t.target) in targets
        and t.actors & {ActorKind.PARTNER}
    ]
    return render_template(
        "referrals/partner_referral.html",
        referral=referral,
        payload=partner_view(referral),
        rules=rules,
        reasons=LABELS["decline_reason"],
        action_url=action_url,
        refusal=refusal,
    )


@partner_only
def partner_inbox() -> ResponseReturnValue:
    """Show one tab of the partner's inbox (to answer, in progress, accepted, closed)."""
    session, organisation_id = database.session(), current_user.organisation_id
    tab = request.args.get("tab", "answer")
    if tab not in queries.INBOX_TABS:
        abort(404)
    return render_template(
        "referrals/inbox.html",
        tab=tab,
        referrals=queries.inbox_tab(session, organisation_id, tab),
        counts=queries.inbox_counts(session, organisation_id),
        titles=queries.INBOX_TITLES,
        export=ExportForm(),
        payload_of=partner_view,
    )


@partner_only
def partner_export() -> ResponseReturnValue:
    """Download the referrals received in a period as CSV (no more than the payload)."""
    form = ExportForm(request.args)
    if not form.validate():
        return render_template(
            "referrals/refused.html", message="Période invalide.", errors=form.errors
        ), 400
    found = queries.received_between(
        database.session(), current_user.organisation_id, form.start.data, form.end.data
    )
    record(
        database.session(),
        actor_id=current_user.id,
        action="export_referrals",
        category=AuditCategory.CASE,
        target_type="organisation",
        target_id=str(current_user.organisation_id),
        details={"count": len(found)},
    )
    headers = {"Content-Disposition": 'attachment; filename="orientations-recues.csv"'}
    return Response(to_csv(found), mimetype="text/csv; charset=utf-8", headers=headers)


def _addressed(uid: uuid.UUID) -> Referral:
    found = database.session().scalar(select(Referral).where(Referral.uid == uid))
    if found is None or not permissions.can_answer_referral(current_user, found):
        abort(404)
    return found


@partner_only
def partner_referral(uid: uuid.UUID) -> ResponseReturnValue:
    """Show a referral addressed to the partner: the minimum payload and the answers."""
    found = _addressed(uid)
    actor = actor_for(current_user, found, dt.date.today())
    return _page(found, actor, url_for("referrals.partner_referral", uid=uid))


@partner_only
def partner_answer(uid: uuid.UUID) -> ResponseReturnValue:
    """Record the partner's answer."""
    found = _addressed(uid)
    actor = actor_for(current_user, found, dt.date.today())
    refusal = act(found, actor)
    if refusal is None:
        return redirect(url_for("referrals.partner_referral", uid=uid))
    if refusal.conflict:
        return conflict_page(refusal)
    return _page(found, actor, url_for("referrals.partner_referral", uid=uid), refusal), 422


def _linked(uid: uuid.UUID, token: str) -> Referral | tuple[str, int]:
    try:
        return read_token(database.session(), token, uid)
    except LinkError as error:
        page = render_template(
            "referrals/link_invalid.html",
            message=str(error),
            expired=error.expired,
            uid=uid,
            token=token,
        )
        return page, 410 if error.expired else 404


@limiter.limit(link_limit, exempt_when=throttling_off)
def partner_link(uid: uuid.UUID, token: str) -> ResponseReturnValue:
    """Let the partner read and answer one referral from the e-mailed link, without an account."""
    found = _linked(uid, token)
    if isinstance(found, tuple):
        return found
    here = url_for("referrals.partner_link", uid=uid, token=token)
    if request.method == "GET":
        return _page(found, link_actor(), here)
    refusal = act(found, link_actor())
    if refusal is None:
        return redirect(here)
    return (
        conflict_page(refusal)
        if refusal.conflict
        else (_page(found, link_actor(), here, refusal), 422)
    )


@limiter.limit(link_limit, exempt_when=throttling_off)
def renew_link(uid: uuid.UUID, token: str) -> ResponseReturnValue:
    """Send a fresh link to the service's referral address (never to whoever asks)."""
    try:
        found = read_token(database.session(), token, uid, ignore_age=True, any_generation=True)
    except LinkError as error:
        return render_template(
            "referrals/link_invalid.html", message=str(error), expired=False, uid=uid, token=token
        ), 404
    notify.mail_partner(found, renew=True)
    flash("Un nouveau lien a été envoyé à l'adresse d'orientation du service.", "success")
    return render_template(
        "referrals/link_invalid.html", message="", expired=False, uid=uid, token=token, renewed=True
    )
