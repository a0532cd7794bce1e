"""Provides PlanScreen: choose a template and the session's context, counts and round times.

After saving, when the project has earlier sessions with open actions, the follow-up step
(screens.followup) asks what became of them before returning to Home.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from facilitator.errors import FacilitatorError, render
from facilitator.followup import FollowUp, pending_follow_up
from facilitator.session import ParticipantCounts, RoundRecord, Session
from facilitator.templates.model import Template
from facilitator.templates.modules import (
    CHECK_IN,
    CHECK_OUT,
    MODULE_TEMPLATE,
    MODULES,
    with_modules,
)
from facilitator.vocabulary import CareSetting, Language, Phase, RoleGroup
from screens.announcements import Announcements
from screens.base import AppScreen
from screens.confirm import ConfirmScreen
from screens.followup import FollowUpScreen
from screens.messages import FollowUpLoaded, VaultFailed
from screens.plan_form import planned_end, total_minutes, validate

STANDARD = "standard"


def _row(
    label: str,
    widget: Widget,
    error_id: str | None = None,
    *,
    tight: bool = False,
    label_id: str | None = None,
) -> Vertical:
    """A labelled compact field, with its error line (empty and hidden until needed) below."""
    if isinstance(widget, Input | Select):
        widget.compact = True
    row = Horizontal(Label(label, classes="field-label", id=label_id), widget, classes="field")
    classes = "field-box tight" if tight else "field-box"
    if not error_id:
        return Vertical(row, classes=classes)
    error = Label("", id=f"error-{error_id}", classes="field-error")
    return Vertical(row, error, classes=classes)


@dataclass(frozen=True)
class Planned:
    """A saved plan, and whether the facilitator asked to start running it at once."""

    session: Session
    start: bool = False


class PlanScreen(AppScreen[Planned | None]):
    """The plan form; ctrl+s saves through a worker, ctrl+r saves and starts the session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save"),
        Binding("ctrl+r", "start_now", "key.start_now"),
        Binding("escape", "cancel", "key.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(id="plan")
        self.start_after_save = False
        self.language = self.services.settings.language
        self.templates: dict[str, Template] = {}
        self._load_templates(self.language)

    def _load_templates(self, language: str) -> None:
        self.templates = {t.id: t for t in self.services.templates(language)}

    @property
    def template(self) -> Template | None:
        """The chosen template, with the check-in and check-out modules that are ticked."""
        value = self.query_one("#template", Select).value
        template = self.templates.get(value) if isinstance(value, str) else None
        if template is None:
            return None
        modules = [m for m in MODULES if self.query_one(f"#{m}", Checkbox).value]
        return with_modules(template, modules)

    def _choice(
        self, widget_id: str, prefix: str, values: type[StrEnum], value: str
    ) -> Select[str]:
        """A Select over a vocabulary, each value shown by its `<prefix>.<value>` text."""
        options = [(self.t(f"{prefix}.{v.value}"), v.value) for v in values]
        return Select(options, id=widget_id, value=str(value), allow_blank=False)

    def compose(self) -> ComposeResult:
        """The form in a scrolling column; errors sit next to their field."""
        t = self.t
        first = next(iter(self.templates), None)
        yield Header()
        with VerticalScroll(id="plan-form"):
            yield _row(
                t("plan.template"),
                Select(
                    self._template_options(),
                    id="template",
                    value=first if first else Select.NULL,
                    allow_blank=first is None,
                    prompt=t("plan.template_prompt"),  # shown only when there is none to pick
                ),
                "template",
            )
            yield Static("", id="template-credit", markup=False)
            yield _row(
                t("plan.variant"),
                Select(
                    [(t("plan.variant_standard"), STANDARD)],
                    id="variant",
                    value=STANDARD,
                    allow_blank=False,
                ),
            )
            yield _row(
                t("plan.title"), Input(id="title", placeholder=t("plan.title_hint")), "title"
            )
            yield _row(t("plan.project"), Input(id="project", placeholder=t("plan.project_hint")))
            yield _row(
                t("plan.care_setting"),
                self._choice("care_setting", "care", CareSetting, CareSetting.OTHER),
            )
            yield _row(t("plan.phase"), self._choice("phase", "phase", Phase, Phase.DO))
            yield _row(
                t("plan.language"), self._choice("language", "language", Language, self.language)
            )
            yield Label(t("plan.participants"), classes="section")
            for group in RoleGroup:
                yield _row(
                    t(f"role.{group.value}"),
                    Input("0", id=f"count-{group.value}", type="integer", classes="number"),
                    tight=True,
                    label_id=f"label-{group.value}",
                )
            yield Label("", id="error-participants", classes="field-error")
            yield Checkbox(t("plan.speak_first"), id="speak-first")
            yield Label(t("plan.modules"), classes="section")
            yield Checkbox(t("plan.check_in"), id=CHECK_IN)
            yield Checkbox(t("plan.check_out"), id=CHECK_OUT)
            yield Label(t("plan.rounds"), classes="section")
            yield Vertical(id="rounds")
            yield Static("", id="total", markup=False)
            with Horizontal(id="plan-buttons"):
                yield Button(t("plan.save_button"), id="plan-save")
                yield Button(t("plan.start_button"), id="plan-start", variant="primary")
        yield Announcements()
        yield Footer()

    def _template_options(self) -> list[tuple[str, str]]:
        return [
            (self.t("plan.template_option", name=t.name, minutes=t.total_minutes), t.id)
            for t in self.templates.values()
        ]

    async def on_mount(self) -> None:
        """Fill in the rounds of the first template and focus the title."""
        self.sub_title = self.t("plan.heading")
        await self._show_template()
        self.query_one("#title", Input).focus()

    async def _show_template(self, keep_variant: str = STANDARD) -> None:
        template = self.template
        variant = self.query_one("#variant", Select)
        variants = [(self.t("plan.variant_standard"), STANDARD)]
        if template is not None:
            variants += [(v.name, v.id) for v in template.variants]
        credit = "" if template is None or not template.credit else template.credit
        line = self.query_one("#template-credit", Static)
        line.update(self.t("template.credit", credit=credit) if credit else "")
        line.display = bool(credit)
        for group in RoleGroup:  # the template's own names for the groups, where it has them
            own = template.role_label(group.value) if template is not None else ""
            self.query_one(f"#label-{group.value}", Label).update(
                own or self.t(f"role.{group.value}")
            )
        for module in MODULES:  # the psych-safety template already is both modules
            box = self.query_one(f"#{module}", Checkbox)
            box.disabled = template is not None and template.id == MODULE_TEMPLATE
        variant.set_options(variants)
        ids = [v for _, v in variants]
        variant.value = keep_variant if keep_variant in ids else STANDARD
        await self._show_rounds()

    async def _show_rounds(self) -> None:
        template = self.template
        rounds = self.query_one("#rounds", Vertical)
        await rounds.remove_children()
        if template is None:
            self._update_total()
            return
        chosen = self.query_one("#variant", Select).value
        variant = next((v for v in template.variants if v.id == chosen), None)
        rows = []
        for index, item in enumerate(template.rounds):
            minutes = variant.minutes_for(item.id, item.minutes) if variant else item.minutes
            field = Input(str(minutes), id=f"minutes-{index}", type="integer", classes="number")
            rows.append(_row(item.title, field, f"minutes-{index}", tight=True))
        await rounds.mount_all(rows)
        self._update_total()

    def _minutes(self) -> list[str]:
        return [field.value for field in self.query("#rounds Input").results(Input)]

    def _counts(self) -> dict[RoleGroup, str]:
        return {g: self.query_one(f"#count-{g.value}", Input).value for g in RoleGroup}

    def _update_total(self) -> None:
        total = total_minutes(self._minutes())
        end = planned_end(self.services.clock.now(), total)
        self.query_one("#total", Static).update(self.t("plan.total", minutes=total, end=end))

    @on(Select.Changed, "#template")
    async def _template_changed(self) -> None:
        await self._show_template()

    @on(Select.Changed, "#variant")
    async def _variant_changed(self) -> None:
        await self._show_rounds()

    @on(Checkbox.Changed, f"#{CHECK_IN}, #{CHECK_OUT}")
    async def _modules_changed(self) -> None:
        await self._show_rounds()

    @on(Select.Changed, "#language")
    async def _language_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.language:
            return
        current = self.query_one("#template", Select).value
        variant = self.query_one("#variant", Select).value
        self.language = event.value
        self._load_templates(self.language)
        select = self.query_one("#template", Select)
        select.set_options(self._template_options())
        if current in self.templates:
            select.value = current
        elif self.templates:
            select.value = next(iter(self.templates))
        await self._show_template(variant if isinstance(variant, str) else STANDARD)

    @on(Input.Changed, "#rounds Input")
    def _minutes_changed(self) -> None:
        self._update_total()

    def _show_errors(self, errors: dict[str, str]) -> None:
        for label in self.query(".field-error").results(Label):
            key = (label.id or "").removeprefix("error-")
            label.update(self.t(errors[key]) if key in errors else "")
            label.set_class(key in errors, "shown")

    @on(Button.Pressed, "#plan-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#plan-start")
    def _start_pressed(self) -> None:
        self.action_start_now()

    def action_start_now(self) -> None:
        """Save the plan and go straight to running it."""
        self.start_after_save = True
        self.action_save()

    def action_save(self) -> None:
        """Validate; save through a worker when everything is in order."""
        title = self.query_one("#title", Input).value
        errors = validate(title, self._minutes(), self._counts())
        self._show_errors(errors)
        template = self.template
        if errors or template is None:
            first = next(iter(errors), "template")
            target = "count-professionals" if first == "participants" else first
            self.query_one(f"#{target}").focus()
            self.notify(self.t("plan.fix_errors", count=len(errors)), severity="warning")
            self.start_after_save = False
            return
        counts = {g.value: int(v or "0") for g, v in self._counts().items()}
        session = Session.plan(
            title.strip(),
            template,
            created=self.services.clock.now(),
            project=self.query_one("#project", Input).value.strip(),
            care_setting=CareSetting(str(self.query_one("#care_setting", Select).value)),
            phase=Phase(str(self.query_one("#phase", Select).value)),
            language=self.language,
            participants=ParticipantCounts(**counts),
            users_speak_first=self.query_one("#speak-first", Checkbox).value,
        )
        minutes = [int(m) for m in self._minutes()]
        rounds = tuple(RoundRecord(r.id, m) for r, m in zip(template.rounds, minutes, strict=True))
        self._save(replace(session, rounds=rounds))

    @work(thread=True, exclusive=True, exit_on_error=False, group="plan-save")
    def _save(self, session: Session) -> None:
        """Save the plan, then read what the project still has to follow up."""
        vault = self.services.vault
        assert vault is not None
        try:
            vault.save_session(session)
        except FacilitatorError as error:
            self.post_message(VaultFailed(render(error, self.services.settings.language)))
            return
        try:
            follow_up = pending_follow_up(vault, session)
        except FacilitatorError as error:
            reason = render(error, self.services.settings.language)
            self.post_message(FollowUpLoaded(session, FollowUp(None, ()), reason))
        else:
            self.post_message(FollowUpLoaded(session, follow_up))

    def on_follow_up_loaded(self, message: FollowUpLoaded) -> None:
        """Offer the follow-up step when there is something to follow up; else back to Home."""
        message.stop()
        session = message.session
        self.notify(self.t("plan.saved", title=session.title))
        if message.problem:
            self.notify(self.t("followup.not_loaded", reason=message.problem), severity="warning")
        planned = Planned(session, start=self.start_after_save)
        if not message.follow_up.items:
            self.dismiss(planned)
            return

        def followed_up(_: object) -> None:
            self.dismiss(planned)

        self.app.push_screen(FollowUpScreen(session.project, message.follow_up), followed_up)

    def on_vault_failed(self, message: VaultFailed) -> None:
        """Keep everything typed and say why it was not saved."""
        message.stop()
        self.start_after_save = False
        self.notify(message.reason, severity="error")

    def action_cancel(self) -> None:
        """Leave without saving, asking first when something was typed."""
        if not self.query_one("#title", Input).value.strip():
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(self.t("plan.discard_question"), self.t("plan.discard_yes")), answered
        )
