"""Renders the HTML export in real headless Chromium: it loads offline and the triangle draws."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from facilitator.reports.export import write_export
from tests.facilitator.reports.fixtures import make_session
from tests.facilitator.reports.pngcheck import decode

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
PROFESSIONALS_BLUE = (0x1F, 0x5F, 0xA8)


def _render(page: Path, tmp_path: Path) -> tuple[Path, Path]:
    assert CHROMIUM is not None
    png, net_log = tmp_path / "page.png", tmp_path / "net.json"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--no-pings",
        "--disable-domain-reliability",
        "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--log-net-log={net_log}",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={png}",
        "--window-size=1240,1754",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return png, net_log


def _page_requests(net_log: Path) -> set[str]:
    """URLs the page asked the network for, from the NetLog JSON.

    Chromium's own background traffic (updater, clock, accounts) carries the initiator
    "not an origin"; anything a page loads names the page's origin ("null" for file://).
    """
    text = net_log.read_text(encoding="utf-8", errors="replace").strip()
    try:
        document = json.loads(text)
    except json.JSONDecodeError:  # a log cut short when Chromium exits: close it
        document = json.loads(text.rstrip(",") + "]}")
    events = document.get("events", [])
    urls = set()
    for event in events:
        params = event.get("params", {})
        initiator = params.get("initiator")
        if isinstance(params.get("url"), str) and initiator not in (None, "not an origin"):
            urls.add(params["url"])
    return urls


@pytest.mark.parametrize("language", ["en", "sv"])
def test_html_export_renders_offline_with_the_triangle(language: str, tmp_path: Path) -> None:
    page = write_export(make_session(language), "html", tmp_path / "report.html", vault_dir=None)
    png, net_log = _render(page, tmp_path)

    assert png.exists() and png.stat().st_size > 10_000
    image = decode(png.read_bytes(), max_rows=1000)
    assert (image.width, image.height) == (1240, 1754)
    assert len(set(image.rows[:1000])) > 50, "the page looks blank"
    # The professionals' polygon is drawn in a colour nothing else on the page uses.
    blue = 0
    for y in range(250, 1000, 2):
        row = image.rows[y]
        for x in range(0, image.width * image.channels, image.channels * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if (
                abs(r - PROFESSIONALS_BLUE[0])
                + abs(g - PROFESSIONALS_BLUE[1])
                + abs(b - PROFESSIONALS_BLUE[2])
                < 40
            ):
                blue += 1
    assert blue > 50, "the power triangle did not draw"

    external = {u for u in _page_requests(net_log) if not u.startswith(("file:", "data:"))}
    assert external == set(), f"the report made network requests: {sorted(external)}"


def test_the_network_check_sees_a_page_that_fetches(tmp_path: Path) -> None:
    page = tmp_path / "leak.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://leak.test/x.png"></body></html>')
    _, net_log = _render(page, tmp_path)
    assert "http://leak.test/x.png" in _page_requests(net_log)
