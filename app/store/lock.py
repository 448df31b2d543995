"""One writer at a time where it matters, on every system.

Two OS locks sit beside a database file (`flock` on POSIX; on Windows portalocker's
`msvcrt.locking` from byte 0, and `LockFileEx` for shared locks), so the operating
system releases them when the process ends, crash or kill included, and a lock file left behind
by a crash is simply taken over:

- `<database>.lock`, exclusive: the window (and a restore) holds it for as long as it has the
  database open, so a second window on the same file is refused with a message naming the
  first. Who holds it (program, user, host, process, since when) is written in
  `<database>.holder`, beside it: on Windows a locked range cannot be read by another process.
- `<database>.writers`, shared: every process that has the database open through a Desk, window
  or command line, holds it; a restore takes it exclusively, so it never replaces a file that a
  running writer would go on writing into (it waits a moment, then refuses).

Both are keyed on the database's real path: a symbolic link, a `..` or another spelling of the
same file finds the same locks (on a case-insensitive disk `Plan.db` and `plan.db` are one file,
and so are their lock files).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import unicodedata
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from app.errors import DatabaseError
from app.user import default_user


class DatabaseInUse(DatabaseError):
    """Another POA Desk window, restore or command has this database open."""


def real_database(database: Path) -> Path:
    """The file itself, whatever link or spelling names it (the key of its locks)."""
    return Path(os.path.realpath(os.path.expanduser(database)))


def lock_path(database: Path) -> Path:
    real = real_database(database)
    return real.with_name(real.name + ".lock")


def holder_path(database: Path) -> Path:
    real = real_database(database)
    return real.with_name(real.name + ".holder")


def writers_path(database: Path) -> Path:
    real = real_database(database)
    return real.with_name(real.name + ".writers")


def holder(database: Path) -> dict[str, Any] | None:
    """Who holds the lock, as its holder file says (None if unreadable or empty)."""
    try:
        with holder_path(database).open("rb") as fh:
            data = json.loads(fh.read(4096).decode("utf-8", "replace") or "null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _shown(value: object, limit: int = 60) -> str:
    """A holder's field as it may be printed: no control characters (terminal escapes), short."""
    text = "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in str(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def describe(info: dict[str, Any] | None) -> str:
    if not info:
        return "another POA Desk"
    since = _shown(info.get("since", ""), 16).replace("T", " ")
    where = f"{_shown(info.get('user', '?'))} on {_shown(info.get('host', '?'))}"
    return (f"{_shown(info.get('program', 'POA Desk'))} of {where} "
            f"(process {_shown(info.get('pid', '?'), 12)}, since {since})")


def _open_lock_file(path: Path) -> IO[bytes] | None:
    """The lock file, opened for locking; None in a read-only folder (nobody can write there:
    nothing to guard). A folder or anything else in its place is refused."""
    if path.exists() and not path.is_file():
        raise DatabaseError(f"cannot lock {path.name[:-len(path.suffix)]}: {path} is not a "
                            "file; remove it and try again")
    try:
        return path.open("a+b")
    except (PermissionError, FileNotFoundError):  # no folder: opening the database says so
        return None
    except OSError as exc:
        if exc.errno in (30,):  # EROFS: a read-only file system
            return None
        raise DatabaseError(f"cannot lock {path}: {exc.strerror or exc}") from exc


# Start-up: the window takes its lock before its first paint, and importing portalocker costs
# about 45 ms there (its version lookup loads importlib.metadata). On POSIX portalocker's own
# lock is `fcntl.flock`, which the standard library gives at no cost: that is taken directly.
# Elsewhere (Windows: msvcrt from byte 0, LockFileEx for shared locks) portalocker does it;
# tests/test_lock.py runs every lock test through portalocker too.
USE_PORTALOCKER = sys.platform == "win32"


def _lock(fh: IO[bytes], exclusive: bool) -> bool:
    """Lock `fh` without waiting: False if another holds a conflicting lock."""
    if USE_PORTALOCKER:
        import portalocker

        flags = portalocker.LockFlags.EXCLUSIVE if exclusive else portalocker.LockFlags.SHARED
        try:
            portalocker.lock(fh, flags | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.exceptions.LockException:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fh: IO[bytes]) -> None:
    if USE_PORTALOCKER:
        import portalocker

        portalocker.unlock(fh)
        return
    import fcntl

    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class DatabaseLock:
    """The exclusive lock: held from `acquire()` to `release()` (or the end of the process)."""

    def __init__(self, database: Path, program: str = "the POA Desk window") -> None:
        self.database = database
        self.program = program
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        fh = _open_lock_file(lock_path(self.database))
        if fh is None:
            return
        if not _lock(fh, exclusive=True):
            fh.close()
            raise DatabaseInUse(f"{self.database} is already open in "
                                f"{describe(holder(self.database))}; switch to that window, "
                                "or close it first")
        info = {"program": self.program, "user": default_user() or "?",
                "host": socket.gethostname(), "pid": os.getpid(),
                "since": datetime.now().isoformat(timespec="seconds")}
        with suppress(OSError):  # the lock holds; only the message naming the holder is poorer
            holder_path(self.database).write_text(json.dumps(info), encoding="utf-8")
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        with suppress(OSError):
            holder_path(self.database).write_bytes(b"")
        _unlock(self._fh)
        self._fh.close()  # the empty files stay (removing them could race with a new holder
        self._fh = None   # that has just opened them)

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


class WriterLock:
    """The writers' lock: shared by every open Desk on the file (`acquire()`), exclusive for a
    restore (`acquire(exclusive=True, wait=...)`), so nothing replaces a file being written."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self._fh: IO[bytes] | None = None

    def acquire(self, *, exclusive: bool = False, wait: float = 0.0) -> None:
        fh = _open_lock_file(writers_path(self.database))
        if fh is None:
            return
        deadline = time.monotonic() + wait
        while not _lock(fh, exclusive):
            if time.monotonic() >= deadline:
                fh.close()
                raise DatabaseInUse(
                    f"{self.database} is in use by another POA Desk window or command; "
                    "wait for it to finish (or close it) and try again"
                    if exclusive else
                    f"{self.database} is being restored; try again in a moment")
            time.sleep(0.1)
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        _unlock(self._fh)
        self._fh.close()
        self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None
