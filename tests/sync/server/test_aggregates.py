"""Tests thresholds on published cells and that no query combination reveals a suppressed one."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from sync.server import admin
from tests.sync.server.conftest import World, make_distribution_summary, make_summary

GROUPS = ("role_group", "care_setting", "month", "phase")


def _upload(world: World, org: str, **kwargs: Any) -> str:
    body = make_summary(**kwargs)
    url = f"/v1/summaries/{body['summary_id']}"
    assert world.client.put(url, json=body, headers=world.auth(org)).status_code == 201
    return str(body["summary_id"])


def _cells(
    world: World, query: str = "", who: str = "a1", *, fresh: bool = True
) -> list[dict[str, Any]]:
    """Read one query; `fresh` publishes a new release of every network first."""
    if fresh:
        world.release()
    answer = world.client.get(f"/v1/aggregates{query}", headers=world.auth(who))
    assert answer.status_code == 200, answer.text
    cells: list[dict[str, Any]] = answer.json()["cells"]
    return cells


def _one_cell(world: World) -> dict[str, Any]:
    cells = _cells(world, "?group_by=role_group")
    assert len(cells) == 1
    return cells[0]


def test_five_sessions_from_three_organisations_are_published(world: World) -> None:
    for i in range(5):
        _upload(
            world, ("a1", "a2", "a3")[i % 3], ratings=[("resources", "users_relatives", 3, 1, 5)]
        )
    cell = _one_cell(world)
    assert cell["suppressed"] is False
    assert cell["ratings"] == 5 and cell["people"] == 25
    assert cell["mean"] == 3.0 and cell["spread"] == 1.0 and cell["distribution"] is None


def test_groups_under_five_pool_a_mean_but_publish_no_spread(world: World) -> None:
    for i in range(5):
        _upload(
            world, ("a1", "a2", "a3")[i % 3], ratings=[("resources", "users_relatives", 3, 1, 4)]
        )
    cell = _one_cell(world)
    assert cell["mean"] == 3.0 and cell["spread"] is None


def test_distribution_only_cells_publish_shares_per_point_never_a_mean(world: World) -> None:
    for i in range(5):
        body = make_distribution_summary([0, 1, 0, 3, 0, 1, 0])
        answer = world.client.put(
            f"/v1/summaries/{body['summary_id']}",
            json=body,
            headers=world.auth(("a1", "a2", "a3")[i % 3]),
        )
        assert answer.status_code == 201, answer.text
    cell = _one_cell(world)
    assert cell["mean"] is None and cell["spread"] is None
    assert cell["distribution"] == [0, 0.2, 0, 0.6, 0, 0.2, 0]


def test_four_sessions_are_suppressed(world: World) -> None:
    for i in range(4):
        _upload(world, ("a1", "a2", "a3")[i % 3])
    cell = _one_cell(world)
    assert cell["suppressed"] is True
    assert [cell[k] for k in ("ratings", "people", "mean", "spread")] == [None] * 4


def test_two_organisations_are_suppressed(world: World) -> None:
    for i in range(8):
        _upload(world, ("a1", "a2")[i % 2])
    assert _one_cell(world)["suppressed"] is True


def test_withdrawal_takes_a_cell_back_below_threshold(world: World) -> None:
    ids = [_upload(world, ("a1", "a2", "a3")[i % 3]) for i in range(5)]
    assert _one_cell(world)["suppressed"] is False
    world.client.delete(f"/v1/summaries/{ids[0]}", headers=world.auth("a1"))
    assert _one_cell(world)["suppressed"] is True


def test_policy_thresholds_are_the_networks(world: World) -> None:
    admin.set_policy(world.engine, "alpha", min_sessions=2, min_organisations=2)
    _upload(world, "a1")
    _upload(world, "a2")
    assert _one_cell(world)["suppressed"] is False


def test_pooled_mean_and_spread_are_exact(world: World) -> None:
    for i, (mean, spread) in enumerate([(2, 0), (4, 0), (2, 0), (4, 0), (3, 1), (3, 1)]):
        _upload(
            world, ("a1", "a2", "a3")[i % 3], ratings=[("attitudes", "managers", mean, spread, 5)]
        )
    cell = _one_cell(world)
    assert cell["mean"] == 3.0
    assert cell["spread"] == 1.0


def _all_answers(world: World) -> dict[str, list[dict[str, Any]]]:
    """Ask every grouping under every filter combination and keep the answers by query."""
    filters = [
        [""],
        ["", "&dimension=resources"],
        ["", "&phase=do"],
        ["", "&care_setting=hospital", "&care_setting=primary_care"],
        ["", "&from=2026-11&to=2026-11", "&from=2026-10", "&to=2026-10"],
    ]
    answers = {}
    world.release()
    for size in range(len(GROUPS) + 1):
        for groups in itertools.combinations(GROUPS, size):
            grouping = "".join(f"&group_by={g}" for g in groups)
            for parts in itertools.product(*filters):
                query = "?x=1" + grouping + "".join(parts)
                answers[query] = _cells(world, query, fresh=False)
    return answers


def _published_numbers(answers: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Return only the published cells' numbers (flags dropped)."""
    return {
        q: [{k: v for k, v in c.items() if k != "partial"} for c in cells if not c["suppressed"]]
        for q, cells in answers.items()
    }


