"""Import pages (thin: parse, check, call the importers, render)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from importers import duplicates
from importers.base import ImportOptions, record_run, run_import
from importers.models import DuplicateFlag, DuplicateStatus, ImportRun
from importers.records import UnreadableFileError
from importers.report import OUTCOME_LABELS
from importers.resources import SHIPPED
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.imports import uploads
from referral.imports.forms import ConfirmForm, ResolveForm, UploadForm

manage_imports = permission_required(permissions.can_manage_imports)
HISTORY_SIZE = 50


def labels_in_templates() -> dict[str, object]:
    """Give the import templates the French labels of the outcomes."""
    return {"outcome_labels": OUTCOME_LABELS}


def _history() -> list[ImportRun]:
    query = select(ImportRun).order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
    return list(database.session().scalars(query.limit(HISTORY_SIZE)))


@manage_imports
def index() -> str:
    """Show the upload form, the shipped templates and the history of imports."""
    return render_template(
        "imports/index.html", form=UploadForm(), runs=_history(), shipped=SHIPPED
    )


@manage_imports
def preview() -> ResponseReturnValue:
    """Store the upload, run it dry and show the report with a confirmation button."""
    form = UploadForm()
    if not form.validate_on_submit():
        return render_template(
            "imports/index.html", form=form, runs=_history(), shipped=SHIPPED
        ), 400
    limits = current_app.config["IMPORT_LIMITS"]
    options = ImportOptions(dry_run=True, partial=form.partial.data, overwrite=form.overwrite.data)
    upload = uploads.received(form.format.data, form.file.data, form.extra.data)
    session = database.session()
    try:
        with uploads.reading(upload, session, limits) as reader:
            report = run_import(session, reader, options)
    except UnreadableFileError as error:
        form.file.errors = [str(error)]
        return render_template(
            "imports/index.html", form=form, runs=_history(), shipped=SHIPPED
        ), 400
    session.rollback()  # a dry run leaves nothing, not even in the search index
    uploads.save(session, upload, current_user.id)  # any host may take the confirmation
    confirm = ConfirmForm(
        token=upload.token,
        partial="1" if options.partial else "",
        overwrite="1" if options.overwrite else "",
    )
    return render_template("imports/preview.html", report=report, confirm=confirm, upload=upload)


@manage_imports
def confirm() -> ResponseReturnValue:
    """Import a previewed upload for real and show its report."""
    form = ConfirmForm()
    session = database.session()
    upload = uploads.load(session, form.token.data or "") if form.validate() else None
    if upload is None:
        abort(404)
    options = ImportOptions(
        partial=bool(form.partial.data),
        overwrite=bool(form.overwrite.data),
        actor_id=current_user.id,
    )
    try:
        with uploads.reading(upload, session, current_app.config["IMPORT_LIMITS"]) as reader:
            report = run_import(session, reader, options)
    except UnreadableFileError:
        abort(404)
    if not report.applied:
        session.rollback()  # a refused import leaves nothing, not even in the search index
    run = record_run(session, report, upload.filename, options)
    uploads.discard(session, upload)
    flash(report.summary(), "success" if report.applied else "error")
    assert run is not None
    return redirect(url_for("imports.run", run_id=run.id))


@manage_imports
def run(run_id: int) -> str:
    """Show one import of the history with its report."""
    found = database.session().get(ImportRun, run_id)
    if found is None:
        abort(404)
    return render_template("imports/run.html", run=found, report=found.report)


@manage_imports
def shipped_file(name: str) -> ResponseReturnValue:
    """Download the template spreadsheet or the sample mapping."""
    if name not in SHIPPED:
        abort(404)
    return send_file(SHIPPED[name], as_attachment=True, download_name=name)


@manage_imports
def duplicates_page() -> str:
    """List the possible duplicates awaiting a decision."""
    return render_template(
        "imports/duplicates.html",
        flags=duplicates.open_flags(database.session()),
        form=ResolveForm(),
    )


@manage_imports
def resolve(flag_id: int) -> ResponseReturnValue:
    """Merge the two rows of a flag into one, or mark them distinct."""
    session = database.session()
    flag = session.get(DuplicateFlag, flag_id)
    form = ResolveForm()
    if flag is None or flag.status != DuplicateStatus.OPEN:
        abort(404)
    if not form.validate_on_submit():
        flash("Choisissez une décision.", "error")
        return redirect(url_for("imports.duplicates_page"))
    if form.decision.data == "distinct":
        duplicates.mark_distinct(session, flag, current_user.id)
        flash("Fiches marquées comme distinctes.", "success")
    else:
        keep = flag.first_id if form.decision.data == "keep_first" else flag.second_id
        duplicates.merge(session, flag, keep, current_user.id)
        flash("Fiches fusionnées.", "success")
    return redirect(url_for("imports.duplicates_page"))
