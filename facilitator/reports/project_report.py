"""Provides the project report (Markdown or HTML): sessions, trend charts, before and after.

The language is the latest session's, so a Swedish project reads in Swedish throughout.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from facilitator.reports.about_section import about_html, about_markdown
from facilitator.reports.html import html_table, page
from facilitator.reports.labels import Labels
from facilitator.reports.markdown import cell, inline, table
from facilitator.reports.project import (
    ActionEffect,
    DimensionTrend,
    Means,
    TrendPoint,
    action_effects,
    dimension_trends,
    mean_of,
)
from facilitator.reports.svg import Series, line_chart
from facilitator.session import Session
from facilitator.vault.files import ExportRefused
from facilitator.vocabulary import RoleGroup

GAP_GROUPS = (RoleGroup.PROFESSIONALS, RoleGroup.USERS_RELATIVES)


def _labels(sessions: Sequence[Session]) -> Labels:
    if not sessions:
        return Labels.for_language("en")
    return Labels.for_template(sessions[-1].language, sessions[-1].template)


def _point_name(point: TrendPoint, labels: Labels) -> str:
    return f"{point.title} ({labels.day(point.day)})" if point.day else point.title


def _means(means: Means, labels: Labels) -> str:
    return ", ".join(f"{labels.role(g)} {labels.number(mean_of(means, g))}" for g in GAP_GROUPS)


def _trend_rows(trend: DimensionTrend, labels: Labels) -> list[list[str]]:
    return [
        [
            _point_name(p, labels),
            *(labels.number(mean_of(p.means, g)) for g in RoleGroup),
        ]
        for p in trend.points
    ]


def _effect_row(effect: ActionEffect, labels: Labels) -> list[str]:
    return [
        effect.dimension_title,
        effect.action.text,
        labels.action_status(effect.action.status),
        _point_name(effect.agreed_in, labels),
        _means(effect.agreed_in.means, labels),
        labels["no_later_session"]
        if effect.after is None
        else f"{_point_name(effect.after, labels)}: {_means(effect.after.means, labels)}",
    ]


def _effect_header(labels: Labels) -> list[str]:
    return [
        labels["dimension"],
        labels["action"],
        labels["status"],
        labels["agreed_in"],
        labels["before"],
        labels["after"],
    ]


def project_markdown(project: str, sessions: Sequence[Session]) -> str:
    """The project report as Markdown."""
    labels = _labels(sessions)
    out = [f"# {labels['project_report']}: {inline(project)}", ""]
    out += [f"_{labels['plaintext_notice']}_", ""]
    if not sessions:
        out += [labels["no_sessions"], "", *about_markdown(labels.language)]
        return "\n".join(out).rstrip("\n") + "\n"
    out += [f"## {labels['trends']}", "", f"_{labels['trend_caption']}_", ""]
    header = [labels["session"], *(labels.role(g) for g in RoleGroup)]
    for trend in dimension_trends(sessions):
        out += [f"### {inline(trend.title)}", ""]
        rows = [[cell(c) for c in row] for row in _trend_rows(trend, labels)]
        out += [*table(header, rows), ""]
    out += [f"## {labels['before_after']}", ""]
    effects = action_effects(sessions)
    if effects:
        rows = [[cell(c) for c in _effect_row(e, labels)] for e in effects]
        out += table(_effect_header(labels), rows)
    else:
        out.append(labels["no_actions"])
    out += ["", *about_markdown(labels.language)]
    return "\n".join(out).rstrip("\n") + "\n"


def project_html(project: str, sessions: Sequence[Session]) -> str:
    """The project report as one self-contained HTML page with an SVG line chart per dimension."""
    labels = _labels(sessions)
    e = escape
    title = f"{labels['project_report']}: {project}"
    body = [f"<h1>{e(title)}</h1>", f'<p class="notice">{e(labels["plaintext_notice"])}</p>']
    if not sessions:
        body.append(f"<p>{e(labels['no_sessions'])}</p>")
        return page(title, labels.language, [*body, *about_html(labels.language)])
    body.append(f"<h2>{e(labels['trends'])}</h2>")
    header = [e(labels["session"]), *(e(labels.role(g)) for g in RoleGroup)]
    for trend in dimension_trends(sessions):
        x_labels = [labels.day(p.day) if p.day else p.title for p in trend.points]
        series = [
            Series(g, trend.series(g))
            for g in RoleGroup
            if any(v is not None for v in trend.series(g))
        ]
        chart = line_chart(trend.title, x_labels, series, trend.scale, labels)
        body.append(
            f'<figure class="trend">{chart}<figcaption>{e(labels["trend_caption"])}'
            "</figcaption></figure>"
        )
        rows = [[e(c) for c in row] for row in _trend_rows(trend, labels)]
        body.append(html_table(header, rows, {1, 2, 3}))
    body.append(f"<h2>{e(labels['before_after'])}</h2>")
    effects = action_effects(sessions)
    if effects:
        rows = [[e(c) for c in _effect_row(x, labels)] for x in effects]
        body.append(html_table([e(h) for h in _effect_header(labels)], rows))
    else:
        body.append(f"<p>{e(labels['no_actions'])}</p>")
    body.extend(about_html(labels.language))
    return page(title, labels.language, body)


def render_project(project: str, sessions: Sequence[Session], fmt: str) -> bytes:
    """The project report in `fmt` ("md" or "html") as UTF-8 bytes."""
    if fmt == "md":
        return project_markdown(project, sessions).encode("utf-8")
    if fmt == "html":
        return project_html(project, sessions).encode("utf-8")
    raise ExportRefused("errors.export.unknown_format", format=fmt, choices="md, html")
