"""EPS meeting pages: create, the meeting screen, decisions, relevé de conclusions, charter."""

from flask import Blueprint

blueprint = Blueprint("meetings", __name__, url_prefix="/meetings")

from referral.web.meetings import views  # noqa: E402, F401
