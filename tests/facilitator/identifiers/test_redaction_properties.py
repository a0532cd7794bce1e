"""Property tests of redaction: nothing of a finding survives, and redaction is stable."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facilitator.identifiers import Kind, detect, placeholder, redact
from facilitator.identifiers.redact import replace_findings

PIECES = st.sampled_from(
    [
        "Anna",
        "Annas",
        "Björn",
        "Bjorn",
        "Rose",
        "rose",
        "19450312-1234",
        "19 45 03 12 12 34",
        "070-123 45 67",
        "anna(at)gmail(dot)com",
        "ＡＮＮＡ＠gmail．com",
        "Storgatan 12",
        "12 High Street",
        "553 21 Jönköping",
        "3 maj",
        "ABC 123",
        "bankgiro 5050-1055",
        "2019",
        "1177",
        "14.30",
        "sa",
        "och",
        "the",
        "mamma",
        "Esther",
        "\u0410nna",
        "noll sju noll ett två tre fyra fem sex sju",
        "103-åring",
        ",",
        ".",
        "\n",
        "[namn]",
        "[name]",
    ]
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=12).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=8).map("".join),
)
LANGUAGES = st.sampled_from(["en", "sv"])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS, LANGUAGES)
@example("dR0Aa", "en")  # a placeholder after a lower-case title was taken for a name
def test_no_character_of_a_finding_survives(text: str, language: str) -> None:
    findings = detect(text)
    first_pass = replace_findings(text, findings, language)
    assert redact(first_pass, language) == redact(text, language)
    redacted = first_pass
    position = 0
    for finding in findings:
        # The text between findings is copied unchanged; each finding is a placeholder.
        gap = text[position : finding.start]
        assert redacted.startswith(gap)
        redacted = redacted[len(gap) :]
        mark = placeholder(finding.kind, language)
        assert redacted.startswith(mark)
        redacted = redacted[len(mark) :]
        position = finding.end
    assert redacted == text[position:]


@FAST
@given(TEXTS, LANGUAGES)
def test_redacting_twice_changes_nothing(text: str, language: str) -> None:
    once = redact(text, language)
    assert redact(once, language) == once


@FAST
@given(
    st.lists(st.sampled_from(list(Kind)), min_size=1, max_size=6),
    LANGUAGES,
    st.text(alphabet=" ,.;:\n", max_size=3),
)
def test_placeholders_never_match_as_identifiers(
    kinds: list[Kind], language: str, separator: str
) -> None:
    text = (separator or " ").join(placeholder(kind, language) for kind in kinds)
    assert detect(text) == ()
