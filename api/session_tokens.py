"""Signed session tokens: proof that a caller holds the session it names (required for events and later turns).

A token is an HMAC-SHA256 of the session id under a server secret: opaque to clients, checkable without storage,
and the same on every worker and after a restart, because the secret comes from settings or from one file under
the data dir that the first process to start creates.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = "session_secret"
_PREFIX = "v1."


class SessionTokens:
    """Issues and checks the token of a session id."""

    def __init__(self, secret: bytes):
        if len(secret) < 16:
            raise ValueError("the session secret must be at least 16 bytes")
        self._secret = secret

    def issue(self, session_id: str) -> str:
        """The session's token."""
        mac = hmac.new(self._secret, b"cartwise-session\0" + session_id.encode("utf-8"), hashlib.sha256).digest()
        return _PREFIX + base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")

    def verify(self, session_id: str, token: str | None) -> bool:
        """True when ``token`` is the session's token (constant-time)."""
        if not token:
            return False
        return hmac.compare_digest(token.encode("utf-8", "replace"), self.issue(session_id).encode("ascii"))


def load_or_create_secret(data_dir: Path) -> bytes:
    """The secret in ``data_dir/session_secret``, created (0600) by whichever process gets there first."""
    path = Path(data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)  # atomic and refuses to replace: two workers starting together agree on one file
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise ValueError(f"{path}: the session secret is too short or empty; delete the file to make a new one")
    return text.encode("ascii")
