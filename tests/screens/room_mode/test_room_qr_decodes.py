"""The presenter view's QR code, rasterized by headless chromium, decodes to the join address.

The presenter view is exported as Textual's SVG screenshot, drawn by Debian's chromium at
several scales (a projector never shows the terminal at its native size), and read with
zxing-cpp, a decoder phones' scanning apps are built on. Dark and light themes, normal and
plain mode, 80x24 and 100x30.
"""

from __future__ import annotations

import asyncio
import io

import pytest

from facilitator.clock import FakeClock
from screens.presenter import PresenterScreen
from tests.screens.helpers import settle, started
from tests.screens.room_mode.harness import room_services
from tests.screens.room_mode.test_room_mode import open_room
from tests.sync.room.browser import chromium

pytestmark = pytest.mark.slow

# Page widths to draw the screenshot at: smaller than, near and larger than its own width.
WIDTHS = (900, 1280, 1800)


def decoded(svg: str) -> list[list[str]]:
    """The texts zxing-cpp reads in the SVG drawn by chromium at each of WIDTHS."""
    try:
        import zxingcpp
        from PIL import Image
    except ImportError as missing:
        pytest.fail(
            f"{missing.name} is missing: install the test extras (pip install -e '.[test]')"
        )
    found = []
    with chromium() as browser:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 1200})
            page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            png = page.locator("svg").first.screenshot()
            page.close()
            image = Image.open(io.BytesIO(png))
            found.append([result.text for result in zxingcpp.read_barcodes(image)])
    return found


@pytest.mark.parametrize("plain", [False, True], ids=["normal", "plain"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_qr_code_on_the_presenter_decodes_to_exactly_the_join_address(
    clock: FakeClock, size: tuple[int, int], theme: str, plain: bool
) -> None:
    services, session = room_services(clock, plain=plain)
    async with started(services, size=size) as (app, pilot):
        app.theme = theme
        panel = await open_room(app, pilot, session)
        assert panel.invite is not None
        address = panel.invite.join_url
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, PresenterScreen)
        svg = app.export_screenshot()
        found = await asyncio.to_thread(decoded, svg)
    assert found == [[address]] * len(WIDTHS)
