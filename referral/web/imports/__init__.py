"""Coordinators' import pages: upload, dry-run report, confirmation, history, duplicates."""

from flask import Blueprint

blueprint = Blueprint("imports", __name__, url_prefix="/imports")

from referral.web.imports import views  # noqa: E402, F401
