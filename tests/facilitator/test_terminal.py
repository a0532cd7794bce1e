"""Terminal output from user data: escapes, bells and lone surrogates are shown, never obeyed."""

from __future__ import annotations

from facilitator.terminal import has_unsafe, printable, printable_lines


def test_escape_sequences_and_bells_become_visible() -> None:
    hostile = "Ward\x1b]0;pwned\x07\x1b[2J round\x9b1m"
    shown = printable(hostile)
    assert shown == "Ward\\x1b]0;pwned\\x07\\x1b[2J round\\x9b1m"
    assert not has_unsafe(shown)


def test_lone_surrogates_and_bidi_overrides_are_escaped() -> None:
    assert printable("a\ud800b\u202ec") == "a\\ud800b\\u202ec"
    assert printable("a\ud800b").encode("utf-8")


def test_ordinary_text_is_untouched() -> None:
    text = "Utskrivning – planering för Åsa (vård & omsorg) 🙂"
    assert printable(text) == text
    assert not has_unsafe(text)


def test_lines_keep_newlines_and_tabs_only() -> None:
    assert printable("a\nb") == "a\\x0ab"
    assert printable_lines("a\n\tb\x1b") == "a\n\tb\\x1b"
