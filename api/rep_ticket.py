"""Short-lived signed tickets that let the rep page's EventSource (which cannot send headers) open the inbox
stream without the admin key ever appearing in a URL or a log line.

A ticket is ``<expiry>.<hmac>``, the HMAC keyed by the admin key itself: every worker can check it without
storage, and changing the admin key revokes every ticket at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

#: The cookie the ticket travels in (HttpOnly, scoped to the stream's path).
COOKIE = "cartwise_rep_stream"
COOKIE_PATH = "/v1/sessions/stream"


def _mac(admin_key: str, expires: int) -> str:
    digest = hmac.new(admin_key.encode("utf-8"), b"cartwise-rep-stream\0%d" % expires, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue_ticket(admin_key: str, ttl_seconds: int, now: float | None = None) -> str:
    """A ticket valid for ``ttl_seconds``."""
    expires = int((time.time() if now is None else now) + ttl_seconds)
    return f"{expires}.{_mac(admin_key, expires)}"


def ticket_valid(admin_key: str, ticket: str | None, now: float | None = None) -> bool:
    """True when ``ticket`` was issued under ``admin_key`` and has not expired (constant-time compare)."""
    if not admin_key or not ticket or "." not in ticket:
        return False
    expires_text, mac = ticket.split(".", 1)
    if not expires_text.isdigit():
        return False
    expires = int(expires_text)
    if expires < (time.time() if now is None else now):
        return False
    return hmac.compare_digest(mac.encode("ascii", "replace"), _mac(admin_key, expires).encode("ascii"))
