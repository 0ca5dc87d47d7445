"""Coordinators' import pages: upload, dry-run report, confirmation, history, duplicates."""

from flask import Blueprint

blueprint = Blueprint("imports", __name__, url_prefix="/imports")

import referral.web.imports.views  # noqa: E402, F401
