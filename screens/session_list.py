"""Provides the Home list: filtering, grouping by project, duplicating, and SessionListScreen.

SessionListScreen draws the grouped list, keeps the highlighted session and sends typing on the
list to the filter; HomeScreen adds the keys that act on the sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.errors import FacilitatorError, render
from facilitator.i18n import format_datetime
from facilitator.session import RoundRecord, Session
from facilitator.terminal import printable
from screens.base import AppScreen
from screens.messages import SessionsListed, VaultFailed

if TYPE_CHECKING:
    from facilitator.vault import SessionSummary as Summary


def matches(summary: Summary, words: str, status_label: Callable[[str], str]) -> bool:
    """Whether every word of the filter appears in the title, project, template or status."""
    haystack = " ".join(
        (summary.title, summary.project, summary.template_name, status_label(summary.status))
    ).casefold()
    return all(word in haystack for word in words.casefold().split())


def grouped(summaries: Iterable[Summary]) -> list[tuple[str, list[Summary]]]:
    """Sessions grouped by project; groups ordered by their newest session, as listed."""
    groups: dict[str, list[Summary]] = {}
    for summary in summaries:
        groups.setdefault(summary.project.strip(), []).append(summary)
    return list(groups.items())


def duplicate(session: Session, title: str, now: datetime) -> Session:
    """A fresh planned session with the same template, context and round plan; nothing captured."""
    copy = Session.plan(
        title,
        session.template,
        created=now,
        project=session.project,
        care_setting=session.care_setting,
        phase=session.phase,
        language=session.language,
        region=session.region,
        participants=session.participants,
        users_speak_first=session.users_speak_first,
    )
    rounds = tuple(RoundRecord(r.round_id, r.planned_minutes) for r in session.rounds)
    return replace(copy, rounds=rounds)


class SessionListScreen(AppScreen[None]):
    """The grouped, filtered session list (#filter, #sessions, #details) and its selection."""

    # Keys the screen binds: typed on the list they act instead of filtering.
    BOUND_KEYS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sessions: list[Summary] = []
        self._pending_select: str | None = None

    def refresh_list(self) -> None:
        """Read the session list in a worker."""
        self._list_sessions()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-list")
    def _list_sessions(self) -> None:
        vault = self.services.vault
        if vault is None:
            return
        try:
            self.post_message(SessionsListed(vault.list_sessions()))
        except FacilitatorError as error:
            self.post_message(VaultFailed(render(error, self.services.settings.language)))

    def on_sessions_listed(self, message: SessionsListed) -> None:
        """Keep the list and redraw it."""
        self.sessions = list(message.sessions)
        self._render_list()

    def _status_label(self, status: str) -> str:
        return self.t(f"status.{status}")

    def _visible(self) -> list[Summary]:
        words = self.query_one("#filter", Input).value
        return [s for s in self.sessions if matches(s, words, self._status_label)]

    def _render_list(self) -> None:
        option_list = self.query_one("#sessions", OptionList)
        highlighted = self._highlighted_id()
        option_list.clear_options()
        visible = self._visible()
        language = self.services.settings.language
        options: list[Option] = []
        for project, items in grouped(visible):
            heading = printable(project) or self.t("home.no_project")
            options.append(Option(Content.styled(f"▸ {heading}", "bold"), disabled=True))
            for summary in items:
                when = summary.updated or summary.created
                stamp = format_datetime(when, language) if when else ""
                status = self._status_label(summary.status)
                text = (
                    f"  {printable(summary.title)[:38]:<38} {status:<12} {stamp:<18} "
                    f"{printable(summary.template_name)}"
                )
                options.append(Option(Content(text), id=summary.id))
        option_list.add_options(options)
        target = self._pending_select or highlighted
        self._pending_select = None
        self._highlight(target)
        if not self.sessions:
            self._details(self.t("home.empty"))
        elif not visible:
            self._details(self.t("home.no_match"))

    def _highlight(self, session_id: str | None) -> None:
        option_list = self.query_one("#sessions", OptionList)
        index = None
        if session_id is not None:
            try:
                index = option_list.get_option_index(session_id)
            except Exception:
                index = None
        if index is None:
            index = next((i for i, o in enumerate(option_list.options) if not o.disabled), None)
        option_list.highlighted = index

    def _highlighted_id(self) -> str | None:
        option_list = self.query_one("#sessions", OptionList)
        option = option_list.highlighted_option
        return None if option is None or option.disabled else option.id

    def _selected(self) -> Summary | None:
        session_id = self._highlighted_id()
        return next((s for s in self.sessions if s.id == session_id), None)

    def _selected_or_say(self) -> Summary | None:
        summary = self._selected()
        if summary is None:
            self.notify(self.t("home.nothing_selected"), severity="warning")
        return summary

    @on(OptionList.OptionHighlighted, "#sessions")
    def _highlighted(self) -> None:
        summary = self._selected()
        if summary is not None:
            project = printable(summary.project) or self.t("home.no_project")
            self._details(
                self.t(
                    "home.details",
                    title=printable(summary.title),
                    project=project,
                    status=self._status_label(summary.status),
                    template=printable(summary.template_name),
                )
            )

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._render_list()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#sessions", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing on the list goes to the filter: type-ahead without a mode."""
        focused = self.focused
        if (
            isinstance(focused, OptionList)
            and event.is_printable
            and event.character
            and event.character not in self.BOUND_KEYS
            and not event.character.isspace()
        ):
            field = self.query_one("#filter", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    def _details(self, text: str) -> None:
        self.query_one("#details", Static).update(text)
