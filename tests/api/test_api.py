"""The HTTP service end to end: a real agent (offline replies, fake embedder) on a tiny catalog, via TestClient."""

from __future__ import annotations

import json
import logging

import pytest

from agent.types import SessionState
from api.events import StoredEvent, summarize
from api.limits import RateLimiter

KEY = "s3cret-admin-key"
CATALOG = [
    {"sku": "PX8-128", "name": "Pixel X8 128 GB", "price": 699.0, "category": "Electronics > Phones",
     "description": "Phone with a 6.2-inch screen and 128 GB storage.", "family": "px8", "tier": 1, "stock": 20,
     "attributes": {"storage_gb": 128, "battery_mah": 4500},
     "margin": 0.2},
    {"sku": "PX8-256", "name": "Pixel X8 256 GB", "price": 949.0, "category": "Electronics > Phones",
     "description": "Same phone with 256 GB storage for lots of photos.", "family": "px8", "tier": 2, "stock": 10,
     "attributes": {"storage_gb": 256, "battery_mah": 4500},
     "margin": 0.18},
    {"sku": "PB-20K", "name": "PowerCell 20,000 mAh power bank", "price": 39.0,
     "category": "Electronics > Phone Accessories > Power Banks",
     "description": "Portable battery pack so your phone battery lasts all day: two full charges.",
     "compatible_with": ["family:px8"], "stock": 50, "margin": 0.4},
    {"sku": "PB-10K", "name": "PowerCell 10,000 mAh power bank", "price": 25.0,
     "category": "Electronics > Phone Accessories > Power Banks",
     "description": "Slim portable battery for a full extra day of phone battery.",
     "compatible_with": ["family:px8"], "stock": 0},
    {"sku": "CASE-PX8", "name": "Rugged case for Pixel X8", "price": 29.0,
     "category": "Electronics > Phone Accessories > Cases",
     "description": "Protective case against drops and cracked screens.", "compatible_with": ["family:px8"],
     "stock": 40},
]
PHONE_CTX = {"page": "product", "product_sku": "PX8-128", "cart": [{"sku": "PX8-128", "qty": 1}]}
NEED = "I wish my battery lasted all day"


def write_catalog(path, products=CATALOG):
    path.write_text("\n".join(json.dumps(p) for p in products) + "\n", encoding="utf-8")
    return path


ADMIN = {"X-API-Key": KEY}


def token_header(client, session) -> dict:
    """The X-Session-Token header of a session this client has chatted in (none for a new session)."""
    token = getattr(client, "session_tokens", {}).get(session)
    return {"X-Session-Token": token} if token else {}


def chat(client, session, message=NEED, context=PHONE_CTX):
    """One turn as the widget sends it (with the session's token after the first); asserts 200."""
    r = client.post("/v1/chat", json={"session_id": session, "message": message, "context": context},
                    headers=token_header(client, session))
    assert r.status_code == 200, r.text
    body = r.json()
    if not hasattr(client, "session_tokens"):
        client.session_tokens = {}
    client.session_tokens[session] = body["session_token"]
    return body


def session_state(client, session):
    r = client.get(f"/v1/sessions/{session}", headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    return r.json()


def parse_sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for frame in text.split("\n\n"):
        if not frame.strip():
            continue
        name = next(line[6:].strip() for line in frame.splitlines() if line.startswith("event:"))
        data = "\n".join(line[5:].lstrip() for line in frame.splitlines() if line.startswith("data:"))
        events.append((name, json.loads(data)))
    return events


# --- chat ------------------------------------------------------------------------------------------
def test_chat_answers_in_the_contract_shape(client):
    body = chat(client, "c1")
    assert set(body) == {"session_id", "reply", "offers", "signals", "session_token"}  # CONTRACTS + the token
    assert body["session_id"] == "c1"
    assert [o["sku"] for o in body["offers"]] == ["PB-20K"]
    offer = body["offers"][0]
    assert offer["price"] == 39.0 and offer["kind"] == "cross_sell" and offer["currency"] == "USD"
    assert offer["uplift_pct"] == pytest.approx(39 / 699 * 100, abs=0.1)
    assert "margin" not in json.dumps(body)
    assert any(s["type"] == "need" for s in body["signals"])
    assert len(session_state(client, "c1")["turns"]) == 1


def test_stream_sends_deltas_then_one_done_with_the_full_response(client):
    r = client.post("/v1/chat/stream", json={"session_id": "st1", "message": NEED, "context": PHONE_CTX})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.text)
    names = [n for n, _ in events]
    assert names[-1] == "done" and names.count("done") == 1
    assert names[:-1] and set(names[:-1]) == {"delta"}
    done = events[-1][1]
    assert "".join(d["text"] for n, d in events if n == "delta") == done["reply"]
    assert [o["sku"] for o in done["offers"]] == ["PB-20K"]
    assert done["session_id"] == "st1" and done["signals"]
    state = session_state(client, "st1")
    assert len(state["turns"]) == 1 and state["turns"][0]["reply"] == done["reply"]


