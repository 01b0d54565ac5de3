"""One input discipline: only finite numbers, only valid Unicode, bounded context, bounded path ids; every
validation error renders as a 422 naming the field (issue 10, failures 1-4)."""

from __future__ import annotations

import json

import pytest

from tests.api.test_api import KEY

JSON = {"content-type": "application/json"}
ADMIN = {"X-API-Key": KEY}


def post_raw(client, path, raw: str, headers=None):
    """POST a body written by hand, so it can hold what json.dumps refuses or rewrites (NaN, \\ud800)."""
    return client.post(path, content=raw.encode("utf-8"), headers=JSON | (headers or {}))


def assert_422_naming(r, loc: list):
    assert r.status_code == 422, (r.status_code, r.text[:300])
    body = json.loads(r.content.decode("utf-8"))  # renders: valid UTF-8 JSON
    assert loc in [e["loc"] for e in body["detail"]], body


NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"]


@pytest.mark.parametrize("number", NON_FINITE)
def test_non_finite_numbers_are_422_naming_the_field(client, number):
    chat = '{"session_id": "nf", "message": "hi", "context": {"budget": %s}}' % number
    assert_422_naming(post_raw(client, "/v1/chat", chat), ["body", "context", "budget"])
    cart = '{"session_id": "nf", "message": "hi", "context": {"cart": [{"sku": "PX8-128", "qty": %s}]}}' % number
    assert_422_naming(post_raw(client, "/v1/chat", cart), ["body", "context", "cart", 0, "qty"])
    event = '{"session_id": "nf", "type": "purchased", "amount": %s}' % number
    assert_422_naming(post_raw(client, "/v1/events", event, ADMIN), ["body", "amount"])
    suggest = '{"session_id": "nf", "message": "hi", "context": {"budget": %s}}' % number
    assert_422_naming(post_raw(client, "/v1/suggest", suggest, ADMIN), ["body", "context", "budget"])
    extra = '{"session_id": "nf", "message": "hi", "context": {"anything": [1, {"deep": %s}]}}' % number
    assert_422_naming(post_raw(client, "/v1/chat", extra), ["body", "context", "anything", 1, "deep"])
    # Nothing was stored or counted: the metrics stay finite and empty.
    m = client.get("/v1/metrics/summary", headers=ADMIN).json()
    assert m["orders"] == 0 and m["attributed_revenue"] == 0


def test_amounts_are_bounded(client):
    r = client.post("/v1/events", json={"session_id": "big", "type": "purchased", "amount": 1e15}, headers=ADMIN)
    assert_422_naming(r, ["body", "amount"])
    r = client.post("/v1/chat", json={"session_id": "big", "message": "hi", "context": {"budget": 1e15}})
    assert_422_naming(r, ["body", "context", "budget"])
    r = client.post("/v1/chat", json={"session_id": "big", "message": "hi",
                                      "context": {"cart": [{"sku": "PX8-128", "qty": 10**30}]}})
    assert_422_naming(r, ["body", "context", "cart", 0, "qty"])


SURROGATE_CASES = [
    ("/v1/chat", '{"session_id": "u", "message": "hi \\ud800 there"}', ["body", "message"]),
    ("/v1/chat", '{"session_id": "\\udc00", "message": "hi"}', ["body", "session_id"]),
    ("/v1/chat", '{"session_id": "u", "message": "hi", "context": {"page": "\\ud800"}}', ["body", "context", "page"]),
    ("/v1/chat", '{"session_id": "u", "message": "hi", "context": {"locale": "e\\ud800n"}}',
     ["body", "context", "locale"]),
    ("/v1/chat", '{"session_id": "u", "message": "hi", "context": {"cart": [{"sku": "\\ud800"}]}}',
     ["body", "context", "cart", 0, "sku"]),
    ("/v1/chat", '{"session_id": "u", "message": "hi", "context": {"\\ud800": 1}}', ["body", "context"]),
    ("/v1/chat/stream", '{"session_id": "u", "message": "\\ud800"}', ["body", "message"]),
    ("/v1/events", '{"session_id": "u", "type": "declined", "sku": "\\ud800"}', ["body", "sku"]),
    ("/v1/suggest", '{"session_id": "u", "message": "\\ud800"}', ["body", "message"]),
    ("/v1/suggest/u/send", '{"message": "hi", "reply": "\\udfff"}', ["body", "reply"]),
]


@pytest.mark.parametrize("path,raw,loc", SURROGATE_CASES)
def test_lone_surrogates_are_422_naming_the_field_and_the_error_renders(client, path, raw, loc):
    assert_422_naming(post_raw(client, path, raw, ADMIN), loc)
    assert client.get("/healthz").status_code == 200


