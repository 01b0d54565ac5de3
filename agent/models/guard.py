"""The test-wide switch that blocks real model requests (loopback servers stay reachable).

This module holds the project's one deliberate global, in the spirit of pydantic-ai's
``ALLOW_MODEL_REQUESTS``: a test suite flips it off once (in ``tests/conftest.py``) so no test can reach a
paid or remote model by accident, while tests against a local fake server (127.0.0.1) still exercise the
real client code end to end. Application code never changes it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from agent.models.base import ModelError

# The one deliberate module-level flag (see the module docstring); a dict so no `global` statement is needed.
_STATE = {"allow": True}

BLOCKED_MESSAGE = "real model requests are blocked in tests"


def allow_model_requests(flag: bool) -> None:
    """Allow (True) or block (False) requests to non-loopback model servers for the whole process."""
    _STATE["allow"] = bool(flag)


def model_requests_allowed() -> bool:
    """Whether requests to non-loopback model servers are currently allowed."""
    return _STATE["allow"]


@contextmanager
def model_requests(flag: bool) -> Iterator[None]:
    """Temporarily allow or block model requests, restoring the previous setting afterwards."""
    previous = _STATE["allow"]
    _STATE["allow"] = bool(flag)
    try:
        yield
    finally:
        _STATE["allow"] = previous


def is_loopback_url(base_url: str | None) -> bool:
    """True when ``base_url`` points at this machine (127.0.0.0/8, ::1 or localhost)."""
    if not base_url:
        return False  # the default endpoint is api.openai.com
    host = urlsplit(base_url if "//" in base_url else "//" + base_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_model_request(base_url: str | None) -> None:
    """Raise ModelError when requests are blocked and ``base_url`` is not a loopback address."""
    if not _STATE["allow"] and not is_loopback_url(base_url):
        raise ModelError(BLOCKED_MESSAGE)
