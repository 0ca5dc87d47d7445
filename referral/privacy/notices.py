"""The privacy notice and the accessibility statement: shipped defaults, or the deployment's own.

A deployment overrides a page with `privacy.html` / `privacy.md` (or `accessibility.*`) in its
data dir (RELAIS_DATA_DIR). HTML is used as written (it is the operator's own file); Markdown
is turned into HTML by a small converter that escapes everything first.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

PAGES = ("privacy", "accessibility")


def _inline(text: str) -> str:
    text = str(escape(text))
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(
        r"\[([^\]]+)\]\((https?://[^)\s]+|mailto:[^)\s]+|/[^)\s]*)\)", r'<a href="\2">\1</a>', text
    )


def markdown_to_html(source: str) -> Markup:
    """Return HTML for a small Markdown subset: headings, paragraphs, lists, bold and links."""
    html: list[str] = []
    paragraph: list[str] = []
    in_list = False

    def flush() -> None:
        nonlocal in_list
        if paragraph:
            html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if in_list:
            html.append("</ul>")
            in_list = False

    for line in source.splitlines():
        stripped = line.strip()
        heading = re.match(r"^(#{1,4})\s+(.*)$", stripped)
        if not stripped or heading:
            flush()
        if heading:
            level = min(len(heading.group(1)) + 1, 5)  # the page's own title is the h1
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif stripped.startswith(("- ", "* ")):
            if paragraph:
                html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
                paragraph.clear()
            if not in_list:
                html.append("<ul>")
                in_list = True
            html.append(f"<li>{_inline(stripped[2:])}</li>")
        elif stripped:
            paragraph.append(stripped)
    flush()
    return Markup("\n".join(html))  # noqa: S704 - built from escaped text only


def deployment_text(data_dir: Path, page: str) -> Markup | None:
    """Return the deployment's own version of a page, or None to use the shipped default."""
    html_file, md_file = data_dir / f"{page}.html", data_dir / f"{page}.md"
    if html_file.is_file():
        return Markup(html_file.read_text(encoding="utf-8"))  # noqa: S704 - the operator's file
    if md_file.is_file():
        return markdown_to_html(md_file.read_text(encoding="utf-8"))
    return None
