"""The coordinator's exit review (instance d'orientation), exits and post-exit checks."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.exits import services as exits
from referral.exits.forms import ExitForm, JustificationForm, PostExitCheckForm, PrepareExitForm
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


def _review(
    blocked: ExitBlocked | None = None, status: int = 200, **posted: object
) -> ResponseReturnValue:
    """Render the review; `posted` is a refused form (`justified` or `exiting`) and its owner."""
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
        posted=posted,
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
        form = PrepareExitForm()
        form.validate()  # nothing to refuse: a stale state is the service's to say
        exits.prepare_exit(database.session(), pathway, form.from_state.data or "", current_user.id)
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
    form = JustificationForm()
    if not form.validate():
        return _review(status=400, justified=need, form=form)
    exits.justify_need(database.session(), need, form.justification.data, current_user.id)
    return _done("Justification enregistrée.")


@coordinator
def exit_pathway(uid: uuid.UUID) -> ResponseReturnValue:
    """End a prepared pathway with a reason."""
    pathway = _pathway(uid)
    form = ExitForm()
    if not form.validate():
        return _review(status=400, exiting=pathway, form=form)
    try:
        exits.exit_pathway(
            database.session(), pathway, form.from_state.data or "", form.reason.data,
            current_user.id, dt.date.today(),
        )  # fmt: skip
    except StaleTransition as error:
        return render_template("referrals/conflict.html", message=str(error)), 409
    except PathwayError as error:
        return render_template("referrals/refused.html", message=str(error), errors={}), 422
    return _done("Sortie de parcours enregistrée.")


@coordinator
def post_exit_check(uid: uuid.UUID) -> ResponseReturnValue:
    """Record whether the relay was effective three months after the exit."""
    pathway = _pathway(uid)
    form = PostExitCheckForm()
    form.validate()  # nothing to refuse: no answer counts as « non »
    try:
        exits.record_post_exit_check(
            database.session(), pathway, effective=form.effective.data == "yes",
            day=dt.date.today(),
        )  # fmt: skip
    except PathwayError as error:
        return render_template("referrals/refused.html", message=str(error), errors={}), 422
    return _done("Vérification après sortie enregistrée.")
