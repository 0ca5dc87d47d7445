"""Every URL rule of the referrals area, on one screen."""

from flask import Blueprint

from referral.referrals import orient, partner_views, views

blueprint = Blueprint("referrals", __name__)
rule = blueprint.add_url_rule

rule("/pathways/<uuid:uid>/referrals", view_func=views.pathway_referrals, methods=["GET"])
rule("/pathways/<uuid:uid>/referrals", view_func=views.create, methods=["POST"])
rule("/referrals/<uuid:uid>", view_func=views.referral, methods=["GET"])
rule("/referrals/<uuid:uid>", view_func=views.transition, methods=["POST"])
rule("/referrals/<uuid:uid>/send", view_func=views.send_now, methods=["POST"])
rule("/orient", view_func=orient.orient, methods=["GET"])
rule("/orient", view_func=orient.orient_submit, methods=["POST"])
rule("/orient/services", view_func=orient.service_suggestions, methods=["GET"])
rule("/referrals/<uuid:uid>/link", view_func=views.resend_link, methods=["POST"])
rule("/referrals/<uuid:uid>/family-sheet", view_func=views.family_sheet, methods=["GET"])
rule("/notifications", view_func=views.notifications, methods=["GET"])
rule("/notifications/read", view_func=views.notifications_read, methods=["POST"])
rule("/partner/referrals", view_func=partner_views.partner_inbox, methods=["GET"])
rule("/partner/referrals.csv", view_func=partner_views.partner_export, methods=["GET"])
rule("/partner/referrals/<uuid:uid>", view_func=partner_views.partner_referral, methods=["GET"])
rule("/partner/referrals/<uuid:uid>", view_func=partner_views.partner_answer, methods=["POST"])
rule("/o/<uuid:uid>/<token>", view_func=partner_views.partner_link, methods=["GET", "POST"])
rule("/o/<uuid:uid>/<token>/renew", view_func=partner_views.renew_link, methods=["POST"])
