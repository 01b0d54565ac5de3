"""Which file a SQLite session database is: recorded at start, compared by readiness, remembered across restarts.

A database deleted or replaced under a running server keeps answering from open handles while nothing lands
where a restart will look, so readiness compares the path's (device, inode) with the one recorded at start. A
marker file next to the database (``<db>.identity``) remembers it across restarts: a server starting over a
data dir whose database is gone, or is another file, says so instead of starting empty in silence.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from pydantic import BaseModel


class FileIdentity(BaseModel):
    """A file's device and inode."""

    dev: int
    ino: int


def identity_of(path: Path) -> FileIdentity | None:
    """The file's identity, or None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return FileIdentity(dev=st.st_dev, ino=st.st_ino)


class CorruptDatabaseError(RuntimeError):
    """The session database file cannot be read; the message names it and what to do."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        super().__init__(
            f"{path} is corrupt ({reason}); restore it from a backup, or move it away to start with no sessions"
        )


class DatabaseFileWatch:
    """The SQLite file of the session store, as it was at start (and as the previous run left it)."""

    def __init__(self, path: Path, existed: bool):
        self.path = path
        self.marker = path.with_name(path.name + ".identity")
        self.started = identity_of(path)
        self.start_problem: str | None = None
        remembered = self._remembered()
        if remembered is not None and remembered != self.started:
            what = "was missing at start" if not existed else "is not the file the previous run used"
            self.start_problem = (
                f"session database {path} {what}: sessions and decline memory are lost; restore the file, or delete "
                f"{self.marker} to accept starting with empty sessions"
            )
        elif self.started is not None:
            self._remember(self.started)

    def _remembered(self) -> FileIdentity | None:
        try:
            return FileIdentity.model_validate(json.loads(self.marker.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None

    def _remember(self, ident: FileIdentity) -> None:
        # Unique per writer: stores starting together (threads or processes) each write their own, then rename.
        tmp = self.marker.with_name(f"{self.marker.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(ident.model_dump_json(), encoding="utf-8")
        os.replace(tmp, self.marker)

    def problem(self) -> str | None:
        """What is wrong with the database file now (named, with what to do), or None."""
        if self.start_problem:
            return self.start_problem
        now = identity_of(self.path)
        if now is None:
            return (
                f"session database {self.path} was deleted while serving: new sessions are not kept; restore the "
                "file and restart"
            )
        if now != self.started:
            return f"session database {self.path} was replaced while serving: restart to use the new file"
        return None
