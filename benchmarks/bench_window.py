"""Benchmark of the main window (a script, not a timed test).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window.py [--runs 5] [--scale 100]

Measures, each in fresh subprocesses:

(a) a bare PySide6 window: process start -> QMainWindow shown and painted (the first
    event-loop turn after its first paint event);
(b) POA Desk (`poadesk --db PATH`, the real entry point): process start -> main window with
    the whole plan tree expanded and painted (the first event-loop turn after the tree's first
    paint event): the ratio b/a is the target measure (2x or less);
(c) POA Desk to "ready for editing": the Desk (SQLAlchemy, quick_check, migrations) opened and
    attached to the window after that first paint, search and edits enabled (no target; the
    cost of painting first is that this comes a little later than (b));
(d) peak memory (ru_maxrss) at (a), at (b), and overall (at (c)), as ratios to the bare window
    (target 1.5x or less; the overall figure is the one to hold to it);
(e) search as you type: "cybersecurity" typed one character at a time into the search box,
    the time per keystroke (search, filter, re-layout and repaint), median and max, on the plan
    and on a database holding 100 copies of its action lines (target: one frame, 16 ms).

A zero timer started at show() fires *before* the first paint (the paint is a posted event),
so both windows are timed at their first paint, the same event for both. The full way (Desk
first, what a first run or a migration takes) is timed beside it for comparison.
Start-up runs are repeated (--runs) and the median is taken; bare, POA Desk and the full way
take turns. The children run with the project's bytecode cached (in a temporary folder), as an
installed app does; --no-bytecode compiles it from source in every child instead (what a
checkout with PYTHONDONTWRITEBYTECODE=1 does: ~30 ms more for POA Desk, nothing for bare).
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

def _maxrss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report(**values: object) -> None:
    values["maxrss_kb"] = _maxrss_kb()
    print("BENCH " + json.dumps(values), flush=True)


def child_bare() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)

    def ready() -> None:
        _report(ready=time.time())
        window.close()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, ready)  # the turn after the paint, as POA Desk's hook
            return False

    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    app.exec()


def child_poadesk(db: str, desk_first: bool = False) -> None:
    """`poadesk --db DB`, hooked at the first event-loop turn after the tree's first paint
    (`on_shown`) and after the Desk is attached (`on_ready`). `desk_first`: the fast path
    switched off, as for a database that needs the full way (a first run, a migration)."""
    import app.ui.main as ui_main
    from app.cli import main

    if desk_first:
        ui_main.open_window_fast = lambda *_args, **_kw: None
    real_run_window = ui_main.run_window
    seen: dict[str, object] = {}

    def shown(window) -> None:  # noqa: ANN001
        seen.update(painted=time.time(), painted_rss_kb=_maxrss_kb(),
                    visible_rows=_visible_rows(window), fast=not window.ready)

    def ready(window) -> None:  # noqa: ANN001
        _report(ready=time.time(), actions=window.model.action_count(),
                searchable=window.filters.isEnabled(), **seen)
        window.close()

    ui_main.run_window = lambda path: real_run_window(path, on_shown=shown, on_ready=ready)
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
    from app.ui.shell.settings import UiSettings
    from app.ui.window import MainWindow

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
    """Run a child; (seconds from its start to `ready`, what it reported). Times reported
    as epoch seconds (`painted`, `ready`) are turned into seconds since the child started."""
    import subprocess

    start = time.time()
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"child {args} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    values = json.loads(lines[-1][6:])
    for key in ("painted", "ready"):
        if key in values:
            values[key] -= start
    return values.get("ready", 0.0), values


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
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile the project's modules from source in every child (as with "
                        "PYTHONDONTWRITEBYTECODE=1 in a checkout); by default their bytecode is "
                        "cached, as in an installed app")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return 0
    if args.child in ("poadesk", "desk-first"):
        child_poadesk(args.db, desk_first=args.child == "desk-first")
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
        if args.no_bytecode:  # every child compiles the project's modules from source
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:  # as an installed app runs: bytecode cached (in tmp, nothing written to the repo)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        bytecode = "no bytecode cache" if args.no_bytecode else "bytecode cached"
        plan_db = tmp / "plan.db"
        shutil.copyfile(paths.seed_database(), plan_db)
        print(f"building the {args.scale}x database ...", file=sys.stderr)
        t0 = time.perf_counter()
        big_db = tmp / f"plan-x{args.scale}.db"
        big_total = build_scaled_db(paths.seed_database(), big_db, args.scale)
        print(f"  {big_total} action lines in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

        _run(["--child", "bare"], env)  # warm the file cache; not counted
        _run(["--child", "poadesk", "--db", str(plan_db)], env)
        bare, bare_rss, runs, full_way = [], [], [], []
        kinds = ["bare", "poadesk", "desk-first"]
        for i in range(args.runs):
            for kind in kinds[i % 3:] + kinds[:i % 3]:  # the order rotates run by run
                extra = [] if kind == "bare" else ["--db", str(plan_db)]
                elapsed, values = _run(["--child", kind, *extra], env)
                if kind == "bare":
                    bare.append(elapsed)
                    bare_rss.append(values["maxrss_kb"] / 1024)
                else:
                    (runs if kind == "poadesk" else full_way).append(values)
            print(f"  run {i + 1}: bare {1000 * bare[-1]:.0f} ms, POA Desk painted "
                  f"{1000 * runs[-1]['painted']:.0f} ms, ready {1000 * runs[-1]['ready']:.0f} ms"
                  f" ({'fast path' if runs[-1]['fast'] else 'Desk first'}); the full way "
                  f"{1000 * full_way[-1]['painted']:.0f} ms", file=sys.stderr)
        _, big = _run(["--child", "poadesk", "--db", str(big_db)], env)

        typing = {}
        for label, db in (("plan", plan_db), (f"{args.scale}x", big_db)):
            _, typing[label] = _run(["--child", "typing", "--db", str(db), "--settings",
                                     str(tmp / f"typing-{label}.ini"),
                                     "--rounds", str(args.rounds)], env)

        med = statistics.median
        b, br = med(bare), med(bare_rss)
        painted, ready = med(r["painted"] for r in runs), med(r["ready"] for r in runs)
        painted_rss = med(r["painted_rss_kb"] / 1024 for r in runs)
        peak_rss = med(r["maxrss_kb"] / 1024 for r in runs)
        fast = sum(bool(r["fast"]) for r in runs)
        rows = runs[-1]["visible_rows"]
        pairs = sorted(r["painted"] / x for r, x in zip(runs, bare, strict=True))

        def verdict(ratio: float, target: float) -> str:
            return f"<= {target}  {'met' if ratio <= target else 'MISSED'}"

        print()
        print(f"POA Desk main window ({env['QT_QPA_PLATFORM']}, {bytecode}, {args.runs} runs, "
              f"medians; fast path taken in {fast} of {len(runs)})")
        print(f"{'':46} {'bare':>7} {'POA Desk':>9} {'ratio':>6}  target")
        print(f"{'start-up to first paint of the full tree (ms)':46} {1000 * b:7.0f} "
              f"{1000 * painted:9.0f} {painted / b:6.2f}  {verdict(painted / b, 2.0)}")
        print(f"{'  (each run: POA Desk / bare of the same run)':46} {'':7} {'':9} "
              f"{pairs[0]:.2f} to {pairs[-1]:.2f}")
        print(f"{'start-up to ready for editing (Desk attached)':46} {'':7} "
              f"{1000 * ready:9.0f} {ready / b:6.2f}  (none)")
        full_paint = med(r["painted"] for r in full_way)
        print(f"{'  the full way (Desk first), first paint (ms)':46} {'':7} "
              f"{1000 * full_paint:9.0f} {full_paint / b:6.2f}  (fallback: first run, "
              "migration)")
        print(f"{'peak memory at first paint, ru_maxrss (MB)':46} {br:7.1f} {painted_rss:9.1f} "
              f"{painted_rss / br:6.2f}  {verdict(painted_rss / br, 1.5)}")
        print(f"{'peak memory overall, ru_maxrss (MB)':46} {br:7.1f} {peak_rss:9.1f} "
              f"{peak_rss / br:6.2f}  {verdict(peak_rss / br, 1.5)}")
        print(f"  (tree on screen: {rows} rows expanded; {args.scale}x plan, "
              f"{big['actions']} action lines: painted {1000 * big['painted']:.0f} ms, ready "
              f"{1000 * big['ready']:.0f} ms, {big['maxrss_kb'] / 1024:.0f} MB)")
        print()
        print(f'search as you type "{WORD}", per keystroke   median     max   target 16 ms')
        for label, values in typing.items():
            name = f"{label} ({values['actions']} action lines)"
            worst = 1000 * max(values["per_key"])
            print(f"  {name:40} window {_ms(values['per_key'])}   "
                  f"{'met' if worst <= 16 else 'MISSED'} (max)")
            print(f"  {'':40} search {_ms(values['search_only'])}   (Desk.search_ids)")
            print(f"  {'':40} clear  {_ms(values['clear'])}   (back to the full tree;"
                  f" {values['matches']} matches)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
