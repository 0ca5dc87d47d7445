"""Every URL rule of the pathways area, on one screen."""

from flask import Blueprint

from referral.pathways import actions, views

blueprint = Blueprint("pathways", __name__, url_prefix="/pathways")
rule = blueprint.add_url_rule

rule("", view_func=views.caseload, methods=["GET"])
rule("/new", view_func=views.new, methods=["GET"])
rule("/new", view_func=views.create, methods=["POST"])
rule("/<uuid:uid>", view_func=views.show, methods=["GET"])
rule("/<uuid:uid>/consent", view_func=views.consent_form, methods=["GET"])
rule("/delegation", view_func=actions.delegate, methods=["POST"])
rule("/<uuid:uid>/needs", view_func=actions.add_need, methods=["POST"])
rule("/<uuid:uid>/needs/<uuid:need_uid>", view_func=actions.set_need_status, methods=["POST"])
rule("/<uuid:uid>/transition", view_func=actions.transition, methods=["POST"])
rule("/<uuid:uid>/contacts", view_func=actions.add_contact, methods=["POST"])
rule("/<uuid:uid>/consent", view_func=actions.record_consent, methods=["POST"])
rule("/<uuid:uid>/danger", view_func=actions.danger_report, methods=["POST"])
rule("/<uuid:uid>/transfer", view_func=actions.transfer, methods=["POST"])
