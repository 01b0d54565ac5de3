"""The widget on the demo page in headless Chromium, at desktop and phone sizes: the sheet, a typed yes, an upgrade.

Screenshots go to test-artifacts/widget-*.png.
"""

from __future__ import annotations

import json
import struct
import zlib

import pytest

from tests.api.live_server import serve_store
from tests.api.test_browser import ARTIFACTS, CHROME_ARGS, CHROMIUM, _ask, browser  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

SHOP = "https://shop.example"
CATALOG = [
    {"sku": "PX8-128", "name": "Pixel X8 128 GB", "price": 699.0, "category": "Electronics > Phones",
     "description": "Phone with a 6.2-inch screen and 128 GB storage.", "family": "px8", "tier": 1, "stock": 20,
     "attributes": {"storage_gb": 128, "battery_mah": 4500}},
    {"sku": "PX8-256", "name": "Pixel X8 256 GB", "price": 849.0, "category": "Electronics > Phones",
     "description": "Same phone with 256 GB storage for lots of photos.", "family": "px8", "tier": 2, "stock": 10,
     "attributes": {"storage_gb": 256, "battery_mah": 4500}},
    {"sku": "PB-20K", "name": "PowerCell 20,000 mAh power bank", "price": 39.0,
     "category": "Electronics > Phone Accessories > Power Banks",
     "description": "Portable battery pack so your phone battery lasts all day: two full charges.",
     "compatible_with": ["family:px8"], "stock": 50, "url": f"{SHOP}/p/pb-20k", "image_url": f"{SHOP}/img/pb-20k.png"},
]
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def _png() -> bytes:
    """A 2x2 blue PNG, served for the catalog's image URLs (the test never leaves the machine)."""
    raw = b"".join(b"\x00" + b"\x1f\x5f\x8b" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app under uvicorn in a thread, with a catalog that has an affordable upgrade and product images."""
    if CHROMIUM is None:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get update && apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (never `playwright install`)")
    with serve_store(tmp_path_factory.mktemp("widget"), CATALOG) as served:
        yield served


def _open_demo(browser, base: str, size: str):
    """The demo page at one size, product loaded, chat panel open, page errors collected."""
    page = browser.new_page(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    page.route(f"{SHOP}/**", lambda route: route.fulfill(status=200, content_type="image/png", body=_png()))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/")
    page.wait_for_function("document.getElementById('product-name').textContent === 'Pixel X8 128 GB'")
    if size == "phone":
        page.get_by_role("button", name="Chat with us").click()
    page.get_by_label("Your message").wait_for(state="visible")
    return page, errors


def _shot(page, name: str, size: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-{name}-{size}.png"))


def _box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return {x: r.x, y: r.y, w: r.width, h: r.height}; }")


def _on_top(page, selector: str) -> bool:
    """Whether the element's centre is really clickable (nothing covers it)."""
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " const hit = document.elementFromPoint(r.x + r.width / 2,"
                                           " r.y + r.height / 2); return hit === e || e.contains(hit); }")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_panel_closes_and_the_launcher_stays_usable(server, browser, size):
    base, _ = server
    page, errors = _open_demo(browser, base, size)
    assert "viewport-fit=cover" in page.get_attribute("meta[name=viewport]", "content")
    panel, vp = _box(page, "#cw-panel"), SIZES[size]
    if size == "phone":
        # A bottom sheet: full width, resting on the bottom edge, its close button on screen.
        assert panel["x"] == 0 and panel["w"] == vp["width"] and abs(panel["y"] + panel["h"] - vp["height"]) < 1
    else:
        # A floating panel beside the product, not below the whole page, and not covering it.
        product = _box(page, "#product")
        assert panel["y"] + panel["h"] <= vp["height"] and product["x"] + product["w"] <= panel["x"]
    close = page.get_by_role("button", name="Close chat")
    assert close.is_visible() and _on_top(page, ".cw-close")
    _shot(page, "panel-open", size)

    close.click()
    assert page.locator("#cw-panel").is_hidden()
    launcher = page.get_by_role("button", name="Chat with us")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert launcher.is_visible() and _on_top(page, ".cw-launcher")
    box = _box(page, ".cw-launcher")
    assert box["y"] + box["h"] <= vp["height"] and box["x"] + box["w"] <= vp["width"]
    assert page.evaluate("document.activeElement.classList.contains('cw-launcher')")  # focus returns to it
    _shot(page, "panel-closed", size)

    launcher.click()
    assert page.locator("#cw-panel").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#cw-panel").is_hidden()
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_typed_yes_adds_the_offer_to_the_demo_cart(server, browser, size):
    base, app = server
    page, errors = _open_demo(browser, base, size)

    # Hold the turn's request to see the typing indicator while it is in flight.
    held = []
    page.route("**/v1/chat/stream", lambda route: held.append(route))
    page.get_by_label("Your message").fill("I wish my battery lasted all day")
    page.get_by_label("Your message").press("Enter")
    page.wait_for_function("document.querySelector('.cw-log').getAttribute('aria-busy') === 'true'")
    page.wait_for_function("() => true")  # let the route handler run
    typing = page.locator(".cw-typing[role=status]")
    assert typing.is_visible() and "typing" in typing.inner_text()
    _shot(page, "typing", size)
    page.unroute("**/v1/chat/stream")
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    page.wait_for_function("document.querySelector('.cw-log').getAttribute('aria-busy') === 'false'",
                           timeout=20_000)
    assert typing.count() == 0

    card = page.locator(".cw-offer[data-sku='PB-20K']")
    card.wait_for()
    assert card.locator(".cw-uplift").inner_text() == "+$39"  # the demo cart is empty: the amount, not a percentage
    page.wait_for_function("document.querySelector(\".cw-offer[data-sku='PB-20K'] img\").naturalWidth === 2")
    assert card.get_by_role("link").get_attribute("href") == f"{SHOP}/p/pb-20k"
    assert page.locator("#cart-count").inner_text() == "0"

    _ask(page, "yes please")
    page.wait_for_function("document.getElementById('cart-count').textContent === '1'")
    assert "PowerCell 20,000 mAh power bank" in page.locator("#cart-lines").inner_text()
    assert card.get_attribute("data-outcome") == "accepted"
    _shot(page, "typed-yes", size)

    session = page.evaluate("Cartwise.sessionId")
    assert app.state.agent.session(session).accepted_skus == ["PB-20K"]
    assert [(e.sku, e.type) for e in app.state.events.all() if e.session_id == session and e.type == "accepted"] \
        == [("PB-20K", "accepted")]

    # The next turn's context carries the cart.
    with page.expect_request("**/v1/chat/stream") as request:
        _ask(page, "thanks!")
    assert {"sku": "PB-20K", "qty": 1} in json.loads(request.value.post_data)["context"]["cart"]
    assert not errors, errors
    page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_switching_to_an_upgrade_moves_the_focus(server, browser, size):
    base, app = server
    page, errors = _open_demo(browser, base, size)
    # The phone goes in the cart first (on a phone the sheet covers the page: close it, add, reopen).
    if size == "phone":
        page.get_by_role("button", name="Close chat").click()
    page.locator("#add-to-cart").click()
    if size == "phone":
        page.get_by_role("button", name="Chat with us").click()
    _ask(page, "my phone is always out of storage")
    card = page.locator(".cw-offer[data-sku='PX8-256']")
    card.wait_for()
    assert card.locator(".cw-uplift").inner_text() == "+$150 over Pixel X8 128 GB"
    if size == "desktop":
        card.get_by_role("button", name="Accept Pixel X8 256 GB").click()  # "Switch to this"
    else:
        _ask(page, "I'll take it")
    page.wait_for_function("document.getElementById('product-name').textContent === 'Pixel X8 256 GB'")
    assert page.evaluate("Cartwise.getContext().product_sku") == "PX8-256"
    page.wait_for_function("document.getElementById('cart-lines').textContent.includes('Pixel X8 256 GB')")
    assert "128 GB" not in page.locator("#cart-lines").inner_text()
    _shot(page, "upgrade-switched", size)

    _ask(page, "how much storage does it have?")
    reply = page.locator(".cw-msg.cw-bot").last.inner_text()
    assert "256 GB" in reply and "128 GB" not in reply, reply
    assert app.state.agent.session(page.evaluate("Cartwise.sessionId")).last_context.product_sku == "PX8-256"
    _shot(page, "upgrade-next-reply", size)
    assert not errors, errors
    page.close()
