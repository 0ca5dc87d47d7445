"""The coordinator's exit review (instance d'orientation), exits and post-exit checks."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.exits import services as exits
from referral.labels import LABELS
from referral.pathways.models import Need, Pathway
from referral.pathways.services import ExitBlocked, PathwayError, StaleTransition

coordinator = permission_required(permissions.can_review_exits)


def _months() -> int:
    return int(current_app.config.get("EXIT_REVIEW_MONTHS") or 3)


def _pathway(uid: uuid.UUID) -> Pathway:
    found = database.session().scalar(select(Pathway).where(Pathway.uid == uid))
    if found is None or not permissions.can_edit_pathway(current_user, found, dt.date.today()):
        abort(404)
    return found


def _review(blocked: ExitBlocked | None = None, status: int = 200) -> ResponseReturnValue:
    today, session = dt.date.today(), database.session()
    return render_template(
        "exits/exit_review.html",
        rows=exits.exit_review_rows(session, current_user, today, _months()),
        to_check=exits.exited_to_check(
            session, current_user, today, int(current_app.config.get("POST_EXIT_CHECK_MONTHS") or 3)
        ),
        reasons=LABELS["exit_reason"],
        blocked=blocked,
        months=_months(),
    ), status


@coordinator
def exit_review() -> ResponseReturnValue:
    """List pathways whose contract ends soon, each open need with its relay status."""
    return _review()


def _done(message: str) -> ResponseReturnValue:
    flash(message, "success")
    return redirect(url_for("exits.exit_review"))


@coordinator
def prepare_exit(uid: uuid.UUID) -> ResponseReturnValue:
    """Move a pathway to `exit_prepared`, or say which needs block it."""
    pathway = _pathway(uid)
    try:
        exits.prepare_exit(
            database.session(), pathway, request.form.get("from", ""), current_user.id
        )
    except ExitBlocked as blocked:
        return _review(blocked, 422)
    except StaleTransition as error:
        return render_template("referrals/conflict.html", message=str(error)), 409
    except PathwayError as error:
        return render_template("referrals/refused.html", message=str(error), errors={}), 422
    return _done("Sortie préparée : chaque besoin ouvert est relayé, couvert ou justifié.")


@coordinator
def justify_need(uid: uuid.UUID) -> ResponseReturnValue:
    """Write why an open need leaves without a relay."""
    need = database.session().scalar(select(Need).where(Need.uid == uid))
    if need is None:
        abort(404)
    _pathway(need.pathway.uid)
    try:
        exits.justify_need(
            database.session(), need, request.form.get("justification", ""), current_user.id
        )
    except PathwayError as error:
        return render_template("referrals/refused.html", message=str(error), errors={}), 422
    return _done("Justification enregistrée.")


@coordinator
def exit_pathway(uid: uuid.UUID) -> ResponseReturnValue:
    """End a prepared pathway with a reason."""
    pathway = _pathway(uid)
    try:
        exits.exit_pathway(
            database.session(),
            pathway,
            request.form.get("from", ""),
            request.form.get("reason", ""),
            current_user.id,
            dt.date.today(),
        )
    except StaleTransition as error:
        return render_template("referrals/conflict.html", message=str(error)), 409
    except PathwayError as error:
        return render_template("referrals/refused.html", message=str(error), errors={}), 422
    return _done("Sortie de parcours enregistrée.")


@coordinator
def post_exit_check(uid: uuid.UUID) -> ResponseReturnValue:
    """Record whether the relay was effective three months after the exit."""
    pathway = _pathway(uid)
    try:
        exits.record_post_exit_check(
            database.session(),
            pathway,
            effective=request.form.get("effective") == "yes",
            day=dt.date.today(),
        )
    except PathwayError as error:
        return render_template("referrals/refused.html", message=str(error), errors={}), 422
    return _done("Vérification après sortie enregistrée.")
