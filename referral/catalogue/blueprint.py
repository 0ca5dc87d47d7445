"""Every URL rule of the catalogue area, on one screen."""

from flask import Blueprint

from referral.catalogue import views

blueprint = Blueprint("catalogue", __name__)
rule = blueprint.add_url_rule

rule("/", view_func=views.home, methods=["GET"])
rule("/needs", view_func=views.needs, methods=["GET"])
rule("/services", view_func=views.services, methods=["GET"])
rule("/services/<uuid:uid>", view_func=views.service, methods=["GET"])
rule("/organisations/<uuid:uid>", view_func=views.organisation, methods=["GET"])
