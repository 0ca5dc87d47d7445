"""Security headers: strict CSP, no framing, no referrer leak, no sniffing, no stored data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from referral import templates_dir
from referral.web.headers import content_security_policy, tile_origin
from tests.common.factories import NeedFactory, PathwayFactory, UserFactory
from tests.common.matching_helpers import SOUTIEN

STATIC = Path(__file__).parents[3] / "referral" / "static"
INLINE = re.compile(r"<style|\sstyle=|\son[a-z]+=|<script>|javascript:", re.IGNORECASE)


def _directives(response: Any) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in policy.split(";")) if part}


def test_every_page_has_a_strict_policy(client: FlaskClient) -> None:
    directives = _directives(client.get("/"))
    assert "'unsafe-inline'" not in str(directives)
    assert (directives["script-src"], directives["style-src"]) == (
        "script-src 'self'",
        "style-src 'self'",
    )
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"


def test_map_tiles_are_allowed_explicitly() -> None:
    policy = content_security_policy("https://{s}.tile.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.example.org" in policy
    assert tile_origin("javascript:alert(1)") == ""


def test_pages_are_not_framed_sniffed_or_leaking_referrers(client: FlaskClient) -> None:
    response = client.get("/")
    assert (
        response.headers["X-Frame-Options"],
        response.headers["Referrer-Policy"],
        response.headers["X-Content-Type-Options"],
    ) == ("DENY", "same-origin", "nosniff")


def test_a_child_page_is_never_stored(
    client: FlaskClient, signed_in: Any, db_session: Session
) -> None:
    referent = UserFactory(roles=["referent"])
    pathway = PathwayFactory(referent=referent)
    NeedFactory(pathway=pathway, need_code=SOUTIEN)
    response = signed_in(client, referent).get(f"/pathways/{pathway.uid}")
    assert (response.status_code, response.headers["Cache-Control"]) == (200, "no-store")


def test_api_answers_are_never_stored(client: FlaskClient) -> None:
    assert client.get("/api/v1/pathways").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", sorted(templates_dir().rglob("*.html")), ids=lambda p: p.name)
def test_no_template_holds_inline_script_or_style(path: Path) -> None:
    assert not INLINE.search(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["pathways.js", "indicators-map.js", "search.js"])
def test_map_labels_are_never_handed_to_leaflet_as_html(name: str) -> None:
    code = (STATIC / name).read_text(encoding="utf-8")
    assert not re.search(r"bind(Popup|Tooltip)\((p|point)\.", code)
    assert not re.search(r"bind(Popup|Tooltip)\([^)]*\+", code)
