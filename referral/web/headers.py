"""Security headers on every answer: a strict Content-Security-Policy and no caching of
personal data.

The policy allows no inline script and no inline style: scripts and stylesheets come from the
app's own static folder, and map tiles from the one origin of `MAP_TILE_URL`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

PUBLIC_PREFIXES = ("/static/", "/hsds")


def tile_origin(tile_url: str | None) -> str:
    """Return the origin of the map tiles for the policy (`{s}` subdomains become `*`)."""
    if not tile_url:
        return ""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str | None) -> str:
    """Return the policy: own scripts and styles only, tiles from their origin, no framing."""
    tiles = tile_origin(tile_url)
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": f"'self' data: {tiles}".strip(),
        "connect-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _secure(response: Response) -> Response:
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy", content_security_policy(current_app.config.get("MAP_TILE_URL"))
    )
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    if not request.path.startswith(PUBLIC_PREFIXES):
        # Pages and API answers may carry children's data: no copy in any cache.
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    """Add the security headers to every response of the app."""
    app.after_request(_secure)
