"""Provides the kinds of identifier the detector finds and the Finding it reports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a finding is; the value is the catalog key of its placeholder and its label."""

    NAME = "name"
    PERSONAL_NUMBER = "personal_number"
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    ADDRESS = "address"
    POSTCODE = "postcode"
    DATE = "date"
    VEHICLE = "vehicle"
    ACCOUNT = "account"
    NUMBER = "number"
    RARE_DETAIL = "rare_detail"


# When two findings overlap they become one, of the kind that comes first here.
PRIORITY: tuple[Kind, ...] = (
    Kind.PERSONAL_NUMBER,
    Kind.EMAIL,
    Kind.URL,
    Kind.ACCOUNT,
    Kind.PHONE,
    Kind.ADDRESS,
    Kind.POSTCODE,
    Kind.DATE,
    Kind.VEHICLE,
    Kind.NUMBER,
    Kind.NAME,
    Kind.RARE_DETAIL,
)


@dataclass(frozen=True)
class Finding:
    """A possible identifier: its kind and its span [start, end) in the original text."""

    kind: Kind
    start: int
    end: int

    def excerpt(self, text: str) -> str:
        """The flagged part of `text`."""
        return text[self.start : self.end]

    def context(self, text: str, width: int = 30) -> tuple[str, str, str]:
        """(before, the finding, after): up to `width` characters either side, on one line."""
        before = text[max(0, self.start - width) : self.start]
        after = text[self.end : self.end + width]
        flat = " ".join
        return flat(before.split()), self.excerpt(text), flat(after.split())
