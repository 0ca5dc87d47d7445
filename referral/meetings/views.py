"""EPS meeting pages: thin views over `referral.meetings.services` and the matching engine."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.accounts.models import User
from referral.matching import match_pathway
from referral.meetings import services
from referral.meetings.models import Meeting, MeetingDecision
from referral.pathways import queries
from referral.pathways import services as pathway_services
from referral.pathways.models import Pathway
from referral.programmes.models import Programme

members = permission_required(permissions.can_use_pathways)
coordinators = permission_required(permissions.can_manage_meetings)


def _meeting(uid: uuid.UUID) -> Meeting:
    """Return a meeting the user may see, or 404."""
    meeting = database.session().scalar(select(Meeting).where(Meeting.uid == uid))
    if meeting is None or not permissions.can_view_meeting(current_user, meeting):
        abort(404)
    return meeting


def _member_gate(meeting: Meeting) -> ResponseReturnValue | None:
    """An EPS member sees the children only after the charter, and only on the meeting's day."""
    if permissions.is_programme_coordinator(current_user, meeting.programme):
        return None
    if not permissions.has_accepted_charter(current_user, meeting.programme):
        return redirect(url_for("meetings.charter", uid=meeting.programme.uid, next=meeting.uid))
    if meeting.held_on != dt.date.today():
        page = render_template(
            "meetings/not_today.html", meeting=meeting, day=long_french_date(meeting.held_on)
        )
        return page, 403
    return None


def long_french_date(day: dt.date) -> str:
    """Write a day as « mardi 8 décembre » (with the year when it is not this year's)."""
    from catalogue.hours import DAY_NAMES, WEEKDAYS
    from referral.matching.seasons import french_day

    text = f"{DAY_NAMES[WEEKDAYS[day.weekday()]]} {french_day(day)}"
    return text if day.year == dt.date.today().year else f"{text} {day.year}"


@members
def index() -> ResponseReturnValue:
    """List the meetings: the programme's (coordinator) or mine (EPS member)."""
    found = services.meetings_for(database.session(), current_user)
    return render_template("meetings/index.html", meetings=found, today=dt.date.today())


def _programme() -> Programme | None:
    programme_id = current_user.programme_id
    return database.session().get(Programme, programme_id) if programme_id is not None else None


def _eps_members() -> list[User]:
    users = database.session().scalars(
        select(User)
        .where(User.active.is_(True), User.programme_id == current_user.programme_id)
        .order_by(User.full_name)
    )
    return [user for user in users if user.has_role("eps_member")]


@coordinators
def new() -> ResponseReturnValue:
    """Show the form that creates a meeting: date, members, agenda."""
    programme = _programme()
    return render_template(
        "meetings/new.html", programme=programme, users=_eps_members(), errors={},
        pathways=queries.caseload(database.session(), current_user, dt.date.today()),
    )  # fmt: skip


@coordinators
def create() -> ResponseReturnValue:
    """Create a meeting."""
    programme, form = _programme(), request.form
    if programme is None:
        flash("Votre structure ne porte aucun programme : pas de réunion possible.", "error")
        return redirect(url_for("meetings.index"))
    try:
        held_on = dt.date.fromisoformat(form.get("held_on", ""))
    except ValueError:
        flash("Indiquez la date de la réunion.", "error")
        return redirect(url_for("meetings.new"))
    users = [u for u in _eps_members() if str(u.uid) in form.getlist("member")]
    visible = queries.caseload(database.session(), current_user, dt.date.today())
    agenda = [p for p in visible if str(p.uid) in form.getlist("pathway")]
    meeting = services.create_meeting(
        database.session(), programme, held_on=held_on, title=form.get("title", "").strip()[:200],
        members=users, agenda=agenda, actor_id=current_user.id,
    )  # fmt: skip
    flash("Réunion créée.", "success")
    return redirect(url_for("meetings.show", uid=meeting.uid))


