"""Provides the Esther card: the improvement work's symbolic person, kept in the vault.

One card per improvement work (a session's project), in one encrypted vault document. It
is shown in the opening round, never shared, and leaves in an export only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Protocol

from facilitator.errors import InvalidInput, NewerFormat
from facilitator.i18n import translator

DOCUMENT = "esther-cards"
VERSION = 1
MAX_FIELD = 2000
TEXT_FIELDS = ("name", "age", "situation", "providers", "matters")


class DocumentStore(Protocol):
    """The part of the vault the cards need: named, encrypted JSON documents."""

    def load_document(self, name: str) -> dict[str, Any]:
        """The document saved under `name`, {} when there is none."""
        ...

    def save_document(self, name: str, data: dict[str, Any]) -> None:
        """Save `data` under `name` atomically."""
        ...


@dataclass(frozen=True)
class EstherCard:
    """A real or composite Esther: name (may be invented), age, situation, care, what matters."""

    name: str = ""
    age: str = ""
    situation: str = ""
    providers: str = ""
    matters: str = ""
    on_presenter: bool = False

    @property
    def empty(self) -> bool:
        """Whether nothing has been written on the card."""
        return not any(getattr(self, f).strip() for f in TEXT_FIELDS)

    def with_texts(self, change: Callable[[str], str]) -> EstherCard:
        """The card with `change(text)` applied to every text field (redaction)."""
        return replace(
            self,
            name=change(self.name),
            age=change(self.age),
            situation=change(self.situation),
            providers=change(self.providers),
            matters=change(self.matters),
        )


def card_to_dict(card: EstherCard) -> dict[str, Any]:
    """The card as plain JSON data."""
    return asdict(card)


def card_from_dict(data: object, where: str = "esther") -> EstherCard:
    """A card from JSON data; InvalidInput naming the field when it is not one."""
    if not isinstance(data, dict):
        raise InvalidInput("errors.esther.damaged", where=where)
    values: dict[str, Any] = {}
    for field in fields(EstherCard):
        value = data.get(field.name, field.default)
        expected = bool if field.name == "on_presenter" else str
        if not isinstance(value, expected) or (isinstance(value, str) and len(value) > MAX_FIELD):
            raise InvalidInput("errors.esther.damaged", where=f"{where}.{field.name}")
        values[field.name] = value
    return EstherCard(**values)


def _key(project: str) -> str:
    return " ".join(project.split()).casefold()


def _cards(store: DocumentStore) -> dict[str, Any]:
    document = store.load_document(DOCUMENT) or {}
    version = document.get("version", VERSION)
    if isinstance(version, int) and version > VERSION:
        raise NewerFormat("errors.esther.newer")
    cards = document.get("cards", {})
    if not isinstance(cards, dict):
        raise InvalidInput("errors.esther.damaged", where="esther.cards")
    return cards


def load_card(store: DocumentStore, project: str) -> EstherCard | None:
    """The Esther card of an improvement work, None when it has none."""
    if not project.strip():
        return None
    data = _cards(store).get(_key(project))
    return None if data is None else card_from_dict(data, f"esther[{project.strip()}]")


def save_card(store: DocumentStore, project: str, card: EstherCard) -> None:
    """Keep (or, when the card is empty, remove) the Esther card of an improvement work."""
    if not project.strip():
        raise InvalidInput("errors.esther.no_project")
    cards = dict(_cards(store))
    if card.empty:
        cards.pop(_key(project), None)
    else:
        cards[_key(project)] = card_to_dict(card)
    store.save_document(DOCUMENT, {"version": VERSION, "cards": cards})


def card_lines(card: EstherCard, language: str) -> list[tuple[str, str]]:
    """(label, text) of each field written on the card, in reading order."""
    t = translator(language).t
    return [
        (t(f"esther.{field}"), getattr(card, field).strip())
        for field in TEXT_FIELDS
        if getattr(card, field).strip()
    ]


def card_summary(card: EstherCard, language: str) -> str:
    """The card on one line for the opening round: "Esther: Maj, 84. Lives alone. ..."."""
    t = translator(language).t
    who = ", ".join(part for part in (card.name.strip(), card.age.strip()) if part)
    parts = [who] if who else []
    if card.situation.strip():
        parts.append(card.situation.strip())
    if card.providers.strip():
        parts.append(t("esther.meets", providers=card.providers.strip()))
    if card.matters.strip():
        parts.append(t("esther.what_matters", matters=card.matters.strip()))
    text = ". ".join(" ".join(p.split()).rstrip(".") for p in parts)
    return t("esther.summary", card=text + ".")
