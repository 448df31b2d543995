"""The one atomic writer (app/atomic.py) where Windows holds files: retried, then one line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from app import atomic
from app.errors import InputError

HOLD = "import sys; fh = open(sys.argv[1], 'rb'); print('open', flush=True); sys.stdin.read()"


@pytest.fixture
def windows_replace(monkeypatch):
    """os.replace as Windows does it: PermissionError while another process has the target
    open (here: while the holder process runs)."""
    holders: list[subprocess.Popen[str]] = []
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if any(p.poll() is None for p in holders):
            raise PermissionError(13, "The process cannot access the file because it is being "
                                      "used by another process", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)

    def hold(path):
        proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "open"
        holders.append(proc)
        return proc

    yield hold, calls
    for proc in holders:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_held_target_is_retried_and_replaced_once_let_go(tmp_path, windows_replace):
    hold, calls = windows_replace
    target = tmp_path / "brief.docx"
    target.write_text("old")
    holder = hold(target)
    started = time.monotonic()

    let_go = threading.Timer(0.3, holder.stdin.close)  # Word closes the file a moment later
    let_go.start()
    atomic.write_atomically(target, lambda tmp: tmp.write_text("new"))
    let_go.join()
    assert target.read_text() == "new" and time.monotonic() - started < 5
    assert 1 < len(calls) < atomic.HELD_TRIES  # refused while held, then replaced
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_target_that_stays_held_is_one_line_naming_it_and_unchanged(tmp_path,
                                                                       windows_replace):
    hold, calls = windows_replace
    target = tmp_path / "matrix.xlsx"
    target.write_text("old")
    hold(target)
    with pytest.raises(InputError) as caught:
        atomic.write_atomically(target, lambda tmp: tmp.write_text("new"))
    message = str(caught.value)
    assert "\n" not in message and str(target) in message and "open in another program" in message
    assert len(calls) == atomic.HELD_TRIES  # retried, about a second, then refused
    assert target.read_text() == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_private_files_are_owner_only_whatever_the_umask(tmp_path):
    target = tmp_path / "with-private.json"
    atomic.write_atomically(target, lambda tmp: tmp.write_text("{}"), private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    plain = tmp_path / "plain.json"
    atomic.write_atomically(plain, lambda tmp: tmp.write_text("{}"))
    assert stat.S_IMODE(plain.stat().st_mode) == 0o666 & ~atomic.current_umask()


def test_the_umask_is_read_once_not_flipped_on_every_write(tmp_path, monkeypatch):
    flips = []
    monkeypatch.setattr(atomic.os, "umask", lambda mask: flips.append(mask) or 0o022)
    atomic.write_atomically(tmp_path / "a.txt", lambda tmp: tmp.write_text("a"))
    assert flips == []
