"""Every URL rule of the indicators area, on one screen."""

from flask import Blueprint

from referral.indicators import views

blueprint = Blueprint("indicators", __name__, url_prefix="/indicators")
rule = blueprint.add_url_rule

rule("/", view_func=views.index, methods=["GET"])
rule("/<uuid:uid>", view_func=views.dashboard, methods=["GET"])
rule("/<uuid:uid>/indicateurs.csv", view_func=views.export_csv, methods=["GET"])
rule("/<uuid:uid>/indicateurs.json", view_func=views.export_json, methods=["GET"])
