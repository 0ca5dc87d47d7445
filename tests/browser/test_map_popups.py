"""A partner's service name shown in a map popup is text, never markup (stored XSS)."""

from __future__ import annotations

import json
from html import escape

PAYLOAD = '<img src=x onerror="window.__pwned = 1">'


def _map_page(live_server: str, points: list[dict[str, object]]) -> str:
    data = escape(json.dumps(points), quote=True)
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>carte</title>
<link rel="stylesheet" href="{live_server}/static/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="{live_server}/static/relais.css"></head><body>
<div id="carte-propositions" class="map map-proposals"
 data-tiles="{live_server}/tuiles/{{z}}/{{x}}/{{y}}.png"
 data-points="{data}"></div>
<script src="{live_server}/static/vendor/leaflet/leaflet.js"></script>
<script src="{live_server}/static/pathways.js"></script></body></html>"""


def test_a_hostile_service_name_in_a_popup_stays_text(page, live_server) -> None:
    points = [{"lat": 46.58, "lon": 0.34, "label": PAYLOAD}]
    html = _map_page(live_server, points)
    page.route(
        f"{live_server}/carte-essai",
        lambda route: route.fulfill(status=200, content_type="text/html", body=html),
    )
    page.goto(f"{live_server}/carte-essai")
    page.locator(".leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    page.wait_for_timeout(300)
    assert popup.inner_text() == PAYLOAD
    assert page.evaluate("window.__pwned") is None
