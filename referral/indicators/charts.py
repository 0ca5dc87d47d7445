"""Bar charts drawn on the server as inline SVG: patterns and printed values, not colour alone.

The legend is an HTML list under the chart, not SVG text: it wraps with the page (labels of any
length never overlap) and keeps its reading size on a phone, where the SVG shrinks.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from referral.indicators.tables import TOTAL, Table

BAR, GAP, LABEL_HEIGHT, LEFT, CHART_WIDTH, NARROW_WIDTH, VALUE_SPACE = 14, 10, 18, 6, 640, 420, 48
WHITE = '<rect width="6" height="6" fill="#fff"/>'
PATTERNS = [
    '<rect width="6" height="6" fill="#1d4e89"/>',
    WHITE + '<path d="M0 6 L6 0" stroke="#9a3412" stroke-width="2"/>',
    WHITE + '<circle cx="3" cy="3" r="1.6" fill="#166534"/>',
    WHITE + '<path d="M0 3 H6 M3 0 V6" stroke="#6b21a8" stroke-width="1.5"/>',
    WHITE + '<path d="M0 0 L6 6" stroke="#854d0e" stroke-width="2"/>',
    WHITE + '<path d="M0 1.5 H6 M0 4.5 H6" stroke="#0f766e" stroke-width="1.2"/>',
]


def _defs(prefix: str, count: int) -> str:
    patterns = "".join(
        f'<pattern id="{prefix}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f"{PATTERNS[i % len(PATTERNS)]}</pattern>"
        for i in range(count)
    )
    return f"<defs>{patterns}</defs>"


def _swatch(prefix: str, index: int, x: float, y: float, width: float, height: float) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{height}" '
        f'fill="url(#{prefix}-p{index})" stroke="#222" stroke-width="0.6"/>'
    )


def _text(x: float, y: float, content: str, weight: str = "normal") -> str:
    return f'<text x="{x:.1f}" y="{y}" font-weight="{weight}">{escape(content)}</text>'


def _legend(prefix: str, columns: list[tuple[str, str]]) -> str:
    """Return the legend as a list: each label beside a swatch of its bars' pattern."""
    items = "".join(
        '<li><svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
        'focusable="false">'
        f'<pattern id="{prefix}-key{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'{PATTERNS[i % len(PATTERNS)]}</pattern><rect x="1" y="1" width="14" height="14" '
        f'fill="url(#{prefix}-key{i})" stroke="#222" stroke-width="0.6"/></svg>'
        f"{escape(label)}</li>"
        for i, (_, label) in enumerate(columns)
    )
    return f'<figcaption><ul class="chart-legend" aria-label="Légende">{items}</ul></figcaption>'


def _bars(
    table: Table, prefix: str, columns: list[tuple[str, str]], chart_width: int
) -> tuple[list[str], int]:
    """Draw each row's label on its own line, then one bar per column with its value written."""
    shown = [
        row.values.get(k, 0)
        for row in table.rows
        for k, _ in columns
        if (row.key, k) not in table.hidden
    ]
    biggest = max([*shown, 1])  # a hidden cell must not set the scale: it would give it away
    scale = (chart_width - LEFT - VALUE_SPACE) / biggest
    parts, y = [], 4
    for row in table.rows:
        parts.append(_text(LEFT, y + 13, row.label, weight="bold"))
        y += LABEL_HEIGHT
        for i, (key, _) in enumerate(columns):
            hidden = (row.key, key) in table.hidden
            width = 0 if hidden else row.values.get(key, 0) * scale
            parts.append(_swatch(prefix, i, LEFT, y, width, BAR - 2))
            parts.append(_text(LEFT + width + 4, y + BAR - 3, table.shown(row, key)))
            y += BAR
        y += GAP
    return parts, y


def bar_chart(table: Table) -> Markup:
    """Return a horizontal bar chart of a table's rows; hidden cells: no bar, their label."""
    if not table.rows:
        return Markup("")
    columns = [(k, label) for k, label in table.columns if k != TOTAL]
    prefix = f"chart-{table.key}"
    width = CHART_WIDTH if len(columns) > 3 else NARROW_WIDTH
    parts, height = _bars(table, prefix, columns, width)
    title = f"{table.title} (graphique ; les valeurs figurent dans le tableau)"
    svg = (
        f'<svg class="chart" role="img" aria-labelledby="{prefix}-title" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" font-size="12">'
        f'<title id="{prefix}-title">{escape(title)}</title>{_defs(prefix, len(columns))}'
        f"{''.join(parts)}</svg>{_legend(prefix, columns)}"
    )
    return Markup(svg)  # noqa: S704 - every text inside went through escape()
