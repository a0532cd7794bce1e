"""Provides `redact`: a text with each possible identifier replaced by a typed placeholder."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache

from facilitator.i18n import translator
from facilitator.identifiers.detector import detect
from facilitator.identifiers.kinds import Finding, Kind
from facilitator.identifiers.normalise import key

_MAX_PASSES = 8


@cache
def placeholder(kind: Kind, language: str) -> str:
    """The placeholder for `kind` in `language`: "[namn]", "[phone]"."""
    return f"[{translator(language).t(f'identifiers.placeholder.{kind.value}')}]"


def kept(finding: Finding, text: str, keep: Collection[str]) -> bool:
    """Whether the facilitator chose to keep this finding's text (compared case-folded)."""
    return bool(keep) and key(finding.excerpt(text)) in {key(k) for k in keep}


def replace_findings(
    text: str, findings: Sequence[Finding], language: str, keep: Collection[str] = ()
) -> str:
    """`text` with each of `findings` not in `keep` replaced by its placeholder, in one pass."""
    keys = {key(k) for k in keep}
    parts: list[str] = []
    position = 0
    for finding in findings:
        if key(finding.excerpt(text)) in keys:
            continue
        parts.append(text[position : finding.start])
        parts.append(placeholder(finding.kind, language))
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def redact(text: str, language: str, keep: Collection[str] = ()) -> str:
    """`text` with every finding not in `keep` replaced by its placeholder in `language`.

    A replacement can change the context of what is left ("100-åring0000" becomes
    "100-åring[number]", now a rare detail), so it repeats until nothing more is found.
    """
    for _ in range(_MAX_PASSES):
        redacted = replace_findings(text, detect(text), language, keep)
        if redacted == text:
            break
        text = redacted
    return text
