"""Tests that screens are built one way: on the typed base, messages in a messages module."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.message import Message
from textual.screen import Screen

import screens
from screens.base import AppModal, AppScreen

# Messages the run screen handles by their nested names (on_auto_saver_saved, ...).
NESTED_FOR_THE_RUN_SCREEN = {"screens.autosave"}
MESSAGE_MODULES = {"screens.messages", "screens.summary.messages", "screens.run.messages"}


def _modules() -> list[str]:
    found = [
        info.name
        for info in pkgutil.walk_packages(screens.__path__, "screens.")
        if info.name not in {"screens.__main__"}
    ]
    return sorted(found)


def _defined_classes(module_name: str) -> list[type]:
    module = importlib.import_module(module_name)
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module_name
        for cls in [cls, *_nested(cls)]
    ]


def _nested(cls: type) -> list[type]:
    return [v for v in vars(cls).values() if inspect.isclass(v)]


def test_every_screen_and_modal_is_on_the_typed_base() -> None:
    bare = [
        f"{cls.__module__}.{cls.__qualname__}"
        for name in _modules()
        for cls in _defined_classes(name)
        if issubclass(cls, Screen) and not issubclass(cls, AppScreen | AppModal)
    ]
    assert bare == []


def test_messages_are_declared_in_a_messages_module() -> None:
    elsewhere = [
        f"{cls.__module__}.{cls.__qualname__}"
        for name in _modules()
        if name not in MESSAGE_MODULES | NESTED_FOR_THE_RUN_SCREEN
        for cls in _defined_classes(name)
        if issubclass(cls, Message) and cls.__module__ == name
    ]
    assert elsewhere == []


# getattr on the app, its services or settings: the untyped path AppPart replaces.
UNTYPED_ACCESS = re.compile(r"getattr\([^)]*\b(app|services|settings)\b")


def test_no_screen_or_widget_reaches_the_app_by_getattr() -> None:
    root = Path(screens.__file__).parent
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if UNTYPED_ACCESS.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []
