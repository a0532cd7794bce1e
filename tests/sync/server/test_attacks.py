"""Attacks by a network's own members on its pooled figures, played against a real server.

Each test starts `facilitator-server serve` on loopback, uploads over HTTP with members'
tokens and reads what any member can read. Releases are made by calling the release function
on the server's SQL store directly (the schedule is off), so hundreds of them stay fast.

How noise is tested: where a published figure leaks something, the attacker computes its best
estimate of the victim's value in at least 200 releases, each with its own noise. The errors
are compared with a reference sample of 20,000 errors simulated from the *stated* noise scales
(epsilon of the release, the template's dimension count, thresholds on noisy counts and the
API's rounding; Laplace draws from a seeded generator) by a two-sample Kolmogorov-Smirnov
test, failing at p < 0.0001; their median absolute error must be within 0.65-1.5 times the
reference's (about four standard errors of a median of 200 either side); and the attacker's
mean absolute error must be wider than the whole rating scale (1-5). Noise at half the
stated scale already fails the KS test.
"""

from __future__ import annotations

import math
import random
import statistics
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from sync.server import admin
from sync.server.db import make_engine, migrate
from sync.server.models import release_cells, releases, summaries
from sync.server.registry import module_shape
from sync.server.releases import ROLE_GROUPS, STATISTICS_PER_ATOM, publish_release
from tests.sync.server.conftest import make_distribution_summary, make_summary
from tests.sync.server.live import LiveServer, live_server

pytest.importorskip("opendp")

NETWORK = "alpha"
MEMBERS = ("a1", "a2", "a3", "a4", "victim")
CELL = {
    "template": "power-balance",
    "dimension": "resources",
    "care_setting": "home_care",
}
RELEASES = 200
REFERENCE_DRAWS = 20_000
KS_ALPHA = 1e-4


@dataclass
class Arena:
    """A live server, its store, and every member's HTTP client."""

    server: LiveServer
    engine: sa.Engine
    clients: dict[str, httpx.Client]

    def put(self, who: str, body: dict[str, Any]) -> httpx.Response:
        """Upload one summary as member `who`."""
        return self.clients[who].put(
            f"/v1/summaries/{body['summary_id']}",
            json=body,
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )

    def upload(self, who: str, count: int, mean: float, care_setting: str = "home_care") -> None:
        """Upload `count` sessions rating `resources` for professionals at `mean`."""
        for _ in range(count):
            body = make_summary(
                care_setting=care_setting, ratings=[("resources", "professionals", mean, 1.0, 5)]
            )
            assert self.put(who, body).status_code == 201

    def release(self) -> int:
        """Publish a release directly on the store and return its number."""
        return publish_release(self.engine, NETWORK, datetime.now(UTC)).number

    def published_release(self) -> int:
        """Publish releases until the professionals' cell passes the noisy threshold."""
        for _ in range(50):
            number = self.release()
            if not self.cell("a1", number)["suppressed"]:
                return number
        raise AssertionError("the cell never passed its threshold in 50 releases")

    def raw(self, who: str, number: int | None = None, **params: Any) -> bytes:
        """Return the exact bytes of an aggregate query as member `who` sees them."""
        query: dict[str, Any] = {**CELL, "group_by": ["role_group", "care_setting"], **params}
        if number is not None:
            query["release"] = number
        answer = self.clients[who].get("/v1/aggregates", params=query)
        assert answer.status_code == 200, answer.text
        return answer.content

    def cell(self, who: str, number: int) -> dict[str, Any]:
        """Return the professionals' cell of release `number`; a release with noise does not
        list a suppressed cell, which reads here as one."""
        answer = httpx.Response(200, content=self.raw(who, number)).json()
        cells = [c for c in answer["cells"] if c["role_group"] == "professionals"]
        if not cells:
            assert answer["release"]["noise"], "without noise a suppressed cell is listed"
            return {"suppressed": True, "mean": None, "ratings": None}
        (cell,) = cells
        assert isinstance(cell, dict)
        return cell


