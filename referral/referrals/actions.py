"""The one way pages turn a submitted action form into a transition (web, partner, link)."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import flash, render_template

from referral import database
from referral.labels import label
from referral.referrals import notify
from referral.referrals.forms import TransitionForm
from referral.referrals.models import Referral
from referral.referrals.services import Actor, ConflictError, TrackingError, transition


@dataclass(frozen=True)
class Refusal:
    """Why a submitted action was refused, to show beside the form that sent it."""

    target: str
    message: str
    errors: dict[str, list[str]] = field(default_factory=dict)
    conflict: bool = False


def act(referral: Referral, actor: Actor) -> Refusal | None:
    """Apply the posted transition; None when it worked, else why it was refused."""
    form = TransitionForm()
    target = form.to_state.data or ""
    if not form.validate():
        errors = {key: [str(text) for text in texts] for key, texts in form.errors.items()}
        return Refusal(target, "Vérifiez les champs signalés.", errors)
    try:
        transition(
            database.session(),
            referral,
            from_state=form.from_state.data or "",
            to_state=target,
            actor=actor,
            reason=form.reason.data or None,
            note=form.note.data or "",
            dates=form.dates(),
        )
    except ConflictError as error:
        return Refusal(target, str(error), conflict=True)
    except TrackingError as error:
        return Refusal(target, str(error), error.errors)
    flash(f"C'est noté : « {label('referral_state', target)} ».", "success")
    if notify.mail_failed():
        flash(notify.MAIL_FAILED, "error")
    return None


def conflict_page(refusal: Refusal) -> tuple[str, int]:
    """Render the page that says someone acted first (HTTP 409)."""
    return render_template("referrals/conflict.html", message=refusal.message), 409


def error_message(error: TrackingError) -> str:
    """Render a refused creation as a page that says what to change."""
    return render_template("referrals/refused.html", message=str(error), errors=error.errors)
