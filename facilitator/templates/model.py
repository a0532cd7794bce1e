"""Provides the template value types: a template is a list of rounds with prompts and timings.

Dimension names, prompts and scales are data, never code, because the model must adapt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.vocabulary import MIN_GROUP_SIZE, RoundKind


@dataclass(frozen=True)
class RatingScale:
    """An ordinal scale with labelled ends, such as the 1-5 balance scale."""

    minimum: int
    maximum: int
    low_label: str = ""
    high_label: str = ""
    mid_label: str = ""
    step_labels: tuple[str, ...] = ()

    def step_label(self, value: int) -> str:
        """The label of one step (such as a ladder rung), or "" when steps are unlabelled."""
        index = value - self.minimum
        return self.step_labels[index] if 0 <= index < len(self.step_labels) else ""

    def contains(self, value: float) -> bool:
        """Whether `value` lies on the scale."""
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class RoundTemplate:
    """One planned round: what it is for, what to ask and how long it takes."""

    id: str
    kind: RoundKind
    title: str
    purpose: str = ""
    prompts: tuple[str, ...] = ()
    minutes: int = 10
    dimension: str | None = None
    scale: RatingScale | None = None
    module: str | None = None  # the module ("check-in", "check-out") that added this round


@dataclass(frozen=True)
class TemplateVariant:
    """A named timing variant (short, long) giving minutes per round id."""

    id: str
    name: str
    minutes: tuple[tuple[str, int], ...]

    def minutes_for(self, round_id: str, default: int) -> int:
        """Minutes this variant gives a round, or `default` when it does not mention it."""
        return dict(self.minutes).get(round_id, default)


@dataclass(frozen=True)
class Template:
    """A session format resolved into one language, as a session snapshots it."""

    id: str
    version: int
    language: str
    name: str
    description: str = ""
    rounds: tuple[RoundTemplate, ...] = ()
    variants: tuple[TemplateVariant, ...] = field(default_factory=tuple)
    min_respondents: int = MIN_GROUP_SIZE  # results are hidden until this many answered
    distribution_only: bool = False  # show results as a distribution, never as a mean
    variant: str | None = None  # the timing variant the rounds' minutes come from
    credit: str = ""  # where the model or method comes from, shown with the template
    role_labels: tuple[tuple[str, str], ...] = ()  # (role group id, label) in this language
    modules: tuple[str, ...] = ()  # modules planned into this snapshot, such as "check-in"

    @property
    def total_minutes(self) -> int:
        """Planned minutes of the whole template."""
        return sum(r.minutes for r in self.rounds)

    @property
    def dimensions(self) -> tuple[str, ...]:
        """Dimension ids in round order, each once."""
        seen: list[str] = []
        for r in self.rounds:
            if r.dimension and r.dimension not in seen:
                seen.append(r.dimension)
        return tuple(seen)

    def role_label(self, group: str) -> str:
        """The template's own name for a role group, or "" when it leaves it to the catalog."""
        return dict(self.role_labels).get(group, "")

    def distribution_only_for(self, dimension: str) -> bool:
        """Whether ratings of `dimension` are shown only as a distribution, never a mean."""
        if self.distribution_only:
            return True
        return any(r.module is not None and r.dimension == dimension for r in self.rounds)

    def round(self, round_id: str) -> RoundTemplate:
        """The round with `round_id`; KeyError when absent."""
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)
