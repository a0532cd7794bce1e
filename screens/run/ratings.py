"""Provides RatingsForm: per role group, the round's balance ratings and how many rated."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from facilitator.i18n import format_number
from facilitator.session import ParticipantCounts, Rating
from facilitator.summary import GroupStats, group_stats
from facilitator.templates.model import RatingScale, Template
from facilitator.vocabulary import MIN_GROUP_SIZE, RoleGroup
from screens.base import AppPart
from screens.run.entry import EntryRefused, parse_ratings, ratings_text
from screens.run.filed_list import FiledList
from screens.run.messages import Problem, RatingsEntered
from screens.suppression import too_few_people


def counted(part: AppPart, what: str, n: int) -> str:
    """'1 rating', '3 ratings', '1 person', '4 people' (`what` is rating or people)."""
    return part.t(f"run.rating.{what}_one" if n == 1 else f"run.rating.{what}", n=n)


def stats_lines(part: AppPart, stats: GroupStats | None, people: int | None) -> str:
    """A group's ratings on two lines: how many ratings of how many people, then mean and range.

    Ratings and people are counted apart ('2 ratings · 4 people'), so a reader never takes
    ratings for people; a group under the minimum head-count shows no mean or range.
    """
    if stats is None:
        return part.t("run.rating.no_stats")
    count = counted(part, "ratings", stats.count)
    if people is not None:
        count += " · " + counted(part, "people", people)
    if too_few_people(people):
        return count + "\n" + part.t("honest.hidden_under", n=MIN_GROUP_SIZE)
    mean = format_number(stats.mean, part.services.settings.language, 1)
    spread = part.t("run.rating.spread", mean=mean, low=stats.minimum, high=stats.maximum)
    return count + "\n" + spread


def rating_line(part: AppPart, rating: Rating) -> Text:
    """One rating as a list line: 'Professionals: 2 ×3'."""
    group = part.t(f"run.group.{rating.role_group.value}")
    count = f" ×{rating.count}" if rating.count > 1 else ""
    return Text.assemble(("• ", "bold"), f"{group}: {rating.value}{count}")


class RatingsForm(AppPart, VerticalScroll):
    """One line per role group: type values ('2 3 3 4' or '3x2'), Enter records them."""

    def __init__(self, template: Template | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale: RatingScale | None = None
        self.template = template
        self.participants: ParticipantCounts | None = None  # set with each show

    def compose(self) -> ComposeResult:
        yield Static("", id="rating-scale")
        for group in RoleGroup:
            with Horizontal(classes="rating-row"):
                yield Label(self.role_name(group.value, self.template), classes="rating-label")
                yield Input(
                    placeholder=self.t("run.rating.placeholder"),
                    id=f"rating-{group.value}",
                    compact=True,
                    classes="rating-input",
                )
                yield Static("", id=f"rating-stats-{group.value}", classes="rating-stats")
        yield FiledList("capture.no_ratings", id="rating-list")

    def show(
        self,
        scale: RatingScale | None,
        ratings: tuple[Rating, ...],
        participants: ParticipantCounts | None = None,
    ) -> None:
        """Show the round's scale and its ratings so far (the inputs mirror what was recorded).

        With the session's `participants`, each group's line counts its people too.
        """
        self.scale, self.participants = scale, participants
        header = self.query_one("#rating-scale", Static)
        if scale is None:
            header.update(self.t("run.rating.none"))
        else:
            header.update(
                self.t(
                    "run.rating.scale",
                    low=scale.minimum,
                    high=scale.maximum,
                    low_label=scale.low_label,
                    high_label=scale.high_label,
                )
            )
        for group in RoleGroup:
            field = self.query_one(f"#rating-{group.value}", Input)
            field.disabled = scale is None
            mine = tuple((r.value, r.count) for r in ratings if r.role_group == group)
            if not field.has_focus:
                field.value = ratings_text(mine)
            line = stats_lines(self, group_stats(group, ratings), self._people(group))
            self.query_one(f"#rating-stats-{group.value}", Static).update(line)
        self.query_one(FiledList).show([(r.id, rating_line(self, r)) for r in ratings])

    def _people(self, group: RoleGroup) -> int | None:
        return None if self.participants is None else self.participants.of(group)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._record(event.input)

    def on_input_blurred(self, event: Input.Blurred) -> None:
        self._record(event.input)

    def _record(self, field: Input) -> None:
        if not field.has_class("rating-input"):
            return  # not a group's field
        if self.scale is None or not (field.id or "").startswith("rating-"):
            return
        group = RoleGroup(field.id.removeprefix("rating-"))  # type: ignore[union-attr]
        try:
            values = parse_ratings(field.value, self.scale)
        except EntryRefused as refused:
            field.add_class("-invalid")
            self.post_message(Problem(self.t(refused.key, **refused.params)))
            return
        field.remove_class("-invalid")
        self.post_message(RatingsEntered(group, values))
