"""Nobody reads « fiche(s) »: templates and the strings of the code agree words with their count.

Counts go through `referral.french.plural` (the `plural` and `plural_word` filters in templates).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OPTIONAL_PLURAL = "(s)"
HAND_MADE = "{{ 's' if"


def _docstrings(tree: ast.AST) -> set[int]:
    """Return the ids of the docstring nodes (read by developers, never shown to users)."""
    found = set()
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def optional_plurals(source: str) -> list[str]:
    """Return the string literals (f-string parts included) that write « (s) »."""
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and OPTIONAL_PLURAL in node.value
        and id(node) not in skipped
    ]


def test_the_finder_sees_an_f_string_and_skips_docstrings_and_comments():
    source = '"""Count fiche(s)."""\n# compte(s)\nmessage = f"{n} fiche(s) à revoir"\n'
    assert optional_plurals(source) == [" fiche(s) à revoir"]


def test_no_template_writes_an_optional_or_a_hand_made_plural():
    hits = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file()
        and any(mark in path.read_text(encoding="utf-8") for mark in (OPTIONAL_PLURAL, HAND_MADE))
    ]
    assert hits == []


def test_no_string_of_the_code_writes_an_optional_plural():
    hits = {
        str(path.relative_to(ROOT)): found
        for package in ("referral", "catalogue", "importers")
        for path in sorted((ROOT / package).rglob("*.py"))
        if (found := optional_plurals(path.read_text(encoding="utf-8")))
    }
    assert hits == {}
