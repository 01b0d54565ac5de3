"""The /admin page in a real headless Chromium: sign in with the key, see the charts, at desktop and phone sizes."""

from __future__ import annotations


import pytest

from tests.api.live_server import serve_store
from tests.api.test_browser import ARTIFACTS, CATALOG, CHROMIUM, browser  # noqa: F401 - shared fixture

pytestmark = pytest.mark.browser
KEY = "admin-page-key"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real app under uvicorn in a thread on a free loopback port, with an admin key."""
    if CHROMIUM is None:
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get update && apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (never `playwright install`)")
    with serve_store(tmp_path_factory.mktemp("admin-browser"), CATALOG, KEY) as served:
        yield served


def _seed(base: str) -> None:
    """A few outcome events today, as the shop's server would report them."""
    import httpx

    context = {"page": "product", "product_sku": "PX8-128", "cart": [{"sku": "PX8-128", "qty": 1}]}
    chat = httpx.post(base + "/v1/chat", json={"session_id": "adm-1", "message": "I wish my battery lasted all day",
                                               "context": context}, timeout=120)
    sku = chat.json()["offers"][0]["sku"]  # offered by the agent: the events get its kind
    events = [
        {"session_id": "adm-1", "type": "shown", "sku": sku},
        {"session_id": "adm-1", "type": "accepted", "sku": sku},
        {"session_id": "adm-1", "type": "purchased", "amount": 738.0, "customer_id": "c1"},
        {"session_id": "adm-2", "type": "shown", "sku": "CASE-PX8"},
        {"session_id": "adm-2", "type": "purchased", "amount": 699.0},
    ]
    for body in events:
        r = httpx.post(base + "/v1/events", json=body, headers={"X-API-Key": KEY})
        assert r.status_code == 201, r.text


@pytest.mark.parametrize("name,viewport", [("desktop", {"width": 1280, "height": 900}),
                                           ("phone", {"width": 390, "height": 844})])
def test_sign_in_and_see_the_charts(server, browser, name, viewport):  # noqa: F811 - pytest fixtures
    base, app = server
    if app.state.events.count() == 0:
        _seed(base)
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/admin")
    assert page.locator("svg").count() == 0  # nothing before signing in
    page.get_by_label("Admin key").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()
    page.get_by_label("Admin key").fill(KEY)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Acceptance rate by kind").wait_for()
    assert "cross-sell: 100.0%" in page.locator("section", has_text="Acceptance rate by kind").inner_text()
    assert KEY not in page.url
    charts = page.get_by_role("img")
    assert charts.count() == 6
    assert page.get_by_role("img", name="Offers shown and accepted per day").is_visible()
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["cartwise_admin"]["httpOnly"] and KEY not in cookies["cartwise_admin"]["value"]
    assert page.evaluate("document.cookie") == ""  # the session cookie is out of the page's reach
    # the numbers are in tables too
    page.locator("summary", has_text="Table").first.click()
    assert page.locator("table.data").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)
    assert not errors, errors
    assert all(u.startswith(base) for u in requests), requests  # no CDN
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Admin key").wait_for()
    context.close()
