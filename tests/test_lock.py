"""The one-writer locks (app/store/lock.py), as they must hold on Windows and macOS too: keyed on
the real file, holder named safely, a folder in the lock's place refused, writers and a restore
kept apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import DatabaseError
from app.store import lock as lock_module
from app.store.lock import DatabaseInUse, DatabaseLock, WriterLock, describe, holder

HOLD = ("import sys, time; from pathlib import Path\n"
        "from app.store.lock import DatabaseLock\n"
        "lock = DatabaseLock(Path(sys.argv[1]), 'the POA Desk window')\n"
        "lock.acquire(); print('held', flush=True); sys.stdin.read()")


def _hold_in_another_process(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc



@pytest.fixture(autouse=True, params=["flock", "portalocker"])
def locker(request, monkeypatch):
    """Every test twice: with the standard library's flock (POSIX, the fast start) and through
    portalocker, the way Windows takes the same locks (on POSIX portalocker also uses flock,
    so the two agree across processes)."""
    monkeypatch.setattr(lock_module, "USE_PORTALOCKER", request.param == "portalocker")
    return request.param


def test_a_second_process_through_a_symbolic_link_is_refused(tmp_path):
    real = tmp_path / "data" / "poadesk.db"
    real.parent.mkdir()
    real.write_bytes(b"")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    dotted = tmp_path / "data" / ".." / "data" / "poadesk.db"
    proc = _hold_in_another_process(real)
    try:
        for other in (link, dotted):
            with pytest.raises(DatabaseInUse) as caught:
                DatabaseLock(other).acquire()
            assert f"process {proc.pid}" in str(caught.value)
    finally:
        proc.communicate("")
    with DatabaseLock(link) as lock:  # the holder has gone: the lock is free again
        assert lock.held
    assert not (tmp_path / "link.db.lock").exists()  # beside the real file, not the link


def test_the_holder_is_printed_without_control_characters_and_short(tmp_path):
    db = tmp_path / "x.db"
    with DatabaseLock(db):
        data = json.loads((tmp_path / "x.db.holder").read_text())
        assert data["pid"] == os.getpid()
    forged = {"program": "\x1b[2J\x1b]0;owned\x07POA", "user": "u" * 5000, "host": "h\r\nx",
              "pid": 1, "since": "2026-12-07T10:00:00"}
    (tmp_path / "x.db.holder").write_text(json.dumps(forged))
    line = describe(holder(db))
    assert "\x1b" not in line and "\x07" not in line and "\r" not in line and "\n" not in line
    assert len(line) < 250


def test_a_folder_in_the_locks_place_is_refused_not_ignored(tmp_path):
    db = tmp_path / "x.db"
    (tmp_path / "x.db.lock").mkdir()
    with pytest.raises(DatabaseError) as caught:
        DatabaseLock(db).acquire()
    assert "is not a file" in str(caught.value)


def test_writers_share_and_a_restore_is_refused_while_one_writes(tmp_path):
    db = tmp_path / "x.db"
    first, second = WriterLock(db), WriterLock(db)
    first.acquire()
    second.acquire()  # a window and a command line at once
    restore = WriterLock(db)
    with pytest.raises(DatabaseInUse) as caught:
        restore.acquire(exclusive=True, wait=0.2)
    assert "in use by another POA Desk window or command" in str(caught.value)
    first.release()
    second.release()
    restore.acquire(exclusive=True)
    with pytest.raises(DatabaseInUse) as caught:  # and nobody opens it while it is replaced
        WriterLock(db).acquire()
    assert "being restored" in str(caught.value)
    restore.release()
