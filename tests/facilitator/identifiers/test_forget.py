"""The detector remembers texts and words for speed, and forgets them when asked."""

from __future__ import annotations

from facilitator.identifiers import detect, forget
from facilitator.identifiers.names import _classify


def test_forget_drops_every_remembered_text_and_word() -> None:
    text = "Anna Lindqvist ringde 070-123 45 67"
    first = detect(text)
    assert detect(text) is first  # remembered
    assert detect.cache_info().currsize > 0 and _classify.cache_info().currsize > 0
    forget()
    assert detect.cache_info().currsize == 0 and _classify.cache_info().currsize == 0
    assert detect(text) == first
