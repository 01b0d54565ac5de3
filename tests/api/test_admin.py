"""The merchant's view: the per-day series worked out by hand, the endpoint on real events, and the /admin login."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone

import pytest
from sqlalchemy import Column, Float, MetaData, String, Table, create_engine, insert, inspect, text

from api.admin_auth import COOKIE_NAME, cookie_valid, make_cookie
from api.events import EventStore, StoredEvent
from api.metrics_series import ChatInfo, FollowupInfo, build_series
from api.metrics_sources import as_unix, load_chats, load_followups, load_series
from tests.api.test_api import KEY, NEED, PHONE_CTX

ADMIN = {"X-API-Key": KEY}
DAY = 86400.0
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc).timestamp()  # day 3 of the window below
D1, D2, D3 = NOW - 2 * DAY, NOW - DAY, NOW  # 2026-11-28, -29, -30, at noon


def _e(session: str, type_: str, at: float, sku: str | None = None, **kw) -> StoredEvent:
    return StoredEvent(session_id=session, type=type_, sku=sku, at=at, **kw)


EVENTS = [
    # day 1: s1 is shown an upsell and a cross-sell, accepts the cross-sell (39), buys the next day for 738
    _e("s1", "shown", D1, "UP", kind="upsell", price=949.0),
    _e("s1", "shown", D1, "PB", kind="cross_sell", price=39.0),
    _e("s1", "accepted", D1 + 60, "PB", kind="cross_sell", price=39.0),
    _e("s1", "shown", D1 + 90, "PB", kind="cross_sell", price=39.0),  # a repeat "shown": counted once
    # day 2: s2 declines a bundle and buys 699 anyway; s1's purchase lands today
    _e("s2", "shown", D2, "BUN", kind="bundle", price=99.0),
    _e("s2", "declined", D2 + 30, "BUN", kind="bundle", price=99.0),
    _e("s2", "purchased", D2 + 60, amount=699.0, customer_id="c2"),
    _e("s1", "purchased", D2 + 120, amount=738.0, customer_id="c1"),
    # day 3: c1 buys again after the follow-up sent to them this morning: a repeat purchase
    _e("s5", "purchased", D3, amount=40.0, customer_id="c1"),
    # an accepted offer whose "shown" report got lost still counts as shown, with no kind known
    _e("s6", "accepted", D3, "PB", price=39.0),
]
CHATS = [
    ChatInfo(session_id="s1", at=D2, offered=True),
    ChatInfo(session_id="s2", at=D2, offered=True),
    ChatInfo(session_id="s3", at=D2, offered=False),  # chatted, no offer, no purchase
    ChatInfo(session_id="s5", at=D3, offered=False),  # no offer, bought
]
FOLLOWUPS = [
    FollowupInfo(customer_id="c1", send_at=D3 - 3600),
    FollowupInfo(customer_id="c2", send_at=NOW + DAY),  # not sent yet: neither counted nor a repeat trigger
]


def test_series_figures_worked_out_by_hand():
    s = build_series(3, NOW, EVENTS, CHATS, FOLLOWUPS)
    assert [d.day for d in s.days] == ["2026-11-28", "2026-11-29", "2026-11-30"]
    d1, d2, d3 = s.days
    assert (d1.offers_shown, d1.offers_accepted, d1.acceptance_rate) == (2, 1, 0.5)
    assert d1.acceptance_by_kind["upsell"].model_dump() == {"shown": 1, "accepted": 0, "acceptance_rate": 0.0}
    assert d1.acceptance_by_kind["cross_sell"].acceptance_rate == 1.0
    assert d1.acceptance_by_kind["bundle"].acceptance_rate is None and "unknown" not in d1.acceptance_by_kind
    assert d1.orders == 0 and d1.attributed_revenue == 0
    assert d2.acceptance_by_kind["bundle"].model_dump() == {"shown": 1, "accepted": 0, "acceptance_rate": 0.0}
    # orders on day 2: s1 (accepted an offer) 738, s2 699; revenue = PB's 39, on s1's purchase day
    assert d2.orders == 2 and d2.attributed_revenue == 39.0
    assert d2.average_order_value_with_offer == 738.0 and d2.average_order_value_without_offer == 699.0
    # chats of day 2: with offers s1 (bought) and s2 (bought) -> 1.0; without: s3 (did not) -> 0.0
    assert (d2.chats_with_offers, d2.conversion_with_offers) == (2, 1.0)
    assert (d2.chats_without_offers, d2.conversion_without_offers) == (1, 0.0)
    assert d3.conversion_without_offers == 1.0 and d3.conversion_with_offers is None
    assert d3.followups_sent == 1 and d3.repeat_purchases == 1 and d2.repeat_purchases == 0
    assert d3.acceptance_by_kind["unknown"].shown == 1
    t = s.totals
    assert (t.offers_shown, t.offers_accepted, t.orders, t.attributed_revenue) == (4, 2, 3, 39.0)
    assert t.average_order_value_without_offer == pytest.approx((699.0 + 40.0) / 2)
    assert t.repeat_purchases == 1 and t.followups_sent == 1


def test_a_purchase_without_customer_id_counts_through_its_sessions_customer():
    purchase = [_e("s7", "purchased", D3, amount=12.0)]
    assert build_series(3, NOW, purchase, [], FOLLOWUPS).totals.repeat_purchases == 0
    linked = build_series(3, NOW, purchase, [], FOLLOWUPS, customers={"s7": "c1"})
    assert linked.totals.repeat_purchases == 1 and linked.days[-1].repeat_purchases == 1


def test_series_of_an_empty_window_is_all_zero():
    s = build_series(7, NOW, [], [], [])
    assert len(s.days) == 7 and s.totals.offers_shown == 0 and s.totals.acceptance_rate is None
    assert all(d.orders == 0 and d.conversion_with_offers is None for d in s.days)


def test_send_at_is_read_as_stored():
    assert as_unix("2026-11-30T12:00:00+00:00") == NOW == as_unix("2026-11-30T12:00:00Z")
    assert as_unix("2026-11-30T12:00:00") == NOW  # no zone: UTC
    assert as_unix(datetime(2026, 11, 30, 12, tzinfo=timezone.utc)) == NOW and as_unix(NOW) == NOW
    assert as_unix("tomorrow") is None and as_unix(None) is None


def test_events_table_of_an_older_database_gets_the_new_columns(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    old = Table("events", MetaData(), Column("id", String, primary_key=True), Column("session_id", String),
                Column("type", String), Column("sku", String), Column("amount", Float), Column("price", Float),
                Column("order_id", String), Column("at", Float))
    old.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(old).values(id="1", session_id="a", type="shown", sku="X", at=1.0))
    store = EventStore(engine)
    assert {"customer_id", "kind"} <= {c["name"] for c in inspect(engine).get_columns("events")}
    assert store.all()[0].kind is None and EventStore(engine).count() == 1  # a second start changes nothing


def _followups_table(engine) -> Table:
    """The followups table as the follow-up feature writes it (made here when the app has not made it)."""
    table = Table("followups", MetaData(), Column("order_id", String, primary_key=True), Column("customer_id", String),
                  Column("sku", String), Column("kind", String), Column("send_at", String),
                  Column("created_at", Float))
    table.create(engine, checkfirst=True)
    return table


def test_without_a_followups_table_repeat_purchases_are_zero_with_a_note(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'bare.db'}")
    assert load_followups(engine) == ([], [
        "repeat purchases: no follow-ups recorded yet (no followups table), so they show 0"])
    chats, notes = load_chats(engine, 0.0)
    assert chats == [] and "no sessions table" in notes[0]
    store = EventStore(engine)
    series = load_series(store, 3, NOW)
    assert series.totals.repeat_purchases == 0 and len(series.notes) == 2


def test_series_endpoint_on_real_events(client):
    r = client.post("/v1/chat", json={"session_id": "buyer", "message": NEED, "context": PHONE_CTX})
    offer = r.json()["offers"][0]
    client.post("/v1/chat", json={"session_id": "browser", "message": "hello", "context": PHONE_CTX})
    events = [
        {"session_id": "buyer", "type": "shown", "sku": offer["sku"]},
        {"session_id": "buyer", "type": "accepted", "sku": offer["sku"]},
        {"session_id": "buyer", "type": "purchased", "amount": 738.0, "customer_id": "c1"},
    ]
    for body in events:
        r = client.post("/v1/events", json=body, headers=ADMIN)
        assert r.status_code == 201
    bought_at = r.json()["at"]
    series = client.get("/v1/metrics/series?days=7", headers=ADMIN).json()
    today = series["days"][-1]
    assert len(series["days"]) == 7 and today["day"] == series["end"]
    kind = offer["kind"]  # recorded from the session's own offer, not from the event's sender
    assert today["acceptance_by_kind"][kind] == {"shown": 1, "accepted": 1, "acceptance_rate": 1.0}
    assert today["attributed_revenue"] == offer["price"] and today["average_order_value_with_offer"] == 738.0
    assert today["chats_with_offers"] == 1 and today["conversion_with_offers"] == 1.0
    assert today["chats_without_offers"] == 1 and today["conversion_without_offers"] == 0.0
    assert today["repeat_purchases"] == 0
    # a follow-up to c1 just after that purchase, then c1 buys again: one repeat purchase (the first is not one)
    engine = client.app.state.events.engine
    table = _followups_table(engine)
    sent = datetime.fromtimestamp(bought_at + 0.001, tz=timezone.utc).isoformat()
    time.sleep(0.01)  # the next purchase comes after the follow-up
    with engine.begin() as conn:
        conn.execute(insert(table).values(order_id="o1", customer_id="c1", sku=offer["sku"], kind="cross_sell",
                                          send_at=sent, created_at=time.time()))
    client.post("/v1/events", json={"session_id": "later", "type": "purchased", "amount": 25.0, "customer_id": "c1"},
                headers=ADMIN)
    series = client.get("/v1/metrics/series?days=7", headers=ADMIN).json()
    assert series["totals"]["repeat_purchases"] == 1 and series["totals"]["followups_sent"] == 1
    assert series["notes"] == []


def test_series_endpoint_needs_the_admin_key(client, make_client):
    assert client.get("/v1/metrics/series").status_code == 401
    assert client.get("/v1/metrics/series", headers={"X-API-Key": KEY + "x"}).status_code == 401
    r = client.get("/v1/metrics/series?days=0", headers=ADMIN)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "days"]
    assert make_client(admin_api_key=None).get("/v1/metrics/series", headers=ADMIN).status_code == 403


def test_admin_page_login_cookie_and_logout(client):
    r = client.get("/admin")
    assert r.status_code == 401 and '<form class="login" method="post" action="/admin/login">' in r.text
    assert "<svg" not in r.text
    r = client.post("/admin/login", data={"key": KEY + "x"}, follow_redirects=False)
    assert r.status_code == 401 and "not the admin key" in r.text and COOKIE_NAME not in r.headers.get("set-cookie", "")
    r = client.post("/admin/login", data={"key": KEY}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/admin"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/admin" in cookie
    assert KEY not in cookie and KEY not in r.headers["location"]
    page = client.get("/admin")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    # six charts, each with a title, a description and its numbers in a table
    assert page.text.count('role="img"') == 6 and page.text.count("<desc id=") == 6
    assert page.text.count('<table class="data">') == 6
    assert "Repeat purchases after follow-ups" in page.text
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page.text)  # nothing from a CDN
    assert client.get("/admin/admin.css").status_code == 200
    r = client.post("/admin/logout", follow_redirects=False)
    assert r.status_code == 303 and client.get("/admin").status_code == 401


def test_admin_cookie_is_signed_and_expires(client, make_client):
    settings = client.app.state.settings
    value = make_cookie(settings, NOW)
    assert cookie_valid(settings, value, NOW + 60)
    assert not cookie_valid(settings, value, NOW + 9 * 3600)  # expired
    expires, mac = value.split(".")
    assert not cookie_valid(settings, f"{int(expires) + 999}.{mac}", NOW)  # a longer life is not forged
    client.cookies.set(COOKIE_NAME, "9999999999.deadbeef", path="/admin")
    assert client.get("/admin").status_code == 401
    closed = make_client(admin_api_key=None)
    assert closed.get("/admin").status_code == 403 and "disabled" in closed.get("/admin").text
    assert closed.post("/admin/login", data={"key": ""}).status_code == 403


def test_the_page_escapes_what_it_shows(client):
    client.post("/admin/login", data={"key": KEY})
    engine = client.app.state.events.engine
    with engine.begin() as conn:  # a follow-up row with an unreadable time becomes a note, not a crash
        _followups_table(engine)
        conn.execute(text("INSERT INTO followups (order_id, customer_id, sku, kind, send_at, created_at) "
                          "VALUES ('o-x', 'c', 'PB-20K', 'replenish', '<b>soon</b>', 0)"))
    page = client.get("/admin").text
    assert "1 follow-ups with an unreadable send_at were left out" in page and "<b>soon" not in page
