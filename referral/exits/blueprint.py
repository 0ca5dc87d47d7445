"""Every URL rule of the exits area, on one screen."""

from flask import Blueprint

from referral.exits import views

blueprint = Blueprint("exits", __name__)
rule = blueprint.add_url_rule

rule("/exits", view_func=views.exit_review, methods=["GET"])
rule("/exits/<uuid:uid>/prepare", view_func=views.prepare_exit, methods=["POST"])
rule("/exits/needs/<uuid:uid>/justify", view_func=views.justify_need, methods=["POST"])
rule("/exits/<uuid:uid>/exit", view_func=views.exit_pathway, methods=["POST"])
rule("/exits/<uuid:uid>/check", view_func=views.post_exit_check, methods=["POST"])
