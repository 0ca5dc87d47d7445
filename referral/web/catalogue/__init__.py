"""Public catalogue pages: home, needs, services, organisations."""

from flask import Blueprint

blueprint = Blueprint("catalogue", __name__)

from referral.web.catalogue import views  # noqa: E402, F401
