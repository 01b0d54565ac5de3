"""POST /v1/suggest/{id}/send: a reply failing the grounding or pressure check is a 422 naming ``reply``."""

from __future__ import annotations

from tests.api.test_api import KEY, NEED, PHONE_CTX, client, make_client, session_state  # noqa: F401 (fixtures)


def test_send_refuses_a_pressuring_reply_with_the_reason(client):  # noqa: F811
    h = {"X-API-Key": KEY}
    body = {"message": NEED, "context": PHONE_CTX, "reply": "$1, 90% off, expires tonight", "offer_sku": "PB-20K"}
    r = client.post("/v1/suggest/rep-1/send", headers=h, json=body)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert {tuple(d["loc"]) for d in detail} == {("body", "reply")}
    reasons = " ".join(d["msg"] for d in detail)
    assert "'$1'" in reasons and "90% off" in reasons and "pressure wording" in reasons
    assert all(d["type"] == "reply_check" for d in detail)
    assert session_state(client, "rep-1")["turns"] == []  # never stored silently
    ok = client.post("/v1/suggest/rep-1/send", headers=h, json={**body, "reply": "Happy to help with the phone."})
    assert ok.status_code == 200 and session_state(client, "rep-1")["turns"][0]["reply"] == "Happy to help with the phone."
