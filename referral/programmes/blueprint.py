"""The « Programmes » pages: every URL rule of the area on one screen."""

from __future__ import annotations

from flask import Blueprint

from referral.programmes import views

blueprint = Blueprint("programmes", __name__, url_prefix="/programmes")
blueprint.add_url_rule("/", view_func=views.index, methods=["GET", "POST"])
blueprint.add_url_rule("/<uuid:uid>", view_func=views.show)
blueprint.add_url_rule(
    "/<uuid:uid>/coordinator", view_func=views.invite_coordinator, methods=["POST"]
)
