"""The chat page in a real headless Chromium: ask, see an offer card, decline it, ask again, no re-offer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.live_server import serve_store

pytestmark = pytest.mark.browser

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

CATALOG = [
    {"sku": "PX8-128", "name": "Pixel X8 128 GB", "price": 699.0, "category": "Electronics > Phones",
     "description": "Phone with a 6.2-inch screen and 128 GB storage.", "family": "px8", "tier": 1, "stock": 20,
     "attributes": {"storage_gb": 128, "battery_mah": 4500}, "margin": 0.2},
    {"sku": "PX8-256", "name": "Pixel X8 256 GB", "price": 949.0, "category": "Electronics > Phones",
     "description": "Same phone with 256 GB storage for lots of photos.", "family": "px8", "tier": 2, "stock": 10,
     "attributes": {"storage_gb": 256, "battery_mah": 4500}, "margin": 0.18},
    {"sku": "PB-20K", "name": "PowerCell 20,000 mAh power bank", "price": 39.0,
     "category": "Electronics > Phone Accessories > Power Banks",
     "description": "Portable battery pack so your phone battery lasts all day: two full charges.",
     "compatible_with": ["family:px8"], "stock": 50, "margin": 0.4},
    {"sku": "CASE-PX8", "name": "Rugged case for Pixel X8", "price": 29.0,
     "category": "Electronics > Phone Accessories > Cases",
     "description": "Protective case against drops and cracked screens.", "compatible_with": ["family:px8"],
     "stock": 40},
]



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app under uvicorn in a thread on a free loopback port."""
    if CHROMIUM is None:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get update && apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (never `playwright install`)")
    with serve_store(tmp_path_factory.mktemp("browser"), CATALOG) as served:
        yield served


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        yield b
        b.close()


def _ask(page, text: str) -> None:
    """Type a message, send it with the keyboard, wait until the streamed reply is complete."""
    bots_before = page.locator(".cw-msg.cw-bot").count()
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.cw-msg.cw-bot').length > n"
        " && document.querySelector('.cw-log').getAttribute('aria-busy') === 'false'",
        arg=bots_before,
        timeout=20_000,
    )


def test_offer_card_decline_and_no_reoffer(server, browser):
    base, app = server
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/")
    page.wait_for_function("document.getElementById('product-name').textContent === 'Pixel X8 128 GB'")
    assert page.locator(".cw-log[aria-live=polite]").count() == 1  # replies are announced

    _ask(page, "I wish my battery lasted all day")
    card = page.locator(".cw-offer").first
    card.wait_for(timeout=10_000)
    assert card.get_attribute("data-sku") == "PB-20K"
    assert "PowerCell 20,000 mAh power bank" in card.inner_text()
    assert "$39.00" in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "browser-offer.png"), full_page=True)

    # Keyboard only: Tab from "Add to cart" on the card reaches "No thanks"; Enter declines.
    page.get_by_role("button", name="Accept PowerCell 20,000 mAh power bank").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "No thanks to PowerCell 20,000 mAh power bank"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.cw-offer').getAttribute('data-outcome') === 'declined'")
    session_id = page.evaluate("Cartwise.sessionId")
    assert "PB-20K" in app.state.agent.deps.sessions.load(session_id).declined_skus

    _ask(page, "my phone battery never lasts, I need more battery life")
    page.screenshot(path=str(ARTIFACTS / "browser-after-decline.png"), full_page=True)
    skus = page.eval_on_selector_all(".cw-offer", "els => els.map(e => e.dataset.sku)")
    assert skus.count("PB-20K") == 1, skus  # the declined power bank is never offered again
    assert not errors, errors
    page.close()


def test_widget_is_readable_on_a_phone(server, browser):
    base, _ = server
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True)
    page.goto(base + "/")
    page.get_by_role("button", name="Chat with us").click()  # phones keep the chat behind the launcher
    page.wait_for_selector(".cw-widget")
    width = page.evaluate("document.querySelector('.cw-widget').getBoundingClientRect().width")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert 300 <= width <= 375 and not overflow
    page.screenshot(path=str(ARTIFACTS / "browser-phone.png"), full_page=True)
    page.close()


def test_rep_console_inserts_a_suggestion(server, browser):
    base, app = server
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(base + "/rep?session=rep-browser")
    page.get_by_label("Admin API key").fill("rep-key")
    page.get_by_label("Message", exact=True).fill("I wish my battery lasted all day")
    page.get_by_label("Product in focus (sku, optional)").fill("PX8-128")
    page.get_by_role("button", name="Suggest replies").click()
    page.wait_for_selector(".suggestion")
    offer_card = page.locator(".suggestion", has_text="Answer + offer")
    assert "uplift" in offer_card.inner_text() and offer_card.locator(".checks .ok").count() == 5
    page.screenshot(path=str(ARTIFACTS / "browser-rep-suggestions.png"), full_page=True)
    offer_card.get_by_role("button").click()
    assert "PowerCell" in page.get_by_label("Reply to send (edit freely)").input_value()
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_function("document.getElementById('status').textContent === 'Sent.'")
    page.screenshot(path=str(ARTIFACTS / "browser-rep.png"), full_page=True)
    state = app.state.agent.deps.sessions.load("rep-browser")
    assert len(state.turns) == 1 and state.offers_made[0].sku == "PB-20K"
    page.close()



@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_docs_page_renders_the_operations(server, browser, size):
    """Swagger UI must actually render the OpenAPI 3.1 document, not just serve its HTML."""
    base, _ = server
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    body = page.inner_text("body")
    assert "Unable to render this definition" not in body
    paths = page.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.textContent.trim())")
    assert "/v1/chat" in paths and "/v1/events" in paths, paths
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"browser-docs-{'phone' if size[0] < 600 else 'desktop'}.png"))
    assert not errors, errors
    page.close()