def test_unknown_context_skus_and_bad_fields_are_422_naming_the_field(client):
    r = client.post("/v1/chat", json={"session_id": "x", "message": "hi", "context": {"page": "nowhere"}})
    assert r.status_code == 422
    assert ["body", "context", "page"] == r.json()["detail"][0]["loc"]


# --- limits ----------------------------------------------------------------------------------------
def test_two_megabyte_message_is_refused_and_the_server_still_serves(client):
    big = {"session_id": "big", "message": "x" * 2_000_000}
    r = client.post("/v1/chat", json=big)
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]
    # Same body without Content-Length (chunked): refused while counting.
    payload = json.dumps(big).encode()
    chunks = (payload[i : i + 65536] for i in range(0, len(payload), 65536))
    r = client.post("/v1/chat", content=chunks, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert chat(client, "after-big")["offers"]


def test_message_over_max_chars_is_422_naming_message(make_client):
    client = make_client(max_message_chars=50)
    r = client.post("/v1/chat", json={"session_id": "m", "message": "y" * 51})
    assert r.status_code == 422
    err = r.json()["detail"][0]
    assert err["loc"] == ["body", "message"] and "50" in err["msg"]
    r = client.post("/v1/chat/stream", json={"session_id": "m", "message": "y" * 51})
    assert r.status_code == 422
    assert client.post("/v1/chat", json={"session_id": "m", "message": "y" * 50}).status_code == 200


def test_session_rate_limit_gives_429_with_retry_after(make_client):
    client = make_client(rate_limit_per_session=2)
    for _ in range(2):
        chat(client, "r1", message="hello")
    r = client.post("/v1/chat/stream", json={"session_id": "r1", "message": "hello"}, headers=token_header(client, "r1"))
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) >= 1
    assert "session" in r.json()["detail"]
    assert client.post("/v1/chat", json={"session_id": "r2", "message": "hello"}).status_code == 200


def test_client_rate_limit_covers_every_api_route_and_is_per_app(make_client):
    client = make_client(rate_limit_per_client=3)
    for _ in range(3):
        assert client.get("/v1/products/PX8-128").status_code == 200
    r = client.post("/v1/events", json={"session_id": "e", "type": "shown", "sku": "PB-20K"})
    assert r.status_code == 429 and "client" in r.json()["detail"] and r.headers["Retry-After"]
    assert client.get("/healthz").status_code == 200  # probes are not rate limited
    other = make_client(rate_limit_per_client=3)  # buckets live on the app, not in the module
    assert other.get("/v1/products/PX8-128").status_code == 200


def test_token_bucket_refills_over_time():
    now = [0.0]
    limiter = RateLimiter(per_minute=60, clock=lambda: now[0])
    assert all(limiter.take("k") == 0.0 for _ in range(60))
    wait = limiter.take("k")
    assert wait == pytest.approx(1.0)
    now[0] += 1.0
    assert limiter.take("k") == 0.0
    assert limiter.take("other") == 0.0


def test_logs_carry_no_shopper_text(client, caplog):
    secret = "my-unique-secret-words-zebra-ostrich"
    with caplog.at_level(logging.DEBUG):
        chat(client, "log1", message=f"I wish my battery lasted all day {secret}")
        stream = client.post("/v1/chat/stream", json={"session_id": "log1", "message": secret},
                             headers=token_header(client, "log1"))
        assert stream.status_code == 200
        client.post("/v1/suggest", json={"session_id": "log1", "message": secret}, headers={"X-API-Key": KEY})
    info = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert any(r.name == "cartwise.api" and "log1" in r.getMessage() for r in info)
    assert not [r.getMessage() for r in info if secret in r.getMessage()]


