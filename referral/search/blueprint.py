"""Every URL rule of the search area, on one screen."""

from flask import Blueprint

from referral.search import views

blueprint = Blueprint("search", __name__)
rule = blueprint.add_url_rule

rule("/search", view_func=views.search_page, methods=["GET"])
rule("/search", view_func=views.search_submit, methods=["POST"])
