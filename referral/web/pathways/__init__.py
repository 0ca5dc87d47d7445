"""Pathway pages: caseload, child page, needs, proposals, journal, consent, danger panel."""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

blueprint = Blueprint("pathways", __name__, url_prefix="/pathways")


@blueprint.record_once
def _setup(state: BlueprintSetupState) -> None:
    """Add the `plabel` filter (French labels of the pathway space's codes)."""
    from referral.pathways.labels import pathway_label

    state.app.jinja_env.filters["plabel"] = pathway_label


from referral.web.pathways import actions, views  # noqa: E402, F401
