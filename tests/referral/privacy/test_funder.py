"""Funders see aggregates only: no route that shows a child is open to them (DESIGN §7)."""

from __future__ import annotations

import importlib
import pkgutil

from tests.referral import access

#: Endpoints a funder may open: public pages, its own account, the aggregated indicators, health.
FUNDER_MAY_OPEN = (
    "catalogue.", "api.catalogue.", "api.openapi", "hsds.",
    "search.", "static", "accounts.", "indicators.", "privacy.notice", "privacy.accessibility",
    "moderation.report_error", "referrals.partner_link", "referrals.renew_link", "ops.",
)  # fmt: skip


def test_no_child_level_route_answers_a_funder():
    opened = []
    for info in pkgutil.iter_modules(access.__path__):
        module = importlib.import_module(f"{access.__name__}.{info.name}")
        for endpoint, table in getattr(module, "ROUTES", {}).items():
            if table.get("funder") in (200, 201, 302) and not endpoint.startswith(FUNDER_MAY_OPEN):
                opened.append(endpoint)
    assert opened == []
