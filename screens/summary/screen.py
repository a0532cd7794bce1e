"""Provides SummaryScreen: the power triangle, notes by dimension and kind, actions, time used.

Distribution-only templates (psychological safety) get a heading and legend about answers per
scale point instead of the triangle's means.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from facilitator.reports.stats import session_day
from facilitator.session import Session
from facilitator.summary import (
    DimensionStats,
    dimension_stats,
    minutes_used,
    notes_by_dimension,
    round_times,
)
from facilitator.vocabulary import RoleGroup
from screens.base import AppScreen
from screens.summary.leaflets import LeafletButtons
from screens.summary.triangle import PowerTriangle


class SummaryScreen(AppScreen[None]):
    """What the session found, readable top to bottom; keys open history, sharing and export."""

    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("h", "history", "key.history"),
        Binding("s", "share", "key.share"),
        Binding("e", "export", "key.export"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        titles = {r.dimension: r.title for r in session.template.rounds if r.dimension}
        with VerticalScroll(id="summary"):
            yield Static(Text(self.t("summary.title", title=session.title)), id="summary-title")
            stats = dimension_stats(session)
            means = tuple(s for s in stats if not s.distribution_only)
            counted = tuple(s for s in stats if s.distribution_only)  # never reduced to a mean
            distribution = not means
            heading = "summary.distribution" if distribution else "summary.triangle"
            yield Static(self.t(heading), classes="heading", id="ratings-heading")
            yield self._chart(means or counted, "triangle")
            legend = self._scale_ends() if distribution else self.t("summary.legend")
            legend_line = Static(legend, id="summary-legend")
            legend_line.display = bool(legend)  # an unlabelled scale needs no legend
            yield legend_line
            if session.template.credit:
                credit = self.t("template.credit", credit=session.template.credit)
                yield Static(Text(credit, style="italic"), id="summary-credit")
            if means and counted:  # the check-in and check-out modules, as distributions
                yield Static(self.t("summary.distribution"), classes="heading")
                yield self._chart(counted, "module-ratings")
            yield Static(self.t("summary.notes"), classes="heading")
            yield Static(self._notes(titles), id="summary-notes")
            yield Static(self.t("summary.actions"), classes="heading")
            yield Static(self._actions(titles), id="summary-actions")
            yield Static(self.t("summary.time"), classes="heading")
            yield Static(self._times(), id="summary-time")
            yield LeafletButtons(self.session, id="leaflets")
        yield Footer()

    def _chart(self, stats: tuple[DimensionStats, ...], widget_id: str) -> PowerTriangle:
        titles = {r.dimension: r.title for r in self.session.template.rounds if r.dimension}
        return PowerTriangle(
            stats,
            titles,
            lambda key, **params: self.t(key, **params),
            self._abbreviations(),
            language=self.services.settings.language,
            id=widget_id,
        )

    def _scale_ends(self) -> str:
        """'Scale ends: 1 = Strongly disagree, 7 = Strongly agree · …', each scale once."""
        ends: list[str] = []
        for r in self.session.template.rounds:
            scale = r.scale
            if r.dimension and scale and scale.low_label and scale.high_label:
                text = f"{scale.minimum} = {scale.low_label}, {scale.maximum} = {scale.high_label}"
                if text not in ends:
                    ends.append(text)
        return self.t("summary.scale_ends", ends=" · ".join(ends)) if ends else ""

    def _abbreviations(self) -> dict[RoleGroup, str]:
        return {g: self.t(f"summary.abbr.{g.value}") for g in RoleGroup}

    def _notes(self, titles: dict[str, str]) -> Text:
        groups = notes_by_dimension(self.session)
        if not groups:
            return Text(self.t("summary.no_notes"), style="italic")
        lines: list[Text] = []
        heading = None
        for group in groups:
            name = titles.get(group.dimension or "", self.t("summary.other_rounds"))
            if name != heading:
                heading = name
                lines.append(Text(name, style="bold underline"))
            lines.append(Text(f"  {self.t(f'run.kind.{group.kind.value}')}", style="bold"))
            for note in group.notes:
                if note.anonymous:  # the summary may be on the projector: for the facilitator only
                    withheld = self.t("room_mode.note_withheld")
                    lines.append(Text(f"    • [{withheld}]", style="italic"))
                    continue
                who = (
                    f" ({self.role_name(note.role_group.value, self.session.template)})"
                    if note.role_group
                    else ""
                )
                body = " ".join(note.text.split())
                if len(body) > 400:
                    body = body[:400] + "… " + self.t("run.chars", count=f"{len(note.text):,}")
                lines.append(Text(f"    • {body}{who}"))
        return Text("\n").join(lines)

    def _actions(self, titles: dict[str, str]) -> Text:
        actions = self.session.actions
        if not actions:
            return Text(self.t("summary.no_actions"), style="italic")
        lines = []
        for a in actions:
            owner = (
                self.role_name(a.owner_role.value, self.session.template) if a.owner_role else "—"
            )
            due = a.due.isoformat() if a.due else "—"
            dimension = titles.get(a.dimension or "", "—")
            lines.append(Text(f"• {a.text} · {owner} · {due} · {dimension}"))
        return Text("\n").join(lines)

    def _times(self) -> Text:
        lines = []
        used_total = 0
        for row in round_times(self.session):
            used_total += row.used_seconds or 0
            line = self.t(
                "summary.time_row",
                title=row.title,
                used=minutes_used(row.used_seconds),
                planned=row.planned_minutes,
            )
            if row.first_planned_minutes is not None:
                line += " · " + self.t("summary.first_planned", minutes=row.first_planned_minutes)
            diff = row.difference_seconds
            if diff is not None and diff != 0:
                line += f"  ({'+' if diff > 0 else '-'}{minutes_used(abs(diff))})"
            if row.skipped:
                line += f"  [{self.t('summary.skipped')}]"
            elif row.ended_early:
                line += f"  [{self.t('summary.ended_early')}]"
            lines.append(Text(line))
        total = self.t(
            "summary.total",
            used=minutes_used(used_total),
            planned=self.session.planned_minutes,
        )
        first_plan = sum(r.first_plan for r in self.session.rounds)
        if first_plan != self.session.planned_minutes:
            total += " · " + self.t("summary.first_planned", minutes=first_plan)
        lines.append(Text(total, style="bold"))
        return Text("\n").join(lines)

    def action_back(self) -> None:
        """Leave the summary."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_history(self) -> None:
        """Show how this project's dimensions moved across sessions."""
        from screens.history import HistoryScreen

        if not self.session.project.strip():
            text = self.t("home.no_project_trends", title=self.session.title)
            self.notify(text, severity="warning")
            return

        self.app.push_screen(HistoryScreen(self.session.project))

    def action_share(self) -> None:
        """Preview the anonymized summary and send it; say how to set sharing up if it is not."""
        from screens.sync_preview import SyncPreviewScreen

        self.app.push_screen(SyncPreviewScreen(self.session))

    def action_export(self) -> None:
        """Ask for format and path, warn, write; report the path written in one line."""
        from screens.export_dialog import ExportDialog

        services = self.services
        day = session_day(self.session) or services.clock.now().date()

        def exported(path: Path | None) -> None:
            if path is not None:
                self.facilitator.announce(self.t("export.written", path=path))

        dialog = ExportDialog(self.session, Path.home(), services.vault_dir, day)
        self.app.push_screen(dialog, exported)
