"""The API's error shape: `{"errors": {"field": ["message", …]}}`, nested fields flattened."""

from __future__ import annotations

from typing import Any


def flat_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten nested messages: `{"child": {"birth_date": […]}}` → `child.birth_date`."""
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(flat_errors(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        return {prefix or "_schema": list(messages)}
    if isinstance(messages, list):
        flat = {}
        for item in messages:
            for key, value in flat_errors(item, prefix).items():
                flat.setdefault(key, []).extend(value)
        return flat
    return {prefix or "_schema": [str(messages)]}
