"""The search page: one form (what, for whom, where), results with distance, facets and a map."""

from flask import Blueprint

blueprint = Blueprint("search", __name__)

from referral.web.search import views, vocabulary  # noqa: E402, F401
