"""Provides the Markdown export of a session: readable as plain text and in any viewer."""

from __future__ import annotations

from facilitator.esther import EstherCard, card_lines
from facilitator.i18n import translator
from facilitator.reports.labels import Labels
from facilitator.reports.stats import DimensionView, dimension_views, note_sections, session_day
from facilitator.session import Session
from facilitator.summary import dimension_title, minutes_used, round_times
from facilitator.vocabulary import RoleGroup


def inline(text: str) -> str:
    """User text made safe for one Markdown line: no raw HTML, no line breaks."""
    return " ".join(text.replace("\\", "\\\\").replace("<", "\\<").split())


def cell(text: str) -> str:
    """User text made safe for a Markdown table cell."""
    return inline(text).replace("|", "\\|")


def block(text: str, indent: str = "  ") -> str:
    """Multi-line user text as a list item body: continuation lines indented, no raw HTML."""
    lines = text.replace("\\", "\\\\").replace("<", "\\<").strip().splitlines() or [""]
    return ("\n" + indent).join(line.rstrip() for line in lines)


def group_cell(d: DimensionView, group: RoleGroup, labels: Labels) -> str:
    """A group's mean with spread and count, e.g. "2.5 (2–3, n=4)", or why it is hidden."""
    if d.hidden(group):
        return labels["too_few"].format(n=d.min_respondents)
    g = d.of(group)
    if g is None:
        return "–"
    return f"{labels.number(g.mean)} ({g.minimum}–{g.maximum}, n={g.count})"


def distribution_table(
    d: DimensionView, labels: Labels
) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, one row per role group shown (count per scale point, answers) and, for groups
    with too few answers, the line saying so. Plain text: the caller escapes."""
    points = range(d.scale.minimum, d.scale.maximum + 1)
    header = [labels["group"], *(str(p) for p in points), labels["count"]]
    rows: list[list[str]] = []
    withheld: list[str] = []
    for group in RoleGroup:
        if d.hidden(group):
            withheld.append(
                f"{labels.role(group)}: {labels['too_few'].format(n=d.min_respondents)}."
            )
        elif (counts := d.distribution(group)) is not None:
            total = sum(c for _, c in counts)
            rows.append([labels.role(group), *(str(c) for _, c in counts), str(total)])
    return header, rows, withheld


def distribution_markdown(stats: tuple[DimensionView, ...], labels: Labels) -> list[str]:
    """Each dimension as counts per scale point and role group; never a mean."""
    least = max((d.min_respondents for d in stats), default=1)
    out = [f"_{labels['distribution_note'].format(n=least)}_", ""]
    for d in stats:
        out += [f"### {inline(d.title)}", ""]
        header, rows, withheld = distribution_table(d, labels)
        if rows:
            out += [*table(header, [[cell(c) for c in row] for row in rows]), ""]
        out += [*(f"- {inline(line)}" for line in withheld), ""] if withheld else []
        if not rows and not withheld:
            out += [labels["no_ratings"], ""]
    return out


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown pipe table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def ratings_table(stats: tuple[DimensionView, ...], labels: Labels) -> list[str]:
    """Every dimension's ratings per role group, with the gap."""
    header = [labels["dimension"], *(labels.role(g) for g in RoleGroup), labels["gap_short"]]
    rows = [
        [
            cell(d.title),
            *(group_cell(d, g, labels) for g in RoleGroup),
            labels.number(d.gap, signed=True),
        ]
        for d in stats
    ]
    return table(header, rows)


def about_section(language: str) -> list[str]:
    """The closing "About the model" section (imported late: it renders with this module)."""
    from facilitator.reports.about_section import about_markdown

    return about_markdown(language)


def esther_markdown(card: EstherCard, language: str) -> list[str]:
    """The improvement work's Esther card, when the facilitator chose to include it."""
    t = translator(language).t
    out = [f"## {t('esther.title')}", "", f"_{inline(t('esther.symbolic'))}_", ""]
    out += [f"- **{label}**: {inline(text)}" for label, text in card_lines(card, language)]
    return [*out, ""]


def session_markdown(session: Session, esther: EstherCard | None = None) -> str:
    """The whole session as Markdown in the session's language; `esther` adds her card."""
    labels = Labels.for_template(session.language, session.template)
    day = session_day(session)
    p = session.participants
    out = [f"# {labels['session_report']}: {inline(session.title)}", ""]
    out += [f"_{labels['plaintext_notice']}_", ""]
    if session.project:
        out.append(f"- {labels['project']}: {inline(session.project)}")
    out += [
        f"- {labels['date']}: {labels.day(day)}",
        f"- {labels['template']}: {inline(session.template.name)}",
        *(
            [f"- {labels['credit']}: {inline(session.template.credit)}"]
            if session.template.credit
            else []
        ),
        f"- {labels['phase']}: {labels.phase(session.phase)}",
        f"- {labels['status']}: {labels.session_status(session.status)}",
        f"- {labels['participants']}: "
        + ", ".join(f"{labels.role(g)} {p.of(g)}" for g in RoleGroup)
        + f" ({labels['total']} {p.total})",
        "",
    ]
    if esther is not None and not esther.empty:
        out += esther_markdown(esther, labels.language)
    stats = dimension_views(session)
    means = tuple(d for d in stats if not d.distribution_only)
    counted = tuple(d for d in stats if d.distribution_only)  # never reduced to a mean
    out += [f"## {labels['ratings']}", ""]
    if not any(d.rated for d in stats):
        out += [labels["no_ratings"], ""]
    if any(d.rated for d in means):
        out += [*ratings_table(means, labels), "", f"_{labels['gap']}._", ""]
    if any(d.rated for d in counted):
        out += distribution_markdown(counted, labels)
    out += [f"## {labels['notes']}", ""]
    sections = note_sections(session, labels["general"])
    if not sections:
        out += [labels["no_notes"], ""]
    for section in sections:
        out += [f"### {inline(section.heading)}", ""]
        for kind, notes in section.by_kind:
            out += [f"**{labels.note_kind(kind)}**", ""]
            for note in notes:
                who = f" _({labels.role(note.role_group)})_" if note.role_group else ""
                if note.anonymous:
                    who += f" _({labels['anonymous_note']})_"
                out.append(f"- {block(note.text)}{who}")
            out.append("")
    out += [f"## {labels['actions']}", ""]
    if session.actions:
        header = [labels["action"], labels["dimension"], labels["owner"], labels["due"]]
        rows = [
            [
                cell(a.text),
                cell(dimension_title(session, a.dimension)) if a.dimension else "–",
                labels.role(a.owner_role) if a.owner_role else "–",
                labels.day(a.due),
                labels.action_status(a.status),
            ]
            for a in session.actions
        ]
        out += table([*header, labels["status"]], rows)
    else:
        out.append(labels["no_actions"])
    out += ["", f"## {labels['timings']}", ""]
    rows = [
        [
            cell(t.title),
            labels.planned_minutes(t.planned_minutes, t.first_planned_minutes),
            labels.time_used(
                minutes_used(t.used_seconds), skipped=t.skipped, ended_early=t.ended_early
            ),
        ]
        for t in round_times(session)
    ]
    out += table([labels["round"], labels["planned"], labels["used"]], rows)
    out += ["", *about_section(labels.language)]
    return "\n".join(out).rstrip("\n") + "\n"