@pytest.fixture
def arena(tmp_path: Path) -> Iterator[Arena]:
    """Yield a live server whose network `alpha` has five members and default privacy."""
    url = f"sqlite:///{tmp_path / 'attacks.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    admin.create_network(engine, NETWORK)
    tokens = {}
    for member in MEMBERS:
        admin.create_organisation(engine, NETWORK, member)
        tokens[member] = admin.issue_token(engine, NETWORK, member)
    with live_server(url, tmp_path, release_every_days="off") as server:
        clients = {
            m: httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {t}"})
            for m, t in tokens.items()
        }
        try:
            yield Arena(server, engine, clients)
        finally:
            for client in clients.values():
                client.close()
    engine.dispose()


# --- the reference: what the stated noise scales predict -----------------------------------


@dataclass(frozen=True)
class Scales:
    """The noise a release states for one atom, and its thresholds."""

    count: float
    value: float
    center: float
    min_sessions: int
    min_organisations: int


def _stated_scales(arena: Arena) -> Scales:
    """Return the scales documented for the cell, checked against what the releases stored."""
    info = arena.clients["a1"].get("/v1/templates").json()["templates"]
    shapes = [t for t in info if t["id"] == CELL["template"]]
    scales = [s for t in shapes for s in t["scales"] if s["dimension"] == CELL["dimension"]]
    # Each registered version of the template lists the dimension; the editions share its scale.
    assert scales and all(s == scales[0] for s in scales), scales
    scale = scales[0]
    with arena.engine.connect() as conn:
        stored = conn.execute(
            sa.select(release_cells.c.sessions_scale, release_cells.c.value_scale)
            .where(release_cells.c.published)
            .limit(1)
        ).first()
        rel = conn.execute(sa.select(releases).order_by(releases.c.number.desc())).first()
    assert rel is not None
    assert rel.epsilon == 1.0  # the default budget per release
    module = set(module_shape().dimensions)  # any template may carry the modules
    dimensions = max(len(set(t["dimensions"]) | module) for t in shapes)
    per_statistic = rel.epsilon / (STATISTICS_PER_ATOM * ROLE_GROUPS * dimensions)
    half_range = (scale["maximum"] - scale["minimum"]) / 2
    expected = Scales(
        count=1 / per_statistic,
        value=half_range / per_statistic,
        center=(scale["maximum"] + scale["minimum"]) / 2,
        min_sessions=rel.min_sessions,
        min_organisations=rel.min_organisations,
    )
    assert stored is not None
    assert stored.sessions_scale == pytest.approx(expected.count)
    assert stored.value_scale == pytest.approx(expected.value)
    return expected


def _laplace(rng: random.Random, scale: float) -> float:
    """Draw Laplace(0, scale) as the difference of two exponentials."""
    return scale * (rng.expovariate(1.0) - rng.expovariate(1.0))


def _published_mean(
    rng: random.Random, scales: Scales, sessions: int, organisations: int, mean_sum: float
) -> float | None:
    """Simulate one release's published mean of a single atom (None when suppressed)."""
    noisy_sessions = sessions + _laplace(rng, scales.count)
    noisy_organisations = organisations + _laplace(rng, scales.count)
    if noisy_sessions < scales.min_sessions or noisy_organisations < scales.min_organisations:
        return None
    centred = mean_sum - scales.center * sessions + _laplace(rng, scales.value)
    return round(scales.center + centred / noisy_sessions, 3)


