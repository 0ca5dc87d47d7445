"""Data-protection pages: notices, a family's rights (export, rectify, withdraw), audit review."""

from flask import Blueprint

blueprint = Blueprint("privacy", __name__)

from referral.web.privacy import views  # noqa: E402, F401
