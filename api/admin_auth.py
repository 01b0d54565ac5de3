"""The /admin page's login: the admin key posted once in a form, then a signed, HttpOnly session cookie.

The cookie never holds the key: it holds an expiry and an HMAC of it keyed by the admin key, so changing the key
logs every browser out, and nothing the browser stores can be replayed as an ``X-API-Key``.
"""

from __future__ import annotations

import hashlib
import hmac

from agent.settings import Settings

COOKIE_NAME = "cartwise_admin"
COOKIE_PATH = "/admin"
COOKIE_SECONDS = 8 * 3600


def _admin_key(settings: Settings) -> str:
    return settings.service.admin_api_key.get_secret_value() if settings.service.admin_api_key else ""


def admin_enabled(settings: Settings) -> bool:
    """An admin key is configured (without one, admin pages stay closed)."""
    return bool(_admin_key(settings))


def _mac(key: str, expires: int) -> str:
    return hmac.new(key.encode(), f"cartwise-admin-page:{expires}".encode(), hashlib.sha256).hexdigest()


def make_cookie(settings: Settings, now: float) -> str:
    """A cookie value valid for COOKIE_SECONDS from ``now``: ``EXPIRES.HMAC``."""
    expires = int(now) + COOKIE_SECONDS
    return f"{expires}.{_mac(_admin_key(settings), expires)}"


def cookie_valid(settings: Settings, value: str | None, now: float) -> bool:
    """True for an unexpired cookie signed with the current admin key."""
    key = _admin_key(settings)
    if not key or not value or "." not in value:
        return False
    raw_expires, mac = value.split(".", 1)
    if not raw_expires.isdigit() or int(raw_expires) < now:
        return False
    return hmac.compare_digest(mac, _mac(key, int(raw_expires)))
