"""The one way pages turn a submitted action form into a transition (web, partner, link)."""

from __future__ import annotations

from typing import Any

from flask import flash, render_template, request

from referral import database
from referral.tracking.labels import tracking_label
from referral.tracking.models import Referral
from referral.tracking.services import Actor, ConflictError, TrackingError, transition


def act(referral: Referral, actor: Actor) -> tuple[str, int] | None:
    """Apply the posted transition; None when it worked, else a page to show with its status."""
    form = request.form
    target = form.get("to", "")
    try:
        transition(
            database.session(),
            referral,
            from_state=form.get("from", ""),
            to_state=target,
            actor=actor,
            reason=form.get("reason") or None,
            note=form.get("note", ""),
            dates={key: form[key] for key in ("expected_on", "appointment_on") if form.get(key)},
        )
    except ConflictError as error:
        return render_template("tracking/conflict.html", message=str(error), referral=None), 409
    except TrackingError as error:
        return error_message(error), 422
    flash(f"C'est noté : « {tracking_label(target, 'state')} ».", "success")
    return None


def error_message(error: TrackingError) -> Any:
    """Render a refused action as a page that says what to change."""
    return render_template("tracking/refused.html", message=str(error), errors=error.errors)
