"""Every URL rule of the search area, on one screen."""

from flask import Blueprint

from referral.search import views, vocabulary_views

blueprint = Blueprint("search", __name__)
rule = blueprint.add_url_rule

rule("/search", view_func=views.search_page, methods=["GET"])
rule("/search", view_func=views.search_submit, methods=["POST"])
rule("/search/vocabulary", view_func=vocabulary_views.vocabulary, methods=["GET"])
rule("/search/vocabulary", view_func=vocabulary_views.add_vocabulary_entry, methods=["POST"])
rule(
    "/search/vocabulary/<int:entry_id>/delete",
    view_func=vocabulary_views.remove_vocabulary_entry,
    methods=["POST"],
)
