"""Tests that the anonymized summary holds only controlled values, in the wire format's shape."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.anonymize import (
    SCHEMA,
    SummaryRefused,
    build_summary,
    payload_bytes,
    to_wire,
)
from facilitator.session import Action, Note, ParticipantCounts, Rating, RoundRecord, Session
from facilitator.templates.model import RoundTemplate
from facilitator.vocabulary import (
    REGIONS,
    CareSetting,
    NoteKind,
    Phase,
    RoleGroup,
    RoundKind,
    Tag,
)
from tests.facilitator.fixtures import TEMPLATE, sample_session

SID = "9b2f0c1e-2f0a-4e8e-9a57-0c7e3a1d2b44"


def _rated(session: Session, dimension: str, group: RoleGroup, values: list[int]) -> Session:
    for index, value in enumerate(values):
        session = session.with_rating(
            Rating(f"{dimension}-{group.value}-{index}", dimension, dimension, group, value)
        )
    return session


def test_payload_has_exactly_the_wire_fields_and_canonical_bytes() -> None:
    summary = build_summary(sample_session(), region="SE-F", summary_id=SID)
    raw = payload_bytes(summary)
    data = json.loads(raw)
    assert set(data) == {
        "schema", "summary_id", "template", "dimensions", "month", "region", "care_setting",
        "phase", "participants", "ratings", "rounds", "note_counts", "action_counts", "tags",
    }  # fmt: skip
    assert data["schema"] == SCHEMA
    assert data["summary_id"] == SID
    assert data["month"] == "2026-11"
    assert raw == json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def test_summary_id_is_random_and_unrelated_to_the_session_id() -> None:
    session = sample_session()
    first = build_summary(session, region=None)
    second = build_summary(session, region=None)
    assert first.summary_id != second.summary_id
    assert uuid.UUID(first.summary_id).version == 4
    assert session.id not in payload_bytes(first).decode()


def test_groups_below_three_are_suppressed_and_stats_are_population() -> None:
    session = replace(sample_session(), ratings=(), participants=ParticipantCounts(5, 2, 0))
    session = _rated(session, "resources", RoleGroup.PROFESSIONALS, [1, 3, 5, 3, 3])
    session = _rated(session, "resources", RoleGroup.USERS_RELATIVES, [4, 5])
    data = to_wire(build_summary(session, region=None))
    assert data["participants"] == {"professionals": 5, "users_relatives": None, "managers": None}
    assert data["ratings"] == [
        {
            "dimension": "resources",
            "role_group": "professionals",
            "mean": 3.0,
            "spread": 1.26,
            "count": 5,
            "distribution": None,
        }
    ]


def test_groups_under_five_get_a_mean_but_no_spread() -> None:
    session = replace(sample_session(), ratings=(), participants=ParticipantCounts(4, 0, 0))
    session = _rated(session, "resources", RoleGroup.PROFESSIONALS, [1, 3, 5, 3])
    (rating,) = to_wire(build_summary(session, region=None))["ratings"]
    assert rating["mean"] == 3.0 and rating["spread"] is None and rating["count"] == 4


def test_ratings_need_a_shown_head_count_and_never_outnumber_people() -> None:
    session = replace(sample_session(), ratings=(), participants=ParticipantCounts(3, 2, 0))
    session = _rated(session, "resources", RoleGroup.PROFESSIONALS, [1, 3, 5])
    session = _rated(session, "resources", RoleGroup.USERS_RELATIVES, [4, 5])
    ratings = to_wire(build_summary(session, region=None))["ratings"]
    assert [r["role_group"] for r in ratings] == ["professionals"]
    extra = Rating("extra", "resources", "resources", RoleGroup.PROFESSIONALS, 3)
    outnumbered = replace(session, ratings=(*session.ratings, extra))
    with pytest.raises(SummaryRefused):
        build_summary(outnumbered, region=None)


def test_distribution_only_templates_send_counts_per_point_never_a_mean() -> None:
    base = replace(sample_session(), ratings=(), participants=ParticipantCounts(5, 0, 0))
    session = replace(base, template=replace(TEMPLATE, distribution_only=True))
    session = _rated(session, "resources", RoleGroup.PROFESSIONALS, [1, 3, 5, 3, 7])
    (rating,) = to_wire(build_summary(session, region=None))["ratings"]
    assert rating["mean"] is None and rating["spread"] is None
    assert rating["distribution"] == [1, 0, 2, 0, 1, 0, 1]


def test_more_people_than_the_network_pools_is_refused() -> None:
    session = replace(sample_session(), participants=ParticipantCounts(61, 0, 0))
    with pytest.raises(SummaryRefused, match="at most 60"):
        build_summary(session, region=None)


def test_weighted_rating_counts_reach_the_threshold() -> None:
    session = replace(sample_session(), ratings=(), participants=ParticipantCounts(5, 3, 3))
    session = session.with_rating(
        Rating("x", "attitudes", "attitudes", RoleGroup.MANAGERS, 2, count=3)
    )
    (rating,) = to_wire(build_summary(session, region=None))["ratings"]
    assert rating["count"] == 3 and rating["mean"] == 2.0 and rating["spread"] is None


def test_a_group_of_two_is_suppressed_by_its_people_whatever_its_ratings() -> None:
    """Two managers in the room: no manager rating leaves, even when three were recorded."""
    session = replace(sample_session(), ratings=(), participants=ParticipantCounts(4, 3, 2))
    session = _rated(session, "resources", RoleGroup.MANAGERS, [2, 3])
    session = _rated(session, "resources", RoleGroup.PROFESSIONALS, [2, 3, 4])
    data = to_wire(build_summary(session, region=None))
    assert data["participants"]["managers"] is None
    assert [r["role_group"] for r in data["ratings"]] == ["professionals"]
    # A session saved before the cap existed: 3 manager ratings for 2 managers.
    forged = replace(
        session,
        ratings=(
            *session.ratings,
            Rating("late", "resources", "resources", RoleGroup.MANAGERS, 4),
        ),
    )
    with pytest.raises(SummaryRefused) as refused:
        build_summary(forged, region=None)
    assert refused.value.render("en") == (
        '"resources" has 3 ratings from Managers, but only 2 took part; '
        "correct the ratings before sharing"
    )
    assert "Chefer" in refused.value.render("sv")


def test_round_minutes_are_whole_and_skipped_rounds_are_zero() -> None:
    session = replace(
        sample_session(),
        rounds=(
            RoundRecord("opening", 5, 329),
            RoundRecord("resources", 12, 845),
            RoundRecord("attitudes", 12, 100, skipped=True),
        ),
    )
    rounds = to_wire(build_summary(session, region=None))["rounds"]
    assert [r["actual_minutes"] for r in rounds] == [5, 14, 0]
    assert [r["dimension"] for r in rounds] == [None, "resources", "attitudes"]


def test_actions_and_notes_on_unknown_dimensions_count_as_untied() -> None:
    session = sample_session().with_action(Action("a2", "call", dimension="Kalle Anka"))
    session = session.with_note(Note("n2", "nowhere", "text", NoteKind.QUESTION))
    data = to_wire(build_summary(session, region=None))
    assert {"dimension": None, "count": 1} in data["action_counts"]
    assert {"dimension": None, "kind": "question", "count": 1} in data["note_counts"]
    assert "Kalle" not in payload_bytes(build_summary(session, region=None)).decode()


@pytest.mark.parametrize("bad", ["Resources", "resurs er", "å", "x" * 41, "-lead"])
def test_ids_outside_the_wire_pattern_are_refused_with_one_line(bad: str) -> None:
    rounds = (RoundTemplate("r", RoundKind.DIMENSION, "R", dimension=bad),)
    session = replace(sample_session(), template=replace(TEMPLATE, rounds=rounds))
    with pytest.raises(SummaryRefused) as caught:
        build_summary(session, region=None)
    assert "\n" not in str(caught.value) and "dimension id" in str(caught.value)


def test_unknown_region_and_missing_month_are_refused() -> None:
    with pytest.raises(SummaryRefused):
        build_summary(sample_session(), region="Jönköping")
    with pytest.raises(SummaryRefused):
        build_summary(replace(sample_session(), created=None), region=None)


def test_ratings_outside_one_to_seven_are_refused() -> None:
    session = replace(sample_session(), participants=ParticipantCounts(5, 3, 3))
    session = _rated(session, "attitudes", RoleGroup.MANAGERS, [0, 1, 2])
    with pytest.raises(SummaryRefused, match="1-7"):
        build_summary(session, region=None)


def test_server_schema_accepts_the_payload_and_re_serialises_it_identically() -> None:
    schemas = pytest.importorskip("sync.server.schemas")
    raw = payload_bytes(build_summary(sample_session(), region="SE-F"))
    model = schemas.SummaryV2.model_validate_json(raw)
    assert model.canonical_json().encode("utf-8") == raw


# ---- property: no free text reaches the payload -------------------------------------------

WIRE_TOKENS = frozenset(
    [e.value for enum in (CareSetting, NoteKind, Phase, RoleGroup, RoundKind, Tag) for e in enum]
    + list(REGIONS)
    + [SCHEMA, TEMPLATE.id, *TEMPLATE.dimensions, "schema", "summary_id", "template", "version"]
    + ["dimensions", "month", "region", "care_setting", "phase", "participants", "ratings"]
    + ["rounds", "note_counts", "action_counts", "tags", "planned_minutes", "actual_minutes"]
    + ["count", "mean", "spread", "kind", "dimension", "role_group", "null", "id"]
    + ["distribution"]
)


def _fragments(text: str) -> set[str]:
    return {text[i : i + 4] for i in range(len(text) - 3)}


def _collides(text: str) -> bool:
    """Whether a 4-character run of `text` occurs in the wire vocabulary, ids or digits/UUID."""
    vocabulary = " ".join(WIRE_TOKENS)
    return any(
        f in vocabulary or re.fullmatch(r"[0-9a-f.:,\-\"{}\[\]]{4}", f) for f in _fragments(text)
    )


free_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=4, max_size=40
).filter(lambda t: not _collides(t))


@st.composite
def sessions(draw: st.DrawFn) -> tuple[Session, list[str]]:
    """A session whose title, project, notes and actions hold random free text."""
    texts = draw(st.lists(free_text, min_size=3, max_size=12))
    base = sample_session()
    session = replace(
        base,
        title=texts[0],
        project=texts[1],
        participants=ParticipantCounts(*draw(st.tuples(*[st.integers(0, 12)] * 3))),
        ratings=(),
        created=datetime(2026, draw(st.integers(1, 12)), 26, 13, 37, tzinfo=UTC),
    )
    round_ids = [r.id for r in TEMPLATE.rounds] + ["gone"]
    for index, text in enumerate(texts[2:]):
        if draw(st.booleans()):
            session = session.with_note(
                Note(f"n{index}", draw(st.sampled_from(round_ids)), text,
                     draw(st.sampled_from(list(NoteKind))), draw(st.sampled_from(list(RoleGroup))))
            )  # fmt: skip
        else:
            session = session.with_action(
                Action(f"a{index}", text, RoleGroup.MANAGERS, date(2026, 12, 24),
                       draw(st.sampled_from([None, "resources", text])))
            )  # fmt: skip
    for group in RoleGroup:
        people = session.participants.of(group)
        values = draw(st.lists(st.integers(1, 5), max_size=min(6, people)))
        session = _rated(session, draw(st.sampled_from(TEMPLATE.dimensions)), group, values)
    return session, texts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(sessions())
def test_no_run_of_four_characters_of_free_text_appears_in_the_payload(
    generated: tuple[Session, list[str]],
) -> None:
    """Every 4-character run of every title, project, note and action text is absent.

    Strategy texts are filtered so that none of their 4-character runs occurs in the allowed
    wire vocabulary (enum values, region codes, field names, the template's ids) or could be
    part of a UUID, number or JSON punctuation: those legitimately appear in every payload, so
    a collision there would be a false alarm rather than a leak. Exact dates (26th, 13:37,
    24 December) are checked too: only the month may appear.
    """
    session, texts = generated
    payload = payload_bytes(build_summary(session, region="SE-F", summary_id=SID)).decode()
    for text in texts:
        for fragment in _fragments(text):
            assert fragment not in payload, (fragment, text)
    assert "-26" not in payload and "13:37" not in payload and "12-24" not in payload
    data = json.loads(payload)
    for rating in data["ratings"]:
        people = data["participants"][rating["role_group"]]
        assert rating["count"] >= 3 and people is not None and rating["count"] <= people
    for count in data["participants"].values():
        assert count is None or count >= 3
