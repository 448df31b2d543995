"""One writer: the window (and a restore) holds a lock beside the database for as long as it has
it open, so a second window on the same file is refused with a message naming the first.

The lock is an OS lock (`flock` on POSIX, `msvcrt.locking` on Windows) on `<database>.lock`:
the operating system releases it when the process ends, crash or kill included, so a stale lock
file left by a crash is simply taken over. The file also says who holds it (program, user,
host, process, since when), for the message.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from app.errors import DatabaseError


class DatabaseInUse(DatabaseError):
    """Another POA Desk window (or a restore) has this database open."""


def _try_lock(fh: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def holder(database: Path) -> dict[str, Any] | None:
    """Who holds the lock, as its file says (None if unreadable)."""
    try:
        data = json.loads(lock_path(database).read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def describe(info: dict[str, Any] | None) -> str:
    if not info:
        return "another POA Desk"
    since = str(info.get("since", ""))[:16].replace("T", " ")
    where = f"{info.get('user', '?')} on {info.get('host', '?')}"
    return (f"{info.get('program', 'POA Desk')} of {where} (process {info.get('pid', '?')}, "
            f"since {since})")


class DatabaseLock:
    """Held from `acquire()` to `release()` (or the end of the process)."""

    def __init__(self, database: Path, program: str = "the POA Desk window") -> None:
        self.database = database
        self.program = program
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        path = lock_path(self.database)
        try:
            fh = path.open("a+b")
        except OSError:
            return  # a read-only folder: nobody can write here anyway; nothing to guard
        if not _try_lock(fh):
            fh.close()
            raise DatabaseInUse(f"{self.database} is already open in "
                                f"{describe(holder(self.database))}; switch to that window, "
                                "or close it first")
        info = {"program": self.program, "user": _user(), "host": socket.gethostname(),
                "pid": os.getpid(), "since": datetime.now().isoformat(timespec="seconds")}
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(info).encode("utf-8"))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            self._fh.seek(0)
            self._fh.truncate()
        except OSError:
            pass
        self._fh.close()  # closing releases the OS lock; the empty file stays (removing it
        self._fh = None   # could race with a new holder that has just opened it)

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (containers)
        return os.environ.get("USER", "?")
