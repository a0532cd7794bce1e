"""Provides a tiny document model for participants' leaflets, rendered as Markdown or HTML.

The handout and the after letter are built as blocks of plain text, so both formats say the
same and every piece of user text is escaped in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from facilitator.reports.html import html_table, page
from facilitator.reports.markdown import cell, inline, table


@dataclass(frozen=True)
class Block:
    """One block: "h1", "h2", "p", "note", "ul", "facts" (label, text) or "table"."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def to_markdown(blocks: list[Block]) -> str:
    """The blocks as Markdown."""
    out: list[str] = []
    for b in blocks:
        if b.kind == "h1":
            out += [f"# {inline(b.text)}", ""]
        elif b.kind == "h2":
            out += [f"## {inline(b.text)}", ""]
        elif b.kind == "p":
            out += [inline(b.text), ""]
        elif b.kind == "note":
            out += [f"_{inline(b.text)}_", ""]
        elif b.kind == "ul":
            out += [*(f"- {inline(item)}" for item in b.items), ""]
        elif b.kind == "facts":
            out += [*(f"- **{inline(k)}**: {inline(v)}" for k, v in b.pairs), ""]
        elif b.kind == "table":
            rows = [[cell(c) for c in row] for row in b.rows]
            out += [*table([cell(h) for h in b.header], rows), ""]
    return "\n".join(out).rstrip("\n") + "\n"


LEAFLET_STYLE = "<style>body { font-size: 1.15rem; max-width: 44rem; }</style>"


def to_html(blocks: list[Block], title: str, language: str) -> str:
    """The blocks as one self-contained, printable HTML page in a larger type."""
    e = escape
    body: list[str] = [LEAFLET_STYLE]
    for b in blocks:
        if b.kind in ("h1", "h2"):
            body.append(f"<{b.kind}>{e(b.text)}</{b.kind}>")
        elif b.kind == "p":
            body.append(f"<p>{e(b.text)}</p>")
        elif b.kind == "note":
            body.append(f'<p class="note">{e(b.text)}</p>')
        elif b.kind == "ul":
            body.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in b.items) + "</ul>")
        elif b.kind == "facts":
            pairs = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in b.pairs)
            body.append(f'<dl class="facts">{pairs}</dl>')
        elif b.kind == "table":
            rows = [[e(c) for c in row] for row in b.rows]
            body.append(html_table([e(h) for h in b.header], rows))
    return page(title, language, body)
