"""Query-string helpers for pages: page numbers that keep the other parameters."""

from __future__ import annotations

from typing import Any

from flask import request, url_for


def page_number(default: int = 1) -> int:
    """Return the `page` argument as a positive integer, or the default when it is bad."""
    value = request.args.get("page", "")
    return int(value) if value.isdigit() and int(value) >= 1 else default


def url_for_page(page: int) -> str:
    """Return the current URL with another page number."""
    args: dict[str, Any] = request.args.to_dict(flat=False)
    args["page"] = [str(page)]
    return url_for(request.endpoint or "", **(request.view_args or {}), **args)
