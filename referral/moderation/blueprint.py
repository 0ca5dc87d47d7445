"""Every URL rule of the moderation area, on one screen."""

from flask import Blueprint

from referral.moderation import views

blueprint = Blueprint("moderation", __name__, url_prefix="/moderation")
rule = blueprint.add_url_rule

rule("/", view_func=views.queue, methods=["GET"])
rule("/programmes/<uuid:uid>", view_func=views.set_moderation, methods=["POST"])
rule("/services/<uuid:uid>/publish", view_func=views.publish, methods=["POST"])
rule("/stale", view_func=views.stale, methods=["GET"])
rule("/reports", view_func=views.reports, methods=["GET"])
rule("/services/<uuid:uid>/report", view_func=views.report_error, methods=["GET", "POST"])
rule("/reports/<uuid:uid>", view_func=views.report, methods=["GET", "POST"])
