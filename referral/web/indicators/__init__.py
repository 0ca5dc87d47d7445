"""The indicators dashboard: per programme and period, for coordinators and funders."""

from flask import Blueprint

blueprint = Blueprint("indicators", __name__, url_prefix="/indicators")

from referral.web.indicators import views  # noqa: E402, F401
