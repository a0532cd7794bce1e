"""Provides PowerTriangle: the three dimensions at the corners with each group's ratings.

Means, spread and counts are written out and the professionals/users gap is marked with a
symbol and words, so nothing depends on colour or on box drawing alone. Distribution-only
templates (psychological safety) show how many chose each scale point per role group instead,
never a mean, and only for groups where enough people answered.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.widget import Widget

from facilitator.i18n import format_number
from facilitator.summary import GAP_GROUPS, DimensionStats, GroupStats
from facilitator.vocabulary import MIN_GROUP_SIZE, RoleGroup

ABBREVIATIONS = {
    RoleGroup.PROFESSIONALS: "P",
    RoleGroup.USERS_RELATIVES: "U",
    RoleGroup.MANAGERS: "M",
}
GAP_MARK = 1.0  # a gap this large is flagged with "!"


def group_line(stats: GroupStats, abbreviation: str, language: str = "en") -> str:
    """'P 2.0 (1-3, n 4)' ('P 2,0' in Swedish): the group's mean, range and count."""
    mean = format_number(stats.mean, language, 1)
    return f"{abbreviation} {mean} ({stats.minimum}-{stats.maximum}, n {stats.count})"


def people_of(stats: DimensionStats, group: RoleGroup) -> int | None:
    """The group's head-count in the room, None when not known."""
    return dict(stats.people).get(group)


def too_few_people(stats: DimensionStats, group: RoleGroup) -> bool:
    """Whether the group had fewer people than may be shown (by head-count, not ratings)."""
    people = people_of(stats, group)
    return people is not None and people < MIN_GROUP_SIZE


def distribution_lines(
    stats: DimensionStats, abbreviations: dict[RoleGroup, str], say: Callable[..., str]
) -> list[Text]:
    """A small table: the scale points, then per group how many chose each, and n."""
    points = range(stats.scale.minimum, stats.scale.maximum + 1)
    width = max(3, *(len(str(p)) + 1 for p in points))
    lines = [Text("  " + "".join(f"{p:>{width}}" for p in points) + "    n", style="dim")]
    for group_stats in stats.groups:
        name = abbreviations[group_stats.group]
        counts = stats.distribution(group_stats.group)
        if counts is None:
            lines.append(Text(f"{name} " + say("summary.too_few", n=stats.min_respondents)))
            continue
        cells = "".join(f"{c:>{width}}" for _, c in counts)
        lines.append(Text(f"{name:<2}{cells}  {group_stats.count:>3}"))
    return lines


def corner(
    stats: DimensionStats,
    title: str,
    abbreviations: dict[RoleGroup, str],
    say: Callable[..., str],
    language: str = "en",
) -> list[Text]:
    """The lines written at one corner: title, one line per group, the gap."""
    lines = [Text(title, style="bold")]
    if not stats.groups:
        lines.append(Text(say("summary.no_ratings"), style="italic"))
    elif stats.distribution_only:
        return lines + distribution_lines(stats, abbreviations, say)
    for group_stats in stats.groups:
        name = abbreviations[group_stats.group]
        if too_few_people(stats, group_stats.group):
            lines.append(Text(f"{name} " + say("honest.too_few_people", n=MIN_GROUP_SIZE)))
            continue
        line = group_line(group_stats, name, language)
        people = people_of(stats, group_stats.group)
        if people is not None:
            counted = say("honest.n_of_people", ratings=group_stats.count, people=people)
            line = line.replace(f"n {group_stats.count})", counted + ")")
        lines.append(Text(line))
    gap = None if any(too_few_people(stats, g) for g in GAP_GROUPS) else stats.gap
    if gap is not None:
        flag = " !" if abs(gap) >= GAP_MARK else ""
        arrow = "↑" if gap > 0 else "↓" if gap < 0 else "="
        signed = ("+" if gap >= 0 else "") + format_number(gap, language, 1)
        marker = f"◆ {say('summary.gap', gap=signed)} {arrow}{flag}"
        lines.append(Text.assemble((marker, "reverse")))
    return lines


class PowerTriangle(Widget):
    """Draws three dimensions as a triangle (more or fewer as a plain list)."""

    DEFAULT_CSS = """
    PowerTriangle {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(
        self,
        stats: tuple[DimensionStats, ...],
        titles: dict[str, str],
        say: Callable[..., str],
        abbreviations: dict[RoleGroup, str] | None = None,
        *,
        language: str = "en",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.stats = stats
        self.titles = titles
        self.say = say
        self.abbreviations = abbreviations or ABBREVIATIONS
        self.language = language  # decimals as the language writes them (2,5 in Swedish)

    def _corner(self, stats: DimensionStats) -> list[Text]:
        title = self.titles.get(stats.dimension, stats.dimension)
        return corner(stats, title, self.abbreviations, self.say, self.language)

    def render(self) -> Text:
        width = max(40, self.size.width or 80)
        if any(s.distribution_only for s in self.stats):
            note = Text(self.say("summary.distribution_note"), style="italic")
            blocks = [note, *(Text("\n").join(self._corner(s)) for s in self.stats)]
            return Text("\n\n").join(blocks)
        if len(self.stats) != 3:
            blocks = [Text("\n").join(self._corner(s)) for s in self.stats]
            return Text("\n\n").join(blocks)
        top, left, right = (self._corner(s) for s in self.stats)
        lines: list[Text] = [line.copy() for line in top]
        for line in lines:
            line.align("center", width)
        height = 5
        middle = width // 2
        for row in range(height):
            text = [" "] * width
            text[middle - 1 - row * 2] = "╱"
            text[middle + row * 2] = "╲"
            if row == height - 1:
                for x in range(middle - row * 2, middle + row * 2):
                    text[x] = "─"
            lines.append(Text("".join(text).rstrip()))
        half = width // 2
        for index in range(max(len(left), len(right))):
            a = left[index].copy() if index < len(left) else Text("")
            b = right[index].copy() if index < len(right) else Text("")
            a.truncate(half - 1, pad=True)
            b.truncate(half - 1)
            b.align("right", half - 1)
            lines.append(Text.assemble(a, "  ", b))
        return Text("\n").join(lines)