def _syntheses(meeting: Meeting) -> list[dict[str, Any]]:
    """Each child of the agenda: pathway, commune, proposals and the decision (reads audited)."""
    session, today = database.session(), dt.date.today()
    decisions = {d.pathway_id: d for d in meeting.decisions}
    found = []
    for pathway in sorted(meeting.agenda, key=lambda p: p.child.first_name):
        pathway_services.record_read(session, pathway, current_user.id, "meeting")
        found.append({
            "pathway": pathway,
            "commune": queries.commune_of(session, pathway.child.family),
            "result": match_pathway(session, pathway, today),
            "decision": decisions.get(pathway.id),
        })  # fmt: skip
    return found


@members
def show(uid: uuid.UUID) -> ResponseReturnValue:
    """The meeting screen: each child's synthesis and proposals, and the decision form."""
    meeting = _meeting(uid)
    if (gate := _member_gate(meeting)) is not None:
        return gate
    return render_template(
        "meetings/show.html", meeting=meeting, children=_syntheses(meeting), today=dt.date.today(),
        can_decide=permissions.is_programme_coordinator(current_user, meeting.programme),
    )  # fmt: skip


@coordinators
def decide(uid: uuid.UUID, pathway_uid: uuid.UUID) -> ResponseReturnValue:
    """Record the EPS decision for one child."""
    meeting = _meeting(uid)
    pathway = next((p for p in meeting.agenda if p.uid == pathway_uid), None)
    if pathway is None or not permissions.is_programme_coordinator(current_user, meeting.programme):
        abort(404)
    form = request.form
    orientations = [_orientation(value) for value in form.getlist("orientation")]
    try:
        review = (
            dt.date.fromisoformat(form["next_review_on"]) if form.get("next_review_on") else None
        )
    except ValueError:
        review = None
    services.record_decision(
        database.session(), meeting, pathway, orientations=[o for o in orientations if o],
        notes=form.get("notes", "").strip()[:4000], next_review_on=review, actor_id=current_user.id,
    )  # fmt: skip
    flash("Décision enregistrée.", "success")
    return redirect(url_for("meetings.show", uid=meeting.uid) + f"#enfant-{pathway.uid}")


def _orientation(value: str) -> dict[str, str] | None:
    """Parse "need code|service uid|service name" from a decision checkbox."""
    parts = value.split("|", 2)
    return (
        {"need": parts[0], "service": parts[1], "service_name": parts[2]}
        if len(parts) == 3
        else None
    )


@members
def minutes(uid: uuid.UUID) -> ResponseReturnValue:
    """The printable relevé de conclusions."""
    meeting = _meeting(uid)
    if (gate := _member_gate(meeting)) is not None:
        return gate
    decisions = {d.pathway_id: d for d in meeting.decisions}
    rows = [
        (p, decisions.get(p.id)) for p in sorted(meeting.agenda, key=lambda p: p.child.first_name)
    ]
    for pathway, _ in rows:
        pathway_services.record_read(database.session(), pathway, current_user.id, "minutes")
    return render_template("meetings/minutes.html", meeting=meeting, rows=rows)


@members
def charter(uid: uuid.UUID) -> ResponseReturnValue:
    """Show a programme's confidentiality charter to accept."""
    programme = _own_programme(uid)
    accepted = permissions.has_accepted_charter(current_user, programme)
    return render_template(
        "meetings/charter.html",
        programme=programme,
        accepted=accepted,
        next=request.args.get("next", ""),
    )


@members
def accept_charter(uid: uuid.UUID) -> ResponseReturnValue:
    """Accept the charter, then go back to the meeting."""
    programme = _own_programme(uid)
    if request.form.get("accept") != "on":
        flash("Cochez la case pour accepter la charte.", "error")
        return redirect(url_for("meetings.charter", uid=uid))
    if not permissions.has_accepted_charter(current_user, programme):
        services.accept_charter(database.session(), current_user, programme)
    flash("Charte de confidentialité acceptée.", "success")
    target = _next_meeting(request.form.get("next", ""))
    return redirect(url_for("meetings.show", uid=target) if target else url_for("meetings.index"))


def _own_programme(uid: uuid.UUID) -> Programme:
    """Return the programme of the URL if the user works for it, else answer 404."""
    programme = database.session().scalar(select(Programme).where(Programme.uid == uid))
    if programme is None or not permissions.can_read_charter(current_user, programme):
        abort(404)
    return programme


def _next_meeting(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


__all__ = ["MeetingDecision", "Pathway"]
