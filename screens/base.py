"""Provides the base screens: they translate their key descriptions and reach the app's services.

Binding descriptions are catalog keys, so the footer, help and palette speak the user's language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from facilitator.i18n import Translator
    from facilitator.templates.model import Template
    from screens.app import FacilitatorApp
    from screens.services import Services

ResultT = TypeVar("ResultT")


# Textual's own bindings, by action, so their descriptions are translated too.
TEXTUAL_ACTIONS = {
    "app.focus_next": "key.focus_next",
    "focus_next": "key.focus_next",
    "app.focus_previous": "key.focus_previous",
    "focus_previous": "key.focus_previous",
    "screen.copy_text": "key.copy",
    "copy_text": "key.copy",
    "command_palette": "key.palette",
}


def _description_key(description: str, action: str, translator: Translator) -> str | None:
    if action in TEXTUAL_ACTIONS:
        return TEXTUAL_ACTIONS[action]
    return description if description and translator.has(description) else None


def localize_bindings(node: DOMNode, translator: Translator) -> None:
    """Translate each binding description that is a catalog key or a known Textual action."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        translated = []
        for b in bindings:
            catalog_key = _description_key(b.description, b.action, translator)
            if catalog_key is None:
                translated.append(b)
            else:
                translated.append(replace(b, description=translator.t(catalog_key), tooltip=""))
        table[key] = translated


class AppPart:
    """Typed access to the running FacilitatorApp, its services and its text.

    Every screen, modal and widget that needs the app goes through this one path.
    """

    @property
    def facilitator(self) -> FacilitatorApp:
        """The running FacilitatorApp."""
        node = cast("DOMNode", self)  # AppPart is only ever mixed into a DOMNode
        return cast("FacilitatorApp", node.app)

    @property
    def services(self) -> Services:
        """The services the app was built with."""
        return self.facilitator.services

    def t(self, key: str, **params: object) -> str:
        """Interface text for `key` in the user's language."""
        return self.facilitator.translator.t(key, **params)

    def role_name(self, group: str, template: Template | None) -> str:
        """A role group's name: the template's own label when it speaks the interface language."""
        label = template.role_label(group) if template is not None else ""
        if label and template is not None and template.language == self.services.settings.language:
            return label
        return self.t(f"run.group.{group}")


# Priority, so focus moves as Tab arrives, before the keys typed after it are handed on: with
# Textual's own Tab binding they reached the field Tab was leaving.
FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", "key.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "key.focus_previous", show=False, priority=True),
]


class DismissesOnlyItself:
    """Mixed into the app's screens: dismissing a screen that is no longer on top does nothing.

    Textual's `dismiss` pops whatever screen is on top, so a button press or key queued before
    the screen was closed or covered would close another screen, or the last one.
    """

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close this screen with `result`, if it is still the one on top."""
        screen = cast("Screen[Any]", self)
        if not screen.is_active:
            return AwaitComplete()  # done at once: nothing to wait for
        return Screen.dismiss(screen, result)


class AppScreen(DismissesOnlyItself, AppPart, Screen[ResultT]):
    """A full screen of the app."""

    BINDINGS: ClassVar[list[BindingType]] = FOCUS_KEYS

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        localize_bindings(self, self.facilitator.translator)


class AppModal(DismissesOnlyItself, AppPart, ModalScreen[ResultT]):
    """A modal of the app that dismisses with a value."""

    BINDINGS: ClassVar[list[BindingType]] = FOCUS_KEYS

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        localize_bindings(self, self.facilitator.translator)
