"""Indicator pages and downloads (thin: parse the period, check, build the report, render)."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import Response, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts.decorators import not_found_unless, permission_required
from referral.indicators.charts import bar_chart
from referral.indicators.formats import to_csv, to_json
from referral.indicators.forms import PeriodForm
from referral.indicators.report import (
    COORDINATOR,
    FUNDER,
    DisclosureRefused,
    PeriodError,
    build_report,
)
from referral.indicators.tables import Report, Table
from referral.programmes.models import Programme


def _period() -> tuple[dt.date, dt.date]:
    form = PeriodForm(formdata=request.args)
    if not form.validate():
        abort(400, form.first_error())
    return form.period(dt.date.today())


def _programme(uid: uuid.UUID) -> Programme:
    found = database.session().scalars(select(Programme).where(Programme.uid == uid)).first()
    not_found_unless(found is not None and permissions.can_view_indicators(current_user, found))
    assert found is not None
    return found


def _report(programme: Programme) -> Report:
    start, end = _period()
    audience = FUNDER if permissions.sees_aggregates_only(current_user, programme) else COORDINATOR
    try:
        return build_report(database.session(), programme, start, end, audience=audience)
    except PeriodError as error:
        abort(400, str(error))
    except DisclosureRefused as error:  # 451, unavailable for legal reasons: no figure is sent
        page = render_template("indicators/refused.html", programme=programme, message=str(error))
        abort(Response(page, status=451))


@permission_required(permissions.can_open_indicators)
def index() -> ResponseReturnValue:
    """List the programmes whose indicators the user may see."""
    programmes = database.session().scalars(select(Programme).order_by(Programme.name))
    visible = [p for p in programmes if permissions.can_view_indicators(current_user, p)]
    return render_template("indicators/index.html", programmes=visible, year=dt.date.today().year)


@permission_required(permissions.can_open_indicators)
def dashboard(uid: uuid.UUID) -> ResponseReturnValue:
    """Show every indicator of a programme over a period, charts beside their tables."""
    programme = _programme(uid)
    report = _report(programme)
    return render_template(
        "indicators/dashboard.html",
        report=report,
        programme=programme,
        chart=bar_chart,
        map_points=map_points,
        tile_url=current_app.config.get("MAP_TILE_URL"),
        has_leaflet=_has_leaflet(),
        year=dt.date.today().year,
    )


@permission_required(permissions.can_open_indicators)
def export_csv(uid: uuid.UUID) -> ResponseReturnValue:
    """Download the indicators as CSV (suppressed for funders, like the page)."""
    report = _report(_programme(uid))
    return _download(to_csv(report), "text/csv; charset=utf-8", report, "csv")


@permission_required(permissions.can_open_indicators)
def export_json(uid: uuid.UUID) -> ResponseReturnValue:
    """Download the indicators as JSON (suppressed for funders, like the page)."""
    report = _report(_programme(uid))
    return _download(to_json(report), "application/json", report, "json")


def _download(body: str, mimetype: str, report: Report, extension: str) -> Response:
    name = f"indicateurs-{report.start}-{report.end}.{extension}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def map_points(table: Table) -> list[dict[str, object]]:
    """Return the communes of a table with their point and shown count, for the map."""
    return [
        {
            "name": row.label,
            "lat": row.point[0],
            "lon": row.point[1],
            "value": table.shown(row, "count"),
        }
        for row in table.rows
        if row.point
    ]


def _has_leaflet() -> bool:
    static = current_app.static_folder or ""
    import os

    return os.path.isfile(os.path.join(static, "vendor", "leaflet", "leaflet.js"))