# --- rep assist ------------------------------------------------------------------------------------
def test_suggest_gives_answer_offer_and_guardrails_without_touching_the_session(client):
    chat(client, "rep1", message="hello there")
    before = session_state(client, "rep1")
    r = client.post("/v1/suggest", json={"session_id": "rep1", "message": NEED, "context": PHONE_CTX},
                    headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    body = r.json()
    kinds = [s["kind"] for s in body["suggestions"]]
    assert 2 <= len(kinds) <= 3 and kinds[:2] == ["answer", "offer"]
    answer, offer = body["suggestions"][:2]
    assert answer["offer"] is None and "PowerCell" not in answer["text"]
    assert offer["offer"]["sku"] == "PB-20K" and "PowerCell" in offer["text"]
    checks = {c["name"]: c for c in offer["guardrails"]["checks"]}
    assert set(checks) == {"uplift", "budget", "stock", "in_cart", "declined"}
    assert all(c["passed"] for c in checks.values()) and offer["guardrails"]["passed"]
    assert "50 in stock" in checks["stock"]["detail"]
    assert {x["rule"] for x in offer["guardrails"]["rejected"]}  # the policy's refusals, by rule name
    assert offer["rationale"]
    assert session_state(client, "rep1") == before


def test_suggest_send_records_the_chosen_reply_and_refuses_other_offers(client):
    h = {"X-API-Key": KEY}
    bad = client.post("/v1/suggest/rs/send", headers=h,
                      json={"message": NEED, "context": PHONE_CTX, "reply": "Try this", "offer_sku": "PX8-256"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "offer_sku"]
    assert session_state(client, "rs")["turns"] == []
    r = client.post("/v1/suggest/rs/send", headers=h,
                    json={"message": NEED, "context": PHONE_CTX, "reply": "A power bank helps.", "offer_sku": "PB-20K"})
    assert r.status_code == 200, r.text
    assert [o["sku"] for o in r.json()["offers"]] == ["PB-20K"]
    state = session_state(client, "rs")
    assert state["turns"][0]["reply"] == "A power bank helps." and state["offers_made"][0]["sku"] == "PB-20K"


# --- admin -----------------------------------------------------------------------------------------
ADMIN_CALLS = [
    ("get", "/v1/metrics/summary", {}),
    ("post", "/v1/suggest", {"json": {"session_id": "a", "message": "hi"}}),
    ("get", "/v1/sessions/a", {}),
    ("post", "/v1/catalog", {"files": {"file": ("c.jsonl", b"{}\n")}}),
]


@pytest.mark.parametrize("method,path,kwargs", ADMIN_CALLS)
def test_admin_routes_are_403_without_a_configured_key(make_client, method, path, kwargs):
    client = make_client(admin_api_key=None)
    r = getattr(client, method)(path, headers={"X-API-Key": "anything"}, **kwargs)
    assert r.status_code == 403 and "no admin API key" in r.json()["detail"]


@pytest.mark.parametrize("method,path,kwargs", ADMIN_CALLS)
def test_admin_routes_need_the_right_key(client, method, path, kwargs):
    assert getattr(client, method)(path, **kwargs).status_code == 401
    assert getattr(client, method)(path, headers={"X-API-Key": KEY + "x"}, **kwargs).status_code == 401
    ok = getattr(client, method)(path, headers={"X-API-Key": KEY}, **kwargs)
    assert ok.status_code not in (401, 403)


def test_catalog_upload_is_atomic_and_reports_row_errors(client, tmp_path):
    h = {"X-API-Key": KEY}
    bad = "\n".join([json.dumps(CATALOG[0]), '{"sku": "NEW-1", "name": "New", "price": -5, "category": "X"}',
                     '{"sku": "NEW-2", "price": 3, "category": "X"}'])
    r = client.post("/v1/catalog", headers=h, files={"file": ("mystore.jsonl", bad.encode())})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert {(e["line"], e["field"]) for e in errors} >= {(2, "price"), (3, "name")}
    assert all(e["file"] == "mystore.jsonl" for e in errors)
    assert client.get("/v1/products/PB-20K").status_code == 200  # the old catalog keeps serving

    new = [*CATALOG, {"sku": "NEW-1", "name": "Screen protector", "price": 9.0, "category": "Accessories"}]
    orders = "order_id,sku\n1,PX8-128\n1,PB-20K\n2,PX8-128\n2,PB-20K\n"
    r = client.post(
        "/v1/catalog", headers=h, data={"format": "jsonl"},
        files={"file": ("store.jsonl", "\n".join(json.dumps(p) for p in new).encode()),
               "orders": ("orders.csv", orders.encode())},
    )
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["products"] == 6 and summary["orders"] == 2 and summary["catalog"] == "store.jsonl"
    assert client.get("/v1/products/NEW-1").json()["price"] == 9.0


def test_catalog_upload_over_the_upload_limit_is_413(make_client):
    client = make_client(max_upload_bytes=2048)
    r = client.post("/v1/catalog", headers={"X-API-Key": KEY}, files={"file": ("c.jsonl", b"x" * 5000)})
    assert r.status_code == 413


def test_product_lookup_hides_margin_and_404s_unknown(client):
    r = client.get("/v1/products/PX8-128")
    assert r.status_code == 200
    body = r.json()
    assert body["price"] == 699.0 and body["currency"] == "USD" and "margin" not in body
    assert client.get("/v1/products/NOPE").status_code == 404
    page = client.get("/v1/products", params={"category": "Power Banks"}).json()
    assert {p["sku"] for p in page["products"]} == {"PB-20K", "PB-10K"}
    assert "margin" not in json.dumps(page)


# --- outcomes --------------------------------------------------------------------------------------
def test_declined_event_feeds_decline_memory(client):
    assert [o["sku"] for o in chat(client, "control")["offers"]] == ["PB-20K"]
    r = client.post("/v1/events", json={"session_id": "dm", "type": "declined", "sku": "PB-20K"}, headers=ADMIN)
    assert r.status_code == 201 and r.json()["price"] == 39.0
    assert "PB-20K" in session_state(client, "dm")["declined_skus"]
    for message in (NEED, "my phone battery never lasts, I need more battery life"):
        assert "PB-20K" not in [o["sku"] for o in chat(client, "dm", message=message)["offers"]]


def test_accepted_event_marks_the_offer_taken(client):
    client.post("/v1/events", json={"session_id": "acc", "type": "accepted", "sku": "PB-20K"}, headers=ADMIN)
    assert session_state(client, "acc")["accepted_skus"] == ["PB-20K"]


def test_event_validation_names_the_field(client):
    r = client.post("/v1/events", json={"session_id": "v", "type": "purchased"})
    assert r.status_code == 422 and "amount" in json.dumps(r.json())
    r = client.post("/v1/events", json={"session_id": "v", "type": "shown", "sku": "NOPE"}, headers=ADMIN)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "sku"]
    r = client.post("/v1/events", json={"session_id": "v", "type": "clicked"})
    assert r.status_code == 422 and "sku" in json.dumps(r.json())


def test_metrics_summary_arithmetic(client):
    events = [
        ("s1", "shown", "PB-20K", None), ("s1", "clicked", "PB-20K", None), ("s1", "accepted", "PB-20K", None),
        ("s1", "purchased", None, 738.0),
        ("s2", "shown", "PB-20K", None), ("s2", "declined", "PB-20K", None), ("s2", "purchased", None, 699.0),
        ("s3", "shown", "CASE-PX8", None), ("s3", "accepted", "CASE-PX8", None),
        ("s4", "purchased", None, 101.0), ("s1", "shown", "PB-20K", None),  # a repeat "shown" counts once
    ]
    for session, kind, sku, amount in events:
        r = client.post("/v1/events", json={"session_id": session, "type": kind, "sku": sku, "amount": amount},
                        headers=ADMIN)  # the shop's server reports with the admin key
        assert r.status_code == 201, r.text
    m = client.get("/v1/metrics/summary", headers={"X-API-Key": KEY}).json()
    assert m["offers_shown"] == 3 and m["offers_accepted"] == 2 and m["offers_declined"] == 1
    assert m["offers_clicked"] == 1
    assert m["acceptance_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["orders"] == 3
    assert m["attributed_revenue"] == 39.0  # s3 accepted a case but never bought
    assert m["average_order_value_with_offer"] == 738.0
    assert m["average_order_value_without_offer"] == pytest.approx((699.0 + 101.0) / 2)


def test_summarize_with_no_events_has_no_rates():
    m = summarize([])
    assert m.offers_shown == 0 and m.acceptance_rate is None and m.average_order_value_with_offer is None
    accepted_only = summarize([StoredEvent(session_id="a", type="accepted", sku="X", price=10.0, at=0)])
    assert accepted_only.offers_shown == 1 and accepted_only.acceptance_rate == 1.0


# --- health, pages, docs, CORS -----------------------------------------------------------------------
def test_health_and_readiness(make_client):
    ready = make_client()
    assert ready.get("/healthz").json() == {"status": "ok"}
    r = ready.get("/readyz")
    assert r.status_code == 200 and r.json()["catalog_products"] == 5 and r.json()["index_entries"] == 5
    empty = make_client(ingest=False)
    r = empty.get("/readyz")
    assert r.status_code == 503 and not r.json()["ready"] and "no catalog" in r.json()["problems"][0]



def test_readiness_and_cli_say_to_reingest_when_the_multilingual_index_is_missing(make_client, capsys):
    from api.commands import ensure_catalog

    built = make_client()  # ingested without a multilingual index
    data_dir = built.app.state.agent.knowledge.settings.data_dir
    upgraded = make_client(ingest=False, multilingual_backend="fake", data_dir=data_dir)
    r = upgraded.get("/readyz")
    assert r.status_code == 200 and r.json()["ready"]  # still serves, through the English index
    assert len(r.json()["notes"]) == 1 and "re-ingest" in r.json()["notes"][0]
    assert ensure_catalog(upgraded.app.state.agent.knowledge, use_sample=False)
    assert "re-ingest" in capsys.readouterr().err
    assert built.get("/readyz").json()["notes"] == []

def test_pages_and_widget_are_served(client):
    home = client.get("/")
    assert home.status_code == 200 and 'src="/widget.js"' in home.text
    js = client.get("/widget.js")
    assert js.headers["content-type"].startswith("application/javascript") and "setContext" in js.text
    assert "/v1/chat/stream" in js.text and "/v1/events" in js.text
    rep = client.get("/rep")
    assert rep.status_code == 200 and "/v1/suggest" in rep.text
    assert client.get("/style.css").headers["content-type"].startswith("text/css")


def test_openapi_documents_every_api_route(client):
    spec = client.get("/openapi.json").json()
    ops = [(path, m, op) for path, item in spec["paths"].items() for m, op in item.items()]
    expected = {"/v1/chat", "/v1/chat/stream", "/v1/suggest", "/v1/suggest/{session_id}/send", "/v1/catalog",
                "/v1/products/{sku}", "/v1/events", "/v1/metrics/summary", "/healthz", "/readyz"}
    assert expected <= set(spec["paths"])
    for path, method, op in ops:
        assert op.get("summary"), (path, method)
        assert "200" in op["responses"] or "201" in op["responses"], (path, method)
    chat_op = spec["paths"]["/v1/chat"]["post"]
    assert chat_op["requestBody"]["content"]["application/json"]["examples"]
    assert "429" in chat_op["responses"] and "413" in chat_op["responses"]
    assert "ChatResponse" in json.dumps(chat_op["responses"]["200"])


def test_cors_allows_only_configured_origins(make_client):
    client = make_client(cors_origins=["https://shop.example"])
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = client.options("/v1/chat", headers={"Origin": "https://shop.example", **pre})
    assert ok.headers.get("access-control-allow-origin") == "https://shop.example"
    bad = client.options("/v1/chat", headers={"Origin": "https://evil.example", **pre})
    assert "access-control-allow-origin" not in bad.headers


def test_stream_reports_an_error_event_when_the_agent_fails_midway(client):
    from api.deps import get_agent

    class Failing:
        """Stand-in agent: one chunk, then the model breaks."""

        closed = False

        def session(self, session_id):
            return SessionState(session_id=session_id)

        def stream(self, request, deadline=None):
            try:
                yield "Hel"
                raise RuntimeError("model went away")
            finally:
                Failing.closed = True

    client.app.dependency_overrides[get_agent] = lambda: Failing()
    try:
        r = client.post("/v1/chat/stream", json={"session_id": "boom", "message": "hi"})
    finally:
        client.app.dependency_overrides.clear()
    assert [n for n, _ in parse_sse(r.text)] == ["delta", "error"]
    assert "model went away" not in r.text and Failing.closed
    assert chat(client, "boom-after")["session_id"] == "boom-after"


def test_docs_page_is_served_without_a_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "/docs-assets/swagger-ui-bundle.js" in page.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/v1/chat"]["post"]["summary"]
