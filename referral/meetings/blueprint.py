"""Every URL rule of the meetings area, on one screen."""

from flask import Blueprint

from referral.meetings import views

blueprint = Blueprint("meetings", __name__, url_prefix="/meetings")
rule = blueprint.add_url_rule

rule("", view_func=views.index, methods=["GET"])
rule("/new", view_func=views.new, methods=["GET"])
rule("/new", view_func=views.create, methods=["POST"])
rule("/<uuid:uid>", view_func=views.show, methods=["GET"])
rule("/<uuid:uid>/decisions/<uuid:pathway_uid>", view_func=views.decide, methods=["POST"])
rule("/<uuid:uid>/minutes", view_func=views.minutes, methods=["GET"])
rule("/charter/<uuid:uid>", view_func=views.charter, methods=["GET"])
rule("/charter/<uuid:uid>", view_func=views.accept_charter, methods=["POST"])