@pytest.mark.slow  # every grouping under every filter, asked three times: a sweep
def test_no_filter_or_grouping_reveals_a_suppressed_cell_by_difference(world: World) -> None:
    """Changing or removing a suppressed cell's data changes no published number anywhere."""
    orgs = ("a1", "a2", "a3", "a4")
    for i in range(24):
        _upload(
            world,
            orgs[(i // 4) % 4],
            month=("2026-10", "2026-11")[i % 2],
            care_setting="primary_care",
            phase=("during", "evaluation")[(i // 2) % 2],
            ratings=[
                ("resources", "professionals", 1 + (i % 5), 0.5, 5),
                ("resources", "users_relatives", 2 + (i % 3), 0.2, 3),
            ],
        )
    # A small cell: hospital care in November, two organisations, four sessions.
    small = [
        _upload(
            world,
            ("a1", "a2")[i % 2],
            month="2026-11",
            care_setting="hospital",
            phase="during",
            ratings=[("resources", "professionals", 4.5, 0.1, 9)],
        )
        for i in range(4)
    ]
    before = _all_answers(world)
    assert any(c["suppressed"] for cells in before.values() for c in cells)
    assert any(not c["suppressed"] for cells in before.values() for c in cells)
    # The same small cell with entirely different values (still below thresholds).
    for sid, org in zip(small, ("a1", "a2", "a1", "a2"), strict=True):
        world.client.delete(f"/v1/summaries/{sid}", headers=world.auth(org))
    replacement = [
        _upload(
            world,
            ("a1", "a2")[i % 2],
            month="2026-11",
            care_setting="hospital",
            phase="during",
            ratings=[("resources", "professionals", 1.5, 2.0, 40)],
        )
        for i in range(3)
    ]
    changed = _all_answers(world)
    assert changed == before
    # Without the small cell at all, every published number is still the same.
    for sid, org in zip(replacement, ("a1", "a2", "a1"), strict=True):
        assert (
            world.client.delete(f"/v1/summaries/{sid}", headers=world.auth(org)).status_code == 204
        )
    gone = _all_answers(world)
    assert _published_numbers(gone) == _published_numbers(before)


def test_naive_total_minus_parts_leaves_nothing(world: World) -> None:
    """The classic attack: total minus published parts equals exactly zero, not the small cell."""
    for i in range(6):
        _upload(world, ("a1", "a2", "a3")[i % 3], care_setting="primary_care")
    for i in range(2):
        _upload(world, ("a1", "a2")[i % 2], care_setting="hospital",
                ratings=[("resources", "professionals", 5, 0, 50)])  # fmt: skip
    total = _cells(world, "?group_by=role_group")[0]
    parts = [c for c in _cells(world, "?group_by=role_group&group_by=care_setting")]
    published = [c for c in parts if not c["suppressed"]]
    assert total["people"] == sum(c["people"] for c in published)
    assert total["partial"] is True
    assert [c["care_setting"] for c in parts if c["suppressed"]] == ["hospital"]


def test_aggregates_never_cross_networks(world: World) -> None:
    for i in range(6):
        _upload(world, ("a1", "a2", "a3")[i % 3])
    assert _cells(world, who="b1") == []
    assert _cells(world, who="a4")[0]["suppressed"] is False


def test_grouping_and_filters_shape_the_cells(world: World) -> None:
    admin.set_policy(world.engine, "alpha", min_sessions=1, min_organisations=1)
    _upload(world, "a1", month="2026-09", phase="before_planning")  # a first-edition client
    two = [("resources", "professionals", 2, 0, 3), ("attitudes", "managers", 4, 0, 3)]
    _upload(world, "a1", month="2026-11", phase="do", ratings=two)
    cells = _cells(world, "?group_by=month&group_by=phase")
    assert {(c["dimension"], c["month"], c["phase"]) for c in cells} == {
        ("resources", "2026-09", "before_start"),
        ("resources", "2026-11", "do"),
        ("attitudes", "2026-11", "do"),
    }
    assert all(c["role_group"] is None and c["care_setting"] is None for c in cells)
    assert len(_cells(world, "?from=2026-10")) == 2
    assert len(_cells(world, "?to=2026-10")) == 1
    assert _cells(world, "?dimension=attitudes")[0]["mean"] == 4.0
    assert _cells(world, "?template=other") == []


def test_bad_query_parameters_are_422(world: World) -> None:
    for query in ("?group_by=organisation", "?from=2026-13", "?phase=x", "?dimension=A B"):
        answer = world.client.get(f"/v1/aggregates{query}", headers=world.auth("a1"))
        assert answer.status_code == 422, query


def test_releases_state_their_policy_and_noise_off_has_zero_margins(world: World) -> None:
    assert world.client.get("/v1/aggregates", headers=world.auth("a1")).json()["release"] is None
    for i in range(6):
        _upload(world, ("a1", "a2", "a3")[i % 3])
    world.release("alpha")
    answer = world.client.get("/v1/aggregates", headers=world.auth("a1")).json()
    assert answer["release"]["number"] == 1 and answer["release"]["noise"] is False
    assert answer["release"]["epsilon"] is None and answer["release"]["min_sessions"] == 5
    (cell,) = answer["cells"]
    assert cell["ratings_margin"] == 0 and cell["mean_margin"] == 0
    assert world.client.get("/v1/aggregates?release=2", headers=world.auth("a1")).status_code == 404


def test_noise_blurs_published_cells_and_states_its_margins(world: World) -> None:
    # Both thresholds apply to noisy counts. A session touches 21 atoms, so at epsilon 100 each
    # count has Laplace scale 3 x 21 / 100 = 0.63, and every threshold below is passed or
    # missed by at least 11: the odds of the wrong outcome are 0.5 exp(-11 / 0.63), under
    # 1 in 10 million. (Eight sessions against five failed about once in 100 runs.)
    admin.set_policy(world.engine, "alpha", dp_epsilon=100.0, min_organisations=1, min_sessions=12)
    members = [f"m{n}" for n in range(12)]
    for member in members:
        admin.create_organisation(world.engine, "alpha", member)
        world.tokens[member] = admin.issue_token(world.engine, "alpha", member)
    for i in range(24):  # 24 sessions from 12 organisations: published
        _upload(world, members[i % 12])
    _upload(world, "a1", care_setting="hospital")  # 1 session against 12: withheld
    cells = _cells(world, "?group_by=care_setting")
    published = next(c for c in cells if c["care_setting"] == "primary_care")
    assert published["suppressed"] is False and published["people"] is None
    assert published["spread"] is None and published["mean_margin"] > 0
    assert published["ratings_margin"] > 0
    # Whether a suppressed atom exists is exact, so with noise it is not even listed.
    assert [c["care_setting"] for c in cells] == ["primary_care"]
    assert not any(c["partial"] for c in _cells(world, "", fresh=False))
    release = world.client.get("/v1/aggregates", headers=world.auth("a1")).json()["release"]
    assert release["epsilon"] == 100.0 and release["noise"] is True