def _ks_pvalue(sample: list[float], reference: list[float]) -> float:
    """Return the asymptotic two-sample Kolmogorov-Smirnov p-value."""
    a, b = sorted(sample), sorted(reference)
    i = j = 0
    d = 0.0
    while i < len(a) and j < len(b):
        x = min(a[i], b[j])
        while i < len(a) and a[i] <= x:
            i += 1
        while j < len(b) and b[j] <= x:
            j += 1
        d = max(d, abs(i / len(a) - j / len(b)))
    n = len(a) * len(b) / (len(a) + len(b))
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    if lam < 0.3:  # the series converges slowly here, and p is 1 to five decimals
        return 1.0
    terms = ((1 if k % 2 else -1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return min(1.0, max(0.0, 2 * sum(terms)))


def _assert_noise_hides(
    observed: list[float], simulate: Callable[[random.Random], float | None]
) -> None:
    """The attacker's errors follow the stated noise and are far wider than the scale."""
    assert len(observed) >= RELEASES
    rng = random.Random(20261206)
    reference = [e for _ in range(REFERENCE_DRAWS) if (e := simulate(rng)) is not None]
    p = _ks_pvalue(observed, reference)
    assert p > KS_ALPHA, f"attack errors do not follow the stated noise (KS p={p:.2g})"
    ratio = statistics.median(abs(e) for e in observed) / statistics.median(
        abs(e) for e in reference
    )
    assert 0.65 < ratio < 1.5, f"median absolute error is {ratio:.2f} x the stated noise's"
    mae = statistics.fmean(abs(e) for e in observed)
    assert mae > 4, f"mean absolute error {mae:.2f} does not hide a 1-5 rating"


# --- the attacks ------------------------------------------------------------------------------


def test_static_differencing_across_queries_reveals_nothing(arena: Arena) -> None:
    """Subtracting overlapping queries of one release never reaches a suppressed atom.

    The victim's lone session sits in its own atom (home care); every query shape of two
    releases whose only difference is the victim's rating gives the same figures.
    """
    admin.set_policy(arena.engine, NETWORK, dp_epsilon=None)  # exact figures: the worst case
    for member in ("a1", "a2", "a3"):
        arena.upload(member, 3, 3.0, care_setting="primary_care")
    victim = make_summary(
        care_setting="home_care", ratings=[("resources", "professionals", 1.0, 0.5, 5)]
    )
    assert arena.put("victim", victim).status_code == 201
    first = arena.release()
    assert (
        arena.clients["victim"].delete(f"/v1/summaries/{victim['summary_id']}").status_code == 204
    )
    victim.update(summary_id=str(uuid.uuid4()))
    victim["ratings"][0]["mean"] = 5.0
    answer = arena.put("victim", victim)
    assert answer.status_code == 201, answer.text
    second = arena.release()
    shapes: list[dict[str, Any]] = [
        {},
        {"care_setting": None},
        {"care_setting": "home_care"},
        {"care_setting": "primary_care"},
        {"group_by": []},
        {"group_by": ["care_setting"]},
        {"group_by": ["role_group"]},
        {"group_by": ["month", "phase", "care_setting", "role_group"]},
        {"from": "2026-11", "to": "2026-11", "group_by": ["care_setting"]},
    ]
    for shape in shapes:
        params = {k: v for k, v in shape.items() if v is not None}
        a = httpx.Response(200, content=arena.raw("a1", first, **params)).json()
        b = httpx.Response(200, content=arena.raw("a1", second, **params)).json()
        assert a["cells"] == b["cells"], shape
    home = [c for c in a["cells"] if c["care_setting"] == "home_care"]
    assert all(c["suppressed"] and c["mean"] is None for c in home)


def _fill_and_subtract(
    arena: Arena, attackers: dict[str, int], victim_mean: float, releases_: int = RELEASES
) -> list[float]:
    """Attackers fill the victim's atom with 3.0s and subtract them from each release."""
    for member, count in attackers.items():
        arena.upload(member, count, 3.0)
    arena.upload("victim", 1, victim_mean)
    return _subtract(arena, attackers, victim_mean, releases_)


def _subtract(
    arena: Arena, attackers: dict[str, int], victim_mean: float, releases_: int = RELEASES
) -> list[float]:
    """Return the attackers' errors over `releases_` published releases (at most 8x as many
    releases are made; in exact figures a suppressed cell gives none)."""
    own = sum(attackers.values())
    errors: list[float] = []
    for _ in range(8 * releases_):
        cell = arena.cell(next(iter(attackers)), arena.release())
        if not cell["suppressed"]:
            estimate = cell["mean"] * (own + 1) - 3.0 * own
            errors.append(estimate - victim_mean)
            if len(errors) == releases_:
                break
    return errors


def test_one_member_filling_a_suppressed_cell_recovers_nothing(arena: Arena) -> None:
    """One member's made-up uploads never lift a cell with too few organisations in exact
    figures; with noise (the default), the threshold is on a noisy organisation count, so
    the cell is sometimes published, and subtracting its own 40 sessions from each of 200
    published releases leaves the member only the stated noise."""
    admin.set_policy(arena.engine, NETWORK, dp_epsilon=None)
    errors = _fill_and_subtract(arena, {"a1": 40}, victim_mean=4.5, releases_=5)
    assert errors == []  # in exact figures: suppressed in every release
    admin.set_policy(arena.engine, NETWORK, dp_epsilon=1.0)
    errors = _subtract(arena, {"a1": 40}, victim_mean=4.5)
    scales = _stated_scales(arena)

    def simulate(rng: random.Random) -> float | None:
        mean = _published_mean(rng, scales, 41, 2, 40 * 3.0 + 4.5)
        return None if mean is None else mean * 41 - 120.0 - 4.5

    _assert_noise_hides(errors, simulate)


@pytest.mark.slow  # 400+ releases, each read back: a statistical sweep
def test_two_colluding_members_cannot_isolate_one_session(arena: Arena) -> None:
    """Two members fill the victim's atom (three organisations, as the default asks) and
    subtract their own sessions from each of 200+ releases: only the stated noise is left."""
    errors = _fill_and_subtract(arena, {"a1": 20, "a2": 20}, victim_mean=1.5)
    scales = _stated_scales(arena)

    def simulate(rng: random.Random) -> float | None:
        mean = _published_mean(rng, scales, 41, 3, 40 * 3.0 + 1.5)
        return None if mean is None else mean * 41 - 120.0 - 1.5

    _assert_noise_hides(errors, simulate)


@pytest.mark.slow  # 400+ releases, each read back: a statistical sweep
def test_polling_across_an_upload_and_a_withdrawal(arena: Arena) -> None:
    """A member polling a published cell sees the same bytes until the next release, and
    differencing the releases before and after another's upload (or, read backwards, its
    withdrawal) leaves only the stated noise over 200+ pairs of releases."""
    for member in ("a1", "a2", "a3"):
        arena.upload(member, 14, 3.0)
    number = arena.published_release()
    polled = arena.raw("a1", number)
    latest = arena.raw("a1")
    victim = make_summary(
        care_setting="home_care", ratings=[("resources", "professionals", 4.8, 0.5, 5)]
    )
    assert arena.put("victim", victim).status_code == 201
    assert arena.raw("a1", number) == polled and arena.raw("a1") == latest
    assert (
        arena.clients["victim"].delete(f"/v1/summaries/{victim['summary_id']}").status_code == 204
    )
    assert arena.raw("a1", number) == polled and arena.raw("a1") == latest

    def means(count: int) -> list[float]:
        out: list[float] = []
        while len(out) < count:
            cell = arena.cell("a1", arena.release())
            if not cell["suppressed"]:
                out.append(cell["mean"])
        return out

    before = means(RELEASES)
    victim.update(summary_id=str(uuid.uuid4()))
    assert arena.put("victim", victim).status_code == 201
    after = means(RELEASES)
    errors = [43 * a - 42 * b - 4.8 for a, b in zip(after, before, strict=True)]
    scales = _stated_scales(arena)

    def simulate(rng: random.Random) -> float | None:
        b = _published_mean(rng, scales, 42, 3, 42 * 3.0)
        a = _published_mean(rng, scales, 43, 4, 42 * 3.0 + 4.8)
        return None if a is None or b is None else 43 * a - 42 * b - 4.8

    _assert_noise_hides(errors, simulate)


def test_repeating_a_query_gives_the_same_bytes(arena: Arena) -> None:
    """Noise is drawn once per release: 400 identical queries (and equivalent spellings of
    the query) return identical bytes, so their median or mean is the single noisy figure."""
    for member in ("a1", "a2", "a3"):
        arena.upload(member, 10, 4.0)
    number = arena.published_release()
    bodies = {arena.raw("a4", number) for _ in range(400)}
    assert len(bodies) == 1
    assert arena.raw("a4") in bodies  # the newest release, asked without its number
    reordered = arena.raw("a4", number, group_by=["care_setting", "role_group"])
    assert reordered in bodies
    cell = arena.cell("a4", number)
    assert cell["mean"] != 4.0 and cell["mean_margin"] > 0


def _stored_text(arena: Arena) -> str:
    """Return every stored summary row as text."""
    with arena.engine.connect() as conn:
        return repr(conn.execute(sa.select(summaries)).all())


def test_free_text_in_ids_is_refused(arena: Arena) -> None:
    """Template and dimension ids a member made up (a name, a diagnosis, an identity number)
    are refused, never stored, never listed to other members and never logged."""
    secret = "anna-svensson-19800101-2384-diabetes"
    bodies = []
    body = make_summary()
    body["template"] = {"id": secret[:40], "version": 1}
    bodies.append(body)
    body = make_summary(ratings=[(secret[:40], "professionals", 3.0, 1.0, 5)])
    body["dimensions"] = [secret[:40], "resources"]
    bodies.append(body)
    body = make_summary()
    body["dimensions"] = ["Anna Svensson", "resources"]
    bodies.append(body)
    for body in bodies:
        answer = arena.put("a1", body)
        assert answer.status_code == 422
        assert "anna" not in answer.text.lower()
    listed = arena.clients["a2"].get("/v1/templates").text
    assert "anna" not in listed.lower()
    assert "anna" not in _stored_text(arena).lower()
    assert "anna" not in arena.server.log_text().lower()


def test_a_distribution_only_template_never_has_a_mean(arena: Arena) -> None:
    """The psychological-safety template is refused as mean and spread, and its published
    cells carry shares per scale point only, with or without noise."""
    body = make_distribution_summary([0, 0, 1, 2, 2, 0, 0])
    as_mean = {**body["ratings"][0], "mean": 3.8, "spread": 0.7, "distribution": None}
    assert arena.put("a1", {**body, "ratings": [as_mean]}).status_code == 422
    for member in ("a1", "a2", "a3"):
        for _ in range(4):
            body = make_distribution_summary([0, 1, 1, 1, 2, 0, 0], care_setting="home_care")
            assert arena.put(member, body).status_code == 201
    for epsilon in (1.0, None):
        admin.set_policy(arena.engine, NETWORK, dp_epsilon=epsilon)
        published: list[dict[str, Any]] = []
        for _ in range(50):  # with noise, until the noisy count passes the threshold
            answer = arena.clients["a4"].get(
                "/v1/aggregates",
                params={"template": "psych-safety", "release": arena.release()},
            )
            cells = answer.json()["cells"]
            assert all(c["mean"] is None and c["spread"] is None for c in cells)
            published = [c for c in cells if not c["suppressed"]]
            if published:
                break
        assert published
        for cell in published:
            assert cell["mean_margin"] is None and len(cell["distribution"]) == 7


def test_ratings_of_a_suppressed_group_are_refused(arena: Arena) -> None:
    """Ratings of a role group whose head-count is hidden, or more ratings than people, are
    refused; nothing of them is stored or published."""
    hidden = make_summary(ratings=[("resources", "managers", 2.0, 0.0, 3)])
    hidden["participants"]["managers"] = None
    two_people = make_summary(ratings=[("resources", "managers", 2.0, 0.0, 3)])
    two_people["participants"]["managers"] = 2
    too_many = make_summary(ratings=[("resources", "users_relatives", 2.0, 0.0, 4)])
    too_many["participants"]["users_relatives"] = 3
    for body in (hidden, two_people, too_many):
        assert arena.put("a1", body).status_code == 422
    assert "managers" not in _stored_text(arena)
    number = arena.release()
    answer = arena.clients["a2"].get(
        "/v1/aggregates", params={"release": number, "group_by": "role_group"}
    )
    assert answer.json()["cells"] == []
