"""Every URL rule of the partners area, on one screen."""

from flask import Blueprint

from referral.partners import places, views

blueprint = Blueprint("partners", __name__, url_prefix="/partner")
rule = blueprint.add_url_rule

rule("/", view_func=views.dashboard, methods=["GET"])
rule("/services/new", view_func=views.new_service, methods=["GET", "POST"])
rule("/services/<uuid:uid>/edit", view_func=views.edit_service, methods=["GET", "POST"])
rule("/services/<uuid:uid>/capacity", view_func=views.set_capacity, methods=["POST"])
rule("/services/<uuid:uid>/verify", view_func=views.verify, methods=["POST"])
rule("/services/<uuid:uid>/suspend", view_func=views.suspend, methods=["POST"])
rule("/services/<uuid:uid>/resume", view_func=views.resume, methods=["POST"])
rule("/services/<uuid:uid>/close", view_func=views.close, methods=["POST"])
rule("/services/<uuid:uid>/history", view_func=views.history, methods=["GET"])
rule("/area-suggestions", view_func=views.area_suggestions, methods=["GET"])
rule("/places/new", view_func=places.new_place, methods=["GET", "POST"])
rule("/places/<uuid:uid>/edit", view_func=places.edit_place, methods=["GET", "POST"])
