"""Every URL rule of the imports area, on one screen."""

from flask import Blueprint

from referral.imports import views

blueprint = Blueprint("imports", __name__, url_prefix="/imports")
rule = blueprint.add_url_rule
blueprint.context_processor(views.labels_in_templates)

rule("/", view_func=views.index, methods=["GET"])
rule("/", view_func=views.preview, methods=["POST"])
rule("/confirm", view_func=views.confirm, methods=["POST"])
rule("/runs/<int:run_id>", view_func=views.run, methods=["GET"])
rule("/files/<name>", view_func=views.shipped_file, methods=["GET"])
rule("/duplicates", view_func=views.duplicates_page, methods=["GET"])
rule("/duplicates/<int:flag_id>", view_func=views.resolve, methods=["POST"])
