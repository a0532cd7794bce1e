"""Provides the HTML export of a session: one self-contained page with the power triangle.

Inline CSS and SVG only (no links, scripts, fonts or images), every user text escaped,
and print CSS for A4, so the file opens offline and prints as it looks.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from facilitator.esther import EstherCard, card_lines
from facilitator.i18n import translator
from facilitator.reports.about_section import about_html
from facilitator.reports.labels import Labels
from facilitator.reports.markdown import distribution_table, group_cell
from facilitator.reports.stats import DimensionView, dimension_views, note_sections, session_day
from facilitator.reports.svg import power_triangle
from facilitator.session import Session
from facilitator.summary import dimension_title, minutes_used, round_times
from facilitator.vocabulary import RoleGroup

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1d;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
.notice { font-style: italic; color: #555; border-left: 4px solid #d9a400; padding-left: .6rem; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { width: 100%; max-width: 34rem; height: auto; display: block; margin: 0 auto; }
figure.trend svg { max-width: 40rem; }
figcaption { font-size: .9rem; color: #444; text-align: center; }
ul.notes li { margin-bottom: .3rem; white-space: pre-wrap; }
.who { color: #555; font-style: italic; }
.note, .withheld { font-style: italic; color: #444; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  figure, table, tr { break-inside: avoid; }
  .notice { color: #000; }
}
"""


def page(title: str, language: str, body: Iterable[str]) -> str:
    """A complete HTML document with the report style inlined."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def html_table(header: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """A table from already-escaped cells; `numeric` columns are right-aligned."""
    numeric = numeric or set()
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>\n"
        for row in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def distribution_html(stats: tuple[DimensionView, ...], labels: Labels) -> list[str]:
    """Each dimension as counts per scale point and role group; never a mean."""
    e = escape
    least = max((d.min_respondents for d in stats), default=1)
    body = [f'<p class="note">{e(labels["distribution_note"].format(n=least))}</p>']
    for d in stats:
        body.append(f"<h3>{e(d.title)}</h3>")
        header, rows, withheld = distribution_table(d, labels)
        if rows:
            numeric = set(range(1, len(header)))
            cells = [[e(c) for c in row] for row in rows]
            body.append(html_table([e(h) for h in header], cells, numeric))
        body.extend(f'<p class="withheld">{e(line)}</p>' for line in withheld)
        if not rows and not withheld:
            body.append(f"<p>{e(labels['no_ratings'])}</p>")
    return body


def esther_html(card: EstherCard, language: str) -> list[str]:
    """The improvement work's Esther card, when the facilitator chose to include it."""
    t = translator(language).t
    e = escape
    rows = "".join(
        f"<dt>{e(label)}</dt><dd>{e(text)}</dd>" for label, text in card_lines(card, language)
    )
    return [
        f'<section class="esther"><h2>{e(t("esther.title"))}</h2>',
        f'<p class="note">{e(t("esther.symbolic"))}</p>',
        f'<dl class="facts">{rows}</dl></section>',
    ]


def session_html(session: Session, esther: EstherCard | None = None) -> str:
    """The whole session as one self-contained HTML page; `esther` adds her card."""
    labels = Labels.for_template(session.language, session.template)
    e = escape
    day = session_day(session)
    p = session.participants
    title = f"{labels['session_report']}: {session.title}"
    body = [f"<h1>{e(title)}</h1>", f'<p class="notice">{e(labels["plaintext_notice"])}</p>']
    facts = []
    if session.project:
        facts.append((labels["project"], session.project))
    facts += [
        (labels["date"], labels.day(day)),
        (labels["template"], session.template.name),
        *([(labels["credit"], session.template.credit)] if session.template.credit else []),
        (labels["phase"], labels.phase(session.phase)),
        (labels["status"], labels.session_status(session.status)),
        (
            labels["participants"],
            ", ".join(f"{labels.role(g)} {p.of(g)}" for g in RoleGroup)
            + f" ({labels['total']} {p.total})",
        ),
    ]
    body.append(
        '<dl class="facts">'
        + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
        + "</dl>"
    )
    if esther is not None and not esther.empty:
        body.extend(esther_html(esther, labels.language))
    stats = dimension_views(session)
    means = tuple(d for d in stats if not d.distribution_only)
    counted = tuple(d for d in stats if d.distribution_only)  # never reduced to a mean
    if means:  # the triangle plots means, which distribution-only ratings never become
        body.append(f"<h2>{e(labels['triangle'])}</h2>")
        body.append(
            f"<figure>{power_triangle(means, labels)}"
            f"<figcaption>{e(labels['triangle_caption'])}</figcaption></figure>"
        )
    body.append(f"<h2>{e(labels['ratings'])}</h2>")
    if not any(d.rated for d in stats):
        body.append(f"<p>{e(labels['no_ratings'])}</p>")
    if any(d.rated for d in means):
        header = [e(labels["dimension"]), *(e(labels.role(g)) for g in RoleGroup)]
        rows = [
            [
                e(d.title),
                *(e(group_cell(d, g, labels)) for g in RoleGroup),
                e(labels.number(d.gap, signed=True)),
            ]
            for d in means
        ]
        body.append(html_table([*header, e(labels["gap"])], rows, {1, 2, 3, 4}))
    if any(d.rated for d in counted):
        body.extend(distribution_html(counted, labels))
    body.append(f"<h2>{e(labels['notes'])}</h2>")
    sections = note_sections(session, labels["general"])
    if not sections:
        body.append(f"<p>{e(labels['no_notes'])}</p>")
    for section in sections:
        body.append(f"<h3>{e(section.heading)}</h3>")
        for kind, notes in section.by_kind:
            items = "".join(
                f"<li>{e(n.text.strip())}"
                + (
                    f' <span class="who">({e(labels.role(n.role_group))})</span>'
                    if n.role_group
                    else ""
                )
                + (
                    f' <span class="who">({e(labels["anonymous_note"])})</span>'
                    if n.anonymous
                    else ""
                )
                + "</li>"
                for n in notes
            )
            body.append(f'<h4>{e(labels.note_kind(kind))}</h4>\n<ul class="notes">{items}</ul>')
    body.append(f"<h2>{e(labels['actions'])}</h2>")
    if session.actions:
        header = [labels["action"], labels["dimension"], labels["owner"], labels["due"]]
        rows = [
            [
                e(a.text),
                e(dimension_title(session, a.dimension)) if a.dimension else "–",
                e(labels.role(a.owner_role)) if a.owner_role else "–",
                e(labels.day(a.due)),
                e(labels.action_status(a.status)),
            ]
            for a in session.actions
        ]
        body.append(html_table([e(h) for h in [*header, labels["status"]]], rows))
    else:
        body.append(f"<p>{e(labels['no_actions'])}</p>")
    body.append(f"<h2>{e(labels['timings'])}</h2>")
    rows = [
        [
            e(t.title),
            e(labels.planned_minutes(t.planned_minutes, t.first_planned_minutes)),
            e(
                labels.time_used(
                    minutes_used(t.used_seconds), skipped=t.skipped, ended_early=t.ended_early
                )
            ),
        ]
        for t in round_times(session)
    ]
    header = [e(labels["round"]), e(labels["planned"]), e(labels["used"])]
    body.append(html_table(header, rows, {1, 2}))
    body.extend(about_html(labels.language))
    return page(title, labels.language, body)
