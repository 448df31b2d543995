"""An edit the gateway reported as done survives the process being killed at once."""

from __future__ import annotations

import signal
import subprocess
import sys

from app.service import Desk

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