def test_validation_errors_render_whatever_the_input(client):
    # Pydantic's own errors (wrong type, bad literal) carrying NaN or surrogates in their input still render.
    for raw in ('{"session_id": "r", "message": "hi", "context": {"page": NaN}}',
                '{"session_id": "r", "message": ["\\ud800", NaN]}',
                '{"session_id": NaN, "message": {"\\ud800": Infinity}}'):
        r = post_raw(client, "/v1/chat", raw)
        assert r.status_code == 422, r.text
        json.loads(r.content.decode("utf-8"))


def nested(depth: int) -> str:
    return '{"x": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [210, 450, 2000])
def test_deeply_nested_context_extras_never_break_the_session(client, depth):
    sid = f"deep{depth}"
    r = post_raw(client, "/v1/chat", '{"session_id": "%s", "message": "hi", "context": {"junk": %s}}' % (sid, nested(depth)))
    assert r.status_code in (200, 422), r.text[:200]
    token = r.json().get("session_token") if r.status_code == 200 else None
    later = client.post("/v1/chat", json={"session_id": sid, "message": "and a case?"},
                        headers={"X-Session-Token": token} if token else {})
    assert later.status_code == 200, later.text[:200]
    state = client.get(f"/v1/sessions/{sid}", headers=ADMIN)
    assert state.status_code == 200 and "junk" not in state.text


def test_context_extras_are_never_stored(client):
    junk = "j" * 55_000
    token = None
    for n in range(5):
        r = client.post("/v1/chat", json={"session_id": "grow", "message": f"turn {n}",
                                          "context": {"page": "product", "notes": junk, "more": {"a": [junk[:100]]}}},
                        headers={"X-Session-Token": token} if token else {})
        assert r.status_code == 200, r.text[:200]
        token = r.json()["session_token"]
    state = client.get("/v1/sessions/grow", headers=ADMIN)
    assert len(state.json()["turns"]) == 5
    assert len(state.content) < 20_000 and "jjjj" not in state.text  # the row holds no junk, turn after turn
    assert state.json()["last_context"]["page"] == "product"


def test_context_strings_are_bounded(client):
    r = client.post("/v1/chat", json={"session_id": "b", "message": "hi", "context": {"locale": "x" * 5000}})
    assert_422_naming(r, ["body", "context", "locale"])
    r = client.post("/v1/chat", json={"session_id": "b", "message": "hi", "context": {"product_sku": "x" * 5000}})
    assert_422_naming(r, ["body", "context", "product_sku"])


@pytest.mark.parametrize("method,path,kwargs", [
    ("post", "/v1/suggest/{id}/send", {"json": {"message": "hi", "reply": "ok"}}),
    ("get", "/v1/sessions/{id}", {}),
])
def test_path_ids_have_the_limits_of_body_ids(client, method, path, kwargs):
    r = getattr(client, method)(path.format(id="a" * 301), headers=ADMIN, **kwargs)
    assert_422_naming(r, ["path", "session_id"])
    ok = getattr(client, method)(path.format(id="a" * 200), headers=ADMIN, **kwargs)
    assert ok.status_code == 200, ok.text[:200]


def test_long_sku_in_the_product_path_is_422(client):
    assert_422_naming(client.get("/v1/products/" + "s" * 301), ["path", "sku"])
    assert client.get("/v1/products/NOPE").status_code == 404


def test_catalog_upload_with_an_infinite_price_is_refused_with_line_and_field(client):
    good = '{"sku": "A1", "name": "Lamp", "price": 5, "category": "Home"}'
    for price in ("1e400", "NaN"):
        bad = '{"sku": "A2", "name": "Rug", "price": %s, "category": "Home"}' % price
        r = client.post("/v1/catalog", headers=ADMIN, files={"file": ("c.jsonl", f"{good}\n{bad}\n".encode())})
        assert r.status_code == 422, r.text
        assert [(e["file"], e["line"], e["field"]) for e in r.json()["errors"]] == [("c.jsonl", 2, "price")]
    assert client.get("/v1/products/PX8-128").status_code == 200  # the previous catalog still serves


def test_a_session_row_stored_with_deep_extras_before_the_fix_still_loads(tmp_path):
    from agent.sql_store import SQLSessionStore, make_engine, sessions_table

    store = SQLSessionStore(make_engine(f"sqlite:///{tmp_path / 's.sqlite3'}"))
    row = '{"session_id": "old", "last_context": {"page": "cart", "junk": %s}}' % nested(450)
    with store.engine.begin() as conn:
        conn.execute(sessions_table.insert().values(session_id="old", state=row, updated_at=0.0))
    state = store.load("old")
    assert state.last_context.page == "cart" and "junk" not in state.model_dump_json()
    store.close()
