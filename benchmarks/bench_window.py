"""Benchmark of the main window (a script, not a timed test).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window.py [--runs 5] [--scale 100]

Measures, each in fresh subprocesses:

(a) a bare PySide6 window: process start -> QMainWindow shown, first event-loop turn;
(b) POA Desk (`poadesk --db PATH`, the real entry point): process start -> main window with
    the whole plan tree expanded, first event-loop turn; the ratio b/a (target 2x or less);
(c) peak memory (ru_maxrss) of both at that moment, and the ratio (target 1.5x or less);
(d) search as you type: "cybersecurity" typed one character at a time into the search box,
    the time per keystroke (search, filter, re-layout and repaint), median and max, on the plan
    and on a database holding 100 copies of its action lines (target: one frame, 16 ms).

Start-up runs are repeated (--runs) and the median is taken; bare and POA Desk alternate.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = "cybersecurity"


# -- what runs in the child processes -------------------------------------------------------

def _report(**values: object) -> None:
    import resource

    values["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("BENCH " + json.dumps(values), flush=True)


def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)
    window.show()

    def ready() -> None:
        _report(ready=time.time())
        window.close()

    QTimer.singleShot(0, ready)
    app.exec()


def child_poadesk(db: str) -> None:
    """`poadesk --db DB`, with a hook at the first event-loop turn after the window shows."""
    import app.ui.main as ui_main
    from app.cli import main

    real_run_window = ui_main.run_window

    def ready(window) -> None:  # noqa: ANN001
        t = time.time()
        rows = _visible_rows(window)
        _report(ready=t, visible_rows=rows, actions=window.model.action_count())
        window.close()

    ui_main.run_window = lambda path: real_run_window(path, on_shown=ready)
    raise SystemExit(main(["--db", db]))


def _visible_rows(window) -> int:  # noqa: ANN001
    n, index = 0, window.tree.model().index(0, 0)
    while index.isValid():
        n += 1
        index = window.tree.indexBelow(index)
    return n


def child_typing(db: str, settings: str, rounds: int) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.service import Desk
    from app.ui.main import application
    from app.ui.main_window import MainWindow
    from app.ui.settings import UiSettings

    app = application()
    window = MainWindow(Desk.open(Path(db)), UiSettings(Path(settings)))
    window.show()
    app.processEvents()
    search = window.filters.search
    per_key: list[float] = []
    search_only: list[float] = []
    clear: list[float] = []
    for _ in range(rounds):
        for n in range(1, len(WORD) + 1):
            t0 = time.perf_counter()
            search.setText(WORD[:n])  # what a keystroke does: textChanged -> filter
            QCoreApplication.processEvents()  # the re-layout and repaint of the tree
            per_key.append(time.perf_counter() - t0)
            t1 = time.perf_counter()
            window.desk.search_ids(WORD[:n], window.plan_id)
            search_only.append(time.perf_counter() - t1)
        shown = window.proxy.accepted_count
        t0 = time.perf_counter()
        search.setText("")
        QCoreApplication.processEvents()
        clear.append(time.perf_counter() - t0)
    _report(per_key=per_key, search_only=search_only, clear=clear, matches=shown,
            actions=window.model.action_count())
    window.close()


# -- the parent ---------------------------------------------------------------------------

# (the parent's own modules are imported here, not at the top: the bare child must not pay)

def _run(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    import subprocess

    start = time.time()
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"child {args} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    values = json.loads(lines[-1][6:])
    return values.get("ready", start) - start, values


def build_scaled_db(source: Path, target: Path, copies: int) -> int:
    """A database whose plan holds `copies` x its action lines: each section (and the
    part-level lines) copied as new sections with the same text, status and notes."""
    import shutil
    import sqlite3

    shutil.copyfile(source, target)
    con = sqlite3.connect(target)
    with con:
        plan_id = con.execute("SELECT id FROM plans ORDER BY position, id LIMIT 1").fetchone()[0]
        sections = con.execute(
            "SELECT s.id, s.part_id, s.number, s.title, s.position FROM sections s "
            "JOIN parts p ON p.id = s.part_id WHERE p.plan_id = ?", (plan_id,)).fetchall()
        columns = ("plan_id, part_id, section_id, letter, ref, position, text, status, notes, "
                   "notes_private, lines_to_take, updated_at")
        for k in range(1, copies):
            for sid, part_id, number, title, position in sections:
                new_id = con.execute(
                    "INSERT INTO sections (part_id, number, title, position) VALUES (?,?,?,?)",
                    (part_id, f"{number}.{k}", title, position + 1000 * k)).lastrowid
                con.execute(
                    f"INSERT INTO action_lines ({columns}) SELECT plan_id, part_id, ?, letter, "
                    "ref || '#' || ?, position + 100000 * ?, text, status, notes, "
                    "notes_private, lines_to_take, updated_at FROM action_lines "
                    "WHERE section_id = ?", (new_id, k, k, sid))
            con.execute(
                f"INSERT INTO action_lines ({columns}) SELECT plan_id, part_id, NULL, letter, "
                "ref || '#' || ?, position + 100000 * ?, text, status, notes, notes_private, "
                "lines_to_take, updated_at FROM action_lines WHERE plan_id = ? "
                "AND section_id IS NULL AND ref NOT LIKE '%#%'", (k, k, plan_id))
        total = con.execute("SELECT count(*) FROM action_lines WHERE plan_id = ?",
                            (plan_id,)).fetchone()[0]
    con.execute("VACUUM")
    con.close()
    return total


def _ms(values: list[float]) -> str:
    import statistics

    return f"{1000 * statistics.median(values):7.1f} {1000 * max(values):7.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="typing rounds per database")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return 0
    if args.child == "poadesk":
        child_poadesk(args.db)
        return 0
    if args.child == "typing":
        child_typing(args.db, args.settings, args.rounds)
        return 0

    import shutil
    import statistics
    import tempfile

    from app import paths

    tmp = Path(tempfile.mkdtemp(prefix="poadesk-bench-"))
    try:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(tmp / "config"), POADESK_DB=str(tmp / "unused.db"),
                   PYTHONPATH=str(ROOT))
        plan_db = tmp / "plan.db"
        shutil.copyfile(paths.seed_database(), plan_db)
        print(f"building the {args.scale}x database ...", file=sys.stderr)
        t0 = time.perf_counter()
        big_db = tmp / f"plan-x{args.scale}.db"
        big_total = build_scaled_db(paths.seed_database(), big_db, args.scale)
        print(f"  {big_total} action lines in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

        _run(["--child", "bare"], env)  # warm the file cache; not counted
        _run(["--child", "poadesk", "--db", str(plan_db)], env)
        bare, desk, bare_rss, desk_rss = [], [], [], []
        rows = 0
        for i in range(args.runs):
            for kind in (("bare", "poadesk") if i % 2 == 0 else ("poadesk", "bare")):
                extra = ["--db", str(plan_db)] if kind == "poadesk" else []
                elapsed, values = _run(["--child", kind, *extra], env)
                (bare if kind == "bare" else desk).append(elapsed)
                (bare_rss if kind == "bare" else desk_rss).append(values["maxrss_kb"])
                rows = values.get("visible_rows", rows)
            print(f"  run {i + 1}: bare {1000 * bare[-1]:.0f} ms, POA Desk "
                  f"{1000 * desk[-1]:.0f} ms", file=sys.stderr)
        big_elapsed, big_values = _run(["--child", "poadesk", "--db", str(big_db)], env)

        typing = {}
        for label, db in (("plan", plan_db), (f"{args.scale}x", big_db)):
            _, typing[label] = _run(["--child", "typing", "--db", str(db), "--settings",
                                     str(tmp / f"typing-{label}.ini"),
                                     "--rounds", str(args.rounds)], env)

        b, d = statistics.median(bare), statistics.median(desk)
        br, dr = statistics.median(bare_rss) / 1024, statistics.median(desk_rss) / 1024
        print()
        print(f"POA Desk main window ({env['QT_QPA_PLATFORM']}, {args.runs} runs, medians)")
        print(f"{'':44} {'bare':>8} {'POA Desk':>9} {'ratio':>6}  target")
        print(f"{'start-up to window with the tree (ms)':44} {1000 * b:8.0f} {1000 * d:9.0f} "
              f"{d / b:6.2f}  <= 2.0")
        print(f"{'peak memory, ru_maxrss (MB)':44} {br:8.1f} {dr:9.1f} {dr / br:6.2f}  <= 1.5")
        print(f"  (tree on screen: {rows} rows expanded; {args.scale}x plan, "
              f"{big_values['actions']} action lines: start-up {1000 * big_elapsed:.0f} ms, "
              f"{big_values['maxrss_kb'] / 1024:.0f} MB)")
        print()
        print(f'search as you type "{WORD}", per keystroke   median     max   target 16 ms')
        for label, values in typing.items():
            name = f"{label} ({values['actions']} action lines)"
            print(f"  {name:40} window {_ms(values['per_key'])}")
            print(f"  {'':40} search {_ms(values['search_only'])}   (Desk.search_ids)")
            print(f"  {'':40} clear  {_ms(values['clear'])}   (back to the full tree;"
                  f" {values['matches']} matches)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
