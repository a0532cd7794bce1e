"""Provides the short "About the model" section that ends every report, in Markdown and HTML.

It says where the model comes from and that the prompts, scales and chart are this tool's
own aids, so a report read far from the session credits the authors.
"""

from __future__ import annotations

from html import escape

from facilitator.about import about_model
from facilitator.reports.markdown import inline


def about_markdown(language: str) -> list[str]:
    """The section as Markdown lines, heading included."""
    about = about_model(language)
    return [
        f"## {about.title}",
        "",
        f"{about.source}: {inline(about.citation)}",
        "",
        *(f"- {inline(corner)}" for corner in about.corners),
        "",
        f"{inline(about.both_sides)} {inline(about.interplay)}",
        "",
        f"_{inline(about.own_aids)}_",
        "",
    ]


def about_html(language: str) -> list[str]:
    """The section as HTML elements, heading included."""
    about = about_model(language)
    e = escape
    corners = "".join(f"<li>{e(corner)}</li>" for corner in about.corners)
    return [
        f'<section class="about"><h2>{e(about.title)}</h2>',
        f"<p>{e(about.source)}: {e(about.citation)}</p>",
        f"<ul>{corners}</ul>",
        f"<p>{e(about.both_sides)} {e(about.interplay)}</p>",
        f'<p class="note">{e(about.own_aids)}</p></section>',
    ]
