"""The search page (thin: parse, search, render). The URL holds the query, never an address."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError

from catalogue import taxonomy
from catalogue.geography import get_commune
from referral import database
from referral.search import services as searching
from referral.search.forms import SearchForm
from referral.search.schemas import SearchArgs, args_from_query
from referral.search.vocabulary import autocomplete, vocabulary_for
from referral.web.pagination import url_for_page


def facet_url(code: str) -> str:
    """Return the current search narrowed to one need domain."""
    args: dict[str, Any] = request.args.to_dict(flat=False)
    args.update(need=[code], page=["1"])
    return url_for("search.search_page", **args)


def _where(outcome: searching.Outcome | None) -> str:
    """Return what the « où » field shows again: the commune's name or the rounded point."""
    if outcome is None or outcome.place is None:
        return ""
    if "lat" in request.args:
        return f"{request.args['lat']}, {request.args['lon']}"
    commune = get_commune(database.session(), outcome.place.commune or "")
    return commune.name if commune else ""


def map_data(outcome: searching.Outcome) -> dict[str, Any]:
    """Return the map's centre and the public places of the page's services."""
    centre = [outcome.place.latitude, outcome.place.longitude] if outcome.place else None
    points = [
        {
            "lat": place.latitude,
            "lon": place.longitude,
            "name": found.service.name,
            "url": url_for("catalogue.service", uid=found.service.uid),
        }
        for found in outcome.items
        for place in found.service.public_places
        if place.has_point
    ]
    return {"centre": centre, "points": points}


def _render(errors: dict[str, Any], outcome: searching.Outcome | None, status: int = 200) -> Any:
    session = database.session()
    domains = taxonomy.list_domains(session)
    return (
        render_template(
            "search/search.html",
            domains=domains,
            labels={d.code: d.label for d in domains},
            proposals=autocomplete(session, vocabulary_for(session, current_user)),
            form=request.args if request.method == "GET" else request.form,
            errors=errors,
            outcome=outcome,
            url_for_page=url_for_page,
            tile_url=current_app.config["MAP_TILE_URL"],
            facet_url=facet_url,
            map_data=map_data,
            where=_where(outcome),
        ),
        status,
    )


def search_page() -> ResponseReturnValue:
    """Show the form, and the results when the URL holds a query."""
    if "address" in request.args or "where" in request.args:
        kept: dict[str, Any] = {
            key: values for key, values in request.args.lists() if key not in ("address", "where")
        }
        return redirect(url_for("search.search_page", **kept), 303)
    raw = args_from_query(request.args)
    if not set(raw) - {"page", "per_page", "radius_km", "sort"}:
        return _render({}, None)
    session = database.session()
    try:
        args = SearchArgs(known_codes=searching.known_codes(session)).load(raw)
        outcome = searching.run_search(
            session, searching.app_backend(session), args, dt.date.today(), current_user
        )
    except ValidationError as error:
        return _render(error.normalized_messages(), None, 400)
    return _render({}, outcome)


def search_submit() -> ResponseReturnValue:
    """Turn the form into a shareable URL: the place becomes a commune or a rounded point."""
    form = SearchForm()
    params = form.params()
    if where := form.where.data:
        try:
            place, notice = searching.where_params(database.session(), where)
        except ValidationError as error:
            return _render(error.normalized_messages(), None, 400)
        params.update(place)
        if notice:
            flash(notice, "info")
    return redirect(url_for("search.search_page", **params), 303)
