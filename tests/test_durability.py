"""An edit the gateway reported as done survives the process being killed at once."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from app.service import Desk
from tests.conftest import fuzz_cases

pytestmark = pytest.mark.sqlite_only  # WAL and synchronous=FULL

EDITOR = """
import os, signal, sys
from pathlib import Path
from app.service import Desk
desk = Desk.open(Path(sys.argv[1]))
aid = desk.resolve_ref("3.2(f)")
desk.set_status(aid, "Achieved")
desk.set_notes(aid, "COVAX follow-up agreed")
print("done", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no close(), no checkpoint, no clean-up of any kind
"""


def test_edits_survive_sigkill(db_path):
    result = subprocess.run([sys.executable, "-c", EDITOR, str(db_path)],
                            capture_output=True, text=True)
    assert result.stdout.strip() == "done", result.stderr
    assert result.returncode == -signal.SIGKILL
    desk = Desk.open(db_path)
    try:
        detail = desk.action(desk.resolve_ref("3.2(f)"))
    finally:
        desk.close()
    assert detail.status == "achieved"
    assert detail.notes == "COVAX follow-up agreed"


STREAM = """
import sys
from pathlib import Path
from app.service import Desk
desk = Desk.open(Path(sys.argv[1]), daily_backup=False)
ids = [a.id for a in desk.plan_tree().all_actions()]
n = 0
while True:
    aid = ids[n % len(ids)]
    desk.set_notes(aid, f"edit {n}")
    print(aid, n, flush=True)  # acknowledged: the gateway said it is done
    n += 1
"""


def _kill_after(args: list[str], lines: int) -> list[str]:
    proc = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, text=True)
    seen = []
    assert proc.stdout is not None
    while len(seen) < lines:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return seen


def test_sigkill_in_a_stream_of_edits_loses_no_acknowledged_edit(db_path):
    import random
    import sqlite3

    rng = random.Random(20261202)
    for _ in range(fuzz_cases(6)):  # six kills at the default POADESK_FUZZ_CASES
        acked = _kill_after([STREAM, str(db_path)], rng.randint(3, 60))
        assert acked, "the editor never got going"
        last: dict[int, int] = {}
        for line in acked:
            aid, n = map(int, line.split())
            last[aid] = n
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            for aid, n in last.items():
                (notes,) = conn.execute("SELECT notes FROM action_lines WHERE id = ?",
                                        (aid,)).fetchone()
                assert notes.startswith("edit ") and int(notes.split()[1]) >= n


IMPORTER = """
import json, sys
from pathlib import Path
from app.interchange.json_backup import import_state
from app.service import Desk
data = json.loads(Path(sys.argv[2]).read_text())
desk = Desk.open(Path(sys.argv[1]), daily_backup=False)
print("go", flush=True)
import_state(desk, data, source="big.json")
print("done", flush=True)
"""


def test_sigkill_in_a_large_import_leaves_all_of_it_or_none(db_path, other_desk, tmp_path):
    import json
    import random
    import sqlite3
    import time

    from app.interchange.json_backup import export_state

    with other_desk.transaction():  # one commit, not 165
        for aid in range(1, 166):
            other_desk.set_notes(aid, "imported " + "y" * 2000)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(export_state(other_desk)), encoding="utf-8")
    rng = random.Random(7)
    outcomes = set()
    for _ in range(fuzz_cases(6)):  # six kills at the default POADESK_FUZZ_CASES
        proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(db_path), str(big)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "go"
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            (count,) = conn.execute("SELECT count(*) FROM action_lines WHERE notes LIKE "
                                    "'imported %'").fetchone()
            (history,) = conn.execute("SELECT count(*) FROM history WHERE operation = "
                                      "'import from big.json'").fetchone()
        assert count in (0, 165), f"half an import: {count} of 165 action lines"
        assert (history > 0) == (count == 165)  # a change and its history, or neither
        outcomes.add(count)
        if count:
            with sqlite3.connect(db_path) as conn:  # undo it, to catch the next kill again
                conn.execute("UPDATE action_lines SET notes = ''")
                conn.execute("DELETE FROM history")
