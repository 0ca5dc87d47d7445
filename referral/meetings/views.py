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
from referral.meetings.forms import CharterForm, DecisionForm, MeetingForm
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


def _meeting_form() -> MeetingForm:
    caseload = queries.caseload(database.session(), current_user, dt.date.today())
    return MeetingForm().offer(_eps_members(), caseload)


def _new_page(form: MeetingForm, programme: Programme | None, status: int = 200) -> Any:
    return render_template("meetings/new.html", programme=programme, form=form), status


@coordinators
def new() -> ResponseReturnValue:
    """Show the form that creates a meeting: date, members, agenda."""
    return _new_page(_meeting_form(), _programme())


@coordinators
def create() -> ResponseReturnValue:
    """Create a meeting (the form again, with its French errors, when it does not validate)."""
    programme, form = _programme(), _meeting_form()
    if programme is None:
        flash("Votre structure ne porte aucun programme : pas de réunion possible.", "error")
        return redirect(url_for("meetings.index"))
    if not form.validate():
        return _new_page(form, programme, 400)
    members = [u for u in _eps_members() if str(u.uid) in form.member.data]
    visible = queries.caseload(database.session(), current_user, dt.date.today())
    agenda = [p for p in visible if str(p.uid) in form.pathway.data]
    meeting = services.create_meeting(
        database.session(), programme, held_on=form.held_on.data, title=form.title.data or "",
        members=members, agenda=agenda, actor_id=current_user.id,
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


def _meeting_page(meeting: Meeting, failed: Any = None, status: int = 200) -> Any:
    """The meeting screen; `failed` is the decision form sent back with its errors."""
    page = render_template(
        "meetings/show.html", meeting=meeting, children=_syntheses(meeting), today=dt.date.today(),
        can_decide=permissions.is_programme_coordinator(current_user, meeting.programme),
        failed=failed,
    )  # fmt: skip
    return page, status


@members
def show(uid: uuid.UUID) -> ResponseReturnValue:
    """The meeting screen: each child's synthesis and proposals, and the decision form."""
    meeting = _meeting(uid)
    if (gate := _member_gate(meeting)) is not None:
        return gate
    return _meeting_page(meeting)


@coordinators
def decide(uid: uuid.UUID, pathway_uid: uuid.UUID) -> ResponseReturnValue:
    """Record the EPS decision for one child (its form again, with errors, when invalid)."""
    meeting = _meeting(uid)
    pathway = next((p for p in meeting.agenda if p.uid == pathway_uid), None)
    if pathway is None or not permissions.is_programme_coordinator(current_user, meeting.programme):
        abort(404)
    form = DecisionForm()
    if not form.validate():
        return _meeting_page(meeting, {"pathway": pathway.uid, "form": form}, 400)
    services.record_decision(
        database.session(), meeting, pathway, orientations=form.orientations(),
        notes=form.notes.data or "", next_review_on=form.next_review_on.data,
        actor_id=current_user.id,
    )  # fmt: skip
    flash("Décision enregistrée.", "success")
    return redirect(url_for("meetings.show", uid=meeting.uid) + f"#enfant-{pathway.uid}")


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


def _programme_of(uid: uuid.UUID) -> Programme:
    """Return the programme of the URL if the user works for it, else answer 404."""
    programme = database.session().scalar(select(Programme).where(Programme.uid == uid))
    if programme is None or not permissions.can_read_charter(current_user, programme):
        abort(404)
    return programme


def _charter_page(programme: Programme, form: CharterForm, status: int = 200) -> Any:
    accepted = permissions.has_accepted_charter(current_user, programme)
    page = render_template(
        "meetings/charter.html", programme=programme, accepted=accepted, form=form
    )
    return page, status


@members
def charter(uid: uuid.UUID) -> ResponseReturnValue:
    """Show a programme's confidentiality charter to accept."""
    form = CharterForm(formdata=None, data={"next": request.args.get("next")})
    return _charter_page(_programme_of(uid), form)


@members
def accept_charter(uid: uuid.UUID) -> ResponseReturnValue:
    """Accept the charter, then go back to the meeting."""
    programme, form = _programme_of(uid), CharterForm()
    if not form.validate():
        return _charter_page(programme, form, 400)
    if not permissions.has_accepted_charter(current_user, programme):
        services.accept_charter(database.session(), current_user, programme)
    flash("Charte de confidentialité acceptée.", "success")
    target = form.next.data
    return redirect(url_for("meetings.show", uid=target) if target else url_for("meetings.index"))


__all__ = ["MeetingDecision", "Pathway"]
