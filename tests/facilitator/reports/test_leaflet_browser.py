"""Renders the participants' handout and after letter in headless Chromium to PNG, offline."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from facilitator.reports.handout import render_leaflet
from facilitator.session import Action
from tests.facilitator.reports.fixtures import make_session
from tests.facilitator.reports.pngcheck import decode
from tests.facilitator.reports.test_html_browser import CHROMIUM, _page_requests, _render

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("which", ["handout", "letter"])
def test_leaflet_renders_to_png_offline_and_redacted(
    which: str, language: str, tmp_path: Path
) -> None:
    session = make_session(language)
    named = Action(id="named", text="Ring Anna Lindqvist på 070-123 45 67 före fredag.")
    session = replace(
        session, title="Uppföljning med Anna Lindqvist", actions=(*session.actions, named)
    )
    data = render_leaflet(session, which, "html")
    text = data.decode("utf-8")
    assert "Lindqvist" not in text and "070-123 45 67" not in text
    page = tmp_path / f"{which}.html"
    page.write_bytes(data)
    png, net_log = _render(page, tmp_path)

    assert png.exists() and png.stat().st_size > 10_000
    image = decode(png.read_bytes(), max_rows=900)
    assert (image.width, image.height) == (1240, 1754)
    assert len(set(image.rows[:900])) > 50, "the page looks blank"
    dark = sum(1 for y in range(0, 900, 3) for x in range(0, 1240, 4) if image.pixel(x, y)[0] < 80)
    assert dark > 500, "no text drew"
    external = {u for u in _page_requests(net_log) if not u.startswith(("file:", "data:"))}
    assert external == set(), f"the leaflet made network requests: {sorted(external)}"
