"""Benchmark of View > Progress (a script, not a timed test).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_progress.py [--runs 5]

Each run is a fresh process (as a session opening the view for the first time): the main window
on a copy of plan.db with a spread of statuses and some history, then View > Progress, timed from
the menu's action to the event-loop turn after the view's first paint (both charts drawn: the
figures read, the trend walked back, the charts painted). Then the view is closed and opened
again in the same process (what every later opening costs). Medians over the runs.
Target: painted in under 0.3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _main_window() -> type:
    try:
        from app.ui.window import MainWindow  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        from app.ui.shell.main_window import MainWindow  # type: ignore[no-redef, unused-ignore]
    return MainWindow  # type: ignore[no-any-return]


def child(folder: Path) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from app.service import Desk
    from app.ui.shell.settings import UiSettings

    app = QApplication(sys.argv[:1])
    db = folder / "progress.db"
    window = _main_window()(Desk.open(db, daily_backup=False), UiSettings(folder / "ui.ini"))
    window.show()
    for _ in range(20):
        app.processEvents()
    times: list[float] = []

    def open_once() -> float:
        done: list[float] = []
        start = time.perf_counter()

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and not done:
                    QTimer.singleShot(0, lambda: done.append(time.perf_counter()))
                return False

        watcher = FirstPaint()
        app.installEventFilter(watcher)
        view = window.progress.open_view()
        while not done:
            app.processEvents()
            if time.perf_counter() - start > 30:
                raise SystemExit("the view never painted")
        # the charts are children: wait until their paint has run as well
        for _ in range(5):
            app.processEvents()
        app.removeEventFilter(watcher)
        elapsed = done[0] - start
        view.close()
        app.processEvents()
        return elapsed

    times.append(open_once())
    times.append(open_once())
    print("BENCH " + json.dumps({"first": times[0], "again": times[1]}), flush=True)
    window.close()


def build(folder: Path) -> None:
    from app.service import Desk

    db = folder / "progress.db"
    shutil.copyfile(ROOT / "plan.db", db)
    desk = Desk.open(db, daily_backup=False)
    rng = random.Random(21)
    statuses = ["Achieved", "Being addressed", "Recurring", "Not yet addressed"]
    with desk.transaction("benchmark data"):
        for a in desk.plan_tree().all_actions():
            if rng.random() < 0.6:
                desk.set_status(a.id, rng.choice(statuses))
    desk.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="poadesk-bench-progress-"))
    env = dict(os.environ, XDG_DATA_HOME=str(folder / "data"),
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    os.environ.update(env)
    try:
        build(folder)
        first, again = [], []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, __file__, "--child", str(folder)], env=env,
                                 capture_output=True, text=True, check=True).stdout
            values = json.loads(next(line for line in out.splitlines()
                                     if line.startswith("BENCH "))[6:])
            first.append(values["first"])
            again.append(values["again"])
        f, a = statistics.median(first), statistics.median(again)
        print(f"View > Progress, painted ({args.runs} fresh processes, medians)")
        print(f"  first opening  {f:6.3f} s   target < 0.3 s: {'met' if f < 0.3 else 'MISSED'}")
        print(f"  opened again   {a:6.3f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
