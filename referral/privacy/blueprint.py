"""Every URL rule of the privacy area, on one screen."""

from flask import Blueprint

from referral.privacy import views

blueprint = Blueprint("privacy", __name__)
rule = blueprint.add_url_rule

rule("/privacy", view_func=views.notice, methods=["GET"])
rule("/accessibility", view_func=views.accessibility, methods=["GET"])
rule("/data-protection/pathways/<uuid:uid>", view_func=views.rights_page, methods=["GET"])
rule("/data-protection/pathways/<uuid:uid>/export", view_func=views.export_html, methods=["GET"])
rule(
    "/data-protection/pathways/<uuid:uid>/export.json", view_func=views.export_json, methods=["GET"]
)
rule(
    "/data-protection/pathways/<uuid:uid>/rectify", view_func=views.rectify, methods=["GET", "POST"]
)
rule(
    "/data-protection/consents/<uuid:uid>/withdraw",
    view_func=views.withdraw_consent,
    methods=["POST"],
)
rule("/data-protection/audit", view_func=views.audit_log, methods=["GET"])
rule("/data-protection/audit.csv", view_func=views.audit_csv, methods=["GET"])
