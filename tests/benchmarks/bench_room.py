"""Benchmarks room mode: 50 phones join and vote within 5 seconds over loopback HTTP.

`room_votes` reports the p99 latency of the phones' requests (goal under 200 ms) against the
same requests sent one phone at a time; `room_votes_timer_late` reports how late a 100 ms
timer on a simulated app loop (the main thread, as the TUI's) ran meanwhile, against the same
timer with the room idle; `room_votes_stored` checks every vote was counted. The phones run
in a child process, as real phones are other machines, so their work does not share our GIL.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PHONES = 50
WINDOW_SECONDS = 5.0
TICK_SECONDS = 0.1
REPEATS = 3
GROUPS = ("professionals", "users_relatives", "managers")


# ----- the phones (child process) ------------------------------------------------------


def _phone(host: str, port: int, secret: str, index: int, latencies: list[float]) -> bool:
    """One phone: scan, pick a group, open the ballot, vote; True when the vote was saved."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    cookies: dict[str, str] = {}

    def call(method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["content-type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        text = answer.read().decode()
        latencies.append(time.perf_counter() - started)
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";")[0]
        return answer.status, text

    try:
        call("GET", f"/J/{secret}")
        _, page = call("GET", "/group")
        token = re.search(r'name="csrf" value="([^"]+)"', page)
        assert token
        call("POST", "/group", {"csrf": token.group(1), "group": GROUPS[index % 3]})
        _, page = call("GET", "/room")
        vote = re.search(r'name="vote" value="([^"]+)"', page)
        assert vote
        status, _ = call(
            "POST",
            "/vote",
            {"csrf": token.group(1), "vote": vote.group(1), "value": str(1 + index % 5)},
        )
        return status == 303
    finally:
        conn.close()


def phones_main(host: str, port: int, secret: str, together: bool) -> dict[str, Any]:
    """All phones, spread over the window (together) or one after another (baseline)."""
    latencies: list[float] = []
    saved: list[bool] = []
    lock = threading.Lock()

    def one(index: int) -> None:
        if together:
            time.sleep(index * WINDOW_SECONDS / PHONES)
        mine: list[float] = []
        ok = _phone(host, port, secret, index, mine)
        with lock:
            latencies.extend(mine)
            saved.append(ok)

    began = time.perf_counter()
    if together:
        threads = [threading.Thread(target=one, args=(i,)) for i in range(PHONES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for i in range(PHONES):
            one(i)
    return {"latencies": latencies, "saved": sum(saved), "seconds": time.perf_counter() - began}


# ----- the app side (this process) -----------------------------------------------------


def _p99_ms(values: list[float]) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


async def _ticker(stop: threading.Event) -> float:
    """Tick every TICK_SECONDS until `stop`; the worst lateness of a tick, in seconds."""
    loop = asyncio.get_running_loop()
    due = loop.time()
    worst = 0.0
    while not stop.is_set():
        due += TICK_SECONDS
        await asyncio.sleep(max(0.0, due - loop.time()))
        worst = max(worst, loop.time() - due)
    return worst


def _round(together: bool) -> tuple[dict[str, Any], float, int]:
    """One room, one round, the phones in a child process; (phones' report, lateness, votes)."""
    from facilitator.clock import SystemClock
    from facilitator.session import ParticipantCounts
    from sync.room import RoomService
    from tests.facilitator.room.sessions import room_session

    rooms = RoomService(SystemClock())
    session = room_session(ParticipantCounts(17, 17, 16))
    invite = rooms.open(session, "127.0.0.1", 0)
    rooms.open_round("resources")
    host, port = invite.short_address.split(":")
    secret = invite.join_url.rsplit("/", 1)[1]
    stop = threading.Event()
    report: dict[str, Any] = {}

    def drive() -> None:
        args = [sys.executable, __file__, host, port, secret, "1" if together else "0"]
        out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120)
        report.update(json.loads(out.stdout))
        stop.set()

    driver = threading.Thread(target=drive)
    driver.start()
    lateness = asyncio.run(_ticker(stop))
    driver.join()
    closed = rooms.close_round()
    rooms.stop()
    votes = 0 if closed is None else closed.raters
    return report, lateness, votes


def _idle_lateness(seconds: float) -> float:
    """The same timer for `seconds` with a room served but nobody voting."""
    from facilitator.clock import SystemClock
    from sync.room import RoomService
    from tests.facilitator.room.sessions import room_session

    rooms = RoomService(SystemClock())
    rooms.open(room_session(), "127.0.0.1", 0)
    stop = threading.Event()
    timer = threading.Timer(seconds, stop.set)
    timer.start()
    lateness = asyncio.run(_ticker(stop))
    rooms.stop()
    return lateness


def run() -> list[dict[str, Any]]:
    """Median of REPEATS rounds of 50 phones, with baselines measured here and now."""
    p99s, lates, stored, spans = [], [], [], []
    base_p99s, base_lates = [], []
    for _ in range(REPEATS):
        report, late, votes = _round(together=True)
        p99s.append(_p99_ms(report["latencies"]))
        lates.append(1000 * late)
        stored.append(min(votes, report["saved"]))
        spans.append(report["seconds"])
        base_report, _, _ = _round(together=False)
        base_p99s.append(_p99_ms(base_report["latencies"]))
        base_lates.append(1000 * _idle_lateness(report["seconds"]))
    p99, base_p99 = statistics.median(p99s), statistics.median(base_p99s)
    late, base_late = statistics.median(lates), statistics.median(base_lates)
    votes = min(stored)
    return [
        {
            "name": "room_votes",
            "value": p99,
            "unit": "ms p99 per request (goal < 200)",
            "baseline_name": "the same requests one phone at a time",
            "baseline_value": base_p99,
            "ratio": p99 / base_p99 if base_p99 else float("inf"),
        },
        {
            "name": "room_votes_timer_late",
            "value": late,
            "unit": "ms worst lateness of a 100 ms app timer",
            "baseline_name": "the same timer with the room idle",
            "baseline_value": base_late,
            "ratio": late / base_late if base_late else float("inf"),
        },
        {
            "name": "room_votes_stored",
            "value": float(votes),
            "unit": f"votes counted of {PHONES} (window {statistics.median(spans):.1f} s)",
            "baseline_name": "phones voting",
            "baseline_value": float(PHONES),
            "ratio": votes / PHONES,
        },
    ]


if __name__ == "__main__" and len(sys.argv) == 5:
    result = phones_main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1")
    print(json.dumps(result))
elif __name__ == "__main__":
    for row in run():
        print(row)
