"""Benchmark of the main window (a script, not a timed test).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window.py [--runs 5] [--scale 20]
        [--plans 12] [--baseline DIR]

The database measured is a desk's (issue 22): --plans plans (twelve partners' plans of
action) holding --scale times the ASEAN-EU plan's 165 action lines together (--scale 20: 3,300
lines, twelve plans of 275). --baseline DIR measures a checkout of another release (made with
`git worktree add DIR REV`) in the same run, taking turns with this one: "before" and "after"
from the same hour of the same machine.

Measures, each in fresh subprocesses:

(a) a bare PySide6 window: process start -> QMainWindow shown and painted (the first
    event-loop turn after its first paint event);
(b) POA Desk (`poadesk --db PATH`, the real entry point) on that database: process start ->
    main window with the plan tree it opens on (the first plan: what an officer with twelve
    plans sees at start) expanded and painted (the first event-loop turn after the tree's first
    paint event): the ratio b/a is the target measure (1.5x or less);
(c) POA Desk to "ready for editing": the Desk (SQLAlchemy, quick_check, migrations) opened and
    attached to the window after that first paint, search and edits enabled (no target; the
    cost of painting first is that this comes a little later than (b));
(d) peak memory (ru_maxrss) at (a), at (b), and overall (at (c)), as ratios to the bare window
    (target 1.5x or less; the overall figure is the one to hold to it);
(e) search as you type: "cybersecurity" typed one character at a time into the search box,
    the time per keystroke (search, filter, re-layout and repaint) and the time to clear it
    (back to the whole tree), median and max: on the plan alone, on the first of the twelve
    plans, on all twelve in one tree (View > Plan > All Plans, where the release has it), and on
    one plan as large as the twelve together (the former measure; target: one frame, 16 ms).

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
from typing import Any

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


def child_typing(db: str, settings: str, rounds: int, all_plans: bool) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.service import Desk
    from app.ui.main import application
    from app.ui.shell.settings import UiSettings
    from app.ui.window import MainWindow

    app = application()
    window = MainWindow(Desk.open(Path(db)), UiSettings(Path(settings)))
    window.show()
    app.processEvents()
    if all_plans:  # View > Plan > All Plans (a release without it: nothing to measure)
        show_all = getattr(window.browser, "show_all_plans", None)
        if show_all is None:
            _report(missing=True)
            window.close()
            return
        show_all()
        app.processEvents()
    search = window.filters.search
    per_key: list[float] = []
    search_only: list[float] = []
    clear: list[float] = []
    cpu: list[float] = []  # the process's own processor time per keystroke and clearing
    plan_id = None if all_plans else window.plan_id
    for _ in range(rounds):
        for n in range(1, len(WORD) + 1):
            c0, t0 = time.process_time(), time.perf_counter()
            search.setText(WORD[:n])  # what a keystroke does: textChanged -> filter
            QCoreApplication.processEvents()  # the re-layout and repaint of the tree
            per_key.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            t1 = time.perf_counter()
            if not all_plans:
                window.desk.search_ids(WORD[:n], plan_id)
                search_only.append(time.perf_counter() - t1)
        shown = window.proxy.accepted_count
        c0, t0 = time.process_time(), time.perf_counter()
        search.setText("")
        QCoreApplication.processEvents()
        clear.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    _report(per_key=per_key, search_only=search_only or [0.0], clear=clear, cpu=cpu,
            matches=shown, actions=window.model.action_count(), rows=_visible_rows(window))
    window.close()


# -- the parent ---------------------------------------------------------------------------

# (the parent's own modules are imported here, not at the top: the bare child must not pay)

def _run(args: list[str], env: dict[str, str], root: Path = ROOT) -> tuple[float, dict]:
    """Run a child with the code of the checkout `root`; (seconds from its start to `ready`,
    what it reported). Times reported as epoch seconds (`painted`, `ready`) are turned into
    seconds since the child started."""
    import subprocess

    start = time.time()
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          env=dict(env, PYTHONPATH=str(root)), cwd=root, timeout=300)
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
    part-level lines) copied as new sections with the same text, status and notes (the former
    measure, `--plans 1`: one plan as large as all of a desk's plans together)."""
    import shutil
    import sqlite3

    shutil.copyfile(source, target)
    con = sqlite3.connect(target)
    with con:
        plan_id = con.execute("SELECT id FROM plans ORDER BY position, id LIMIT 1").fetchone()[0]
        sections = con.execute(
            "SELECT s.id, s.part_id, s.number, s.title, s.position FROM sections s "
            "JOIN parts p ON p.id = s.part_id WHERE p.plan_id = ?", (plan_id,)).fetchall()
        for k in range(1, copies):
            for sid, part_id, number, title, position in sections:
                _copy_section(con, sid, part_id, f"{number}.{k}", title, position + 1000 * k, k)
            con.execute(
                f"INSERT INTO action_lines ({_COLUMNS}) SELECT plan_id, part_id, NULL, letter, "
                "ref || '#' || ?, position + 100000 * ?, text, status, notes, notes_private, "
                "lines_to_take, updated_at FROM action_lines WHERE plan_id = ? "
                "AND section_id IS NULL AND ref NOT LIKE '%#%'", (k, k, plan_id))
        total = con.execute("SELECT count(*) FROM action_lines WHERE plan_id = ?",
                            (plan_id,)).fetchone()[0]
    con.execute("VACUUM")
    con.close()
    return total


_COLUMNS = ("plan_id, part_id, section_id, letter, ref, position, text, status, notes, "
            "notes_private, lines_to_take, updated_at")
# the twelve plans of issue 22 (the first is the plan itself, grown to their size)
PARTNERS = ("ASEAN-Australia 2008-13", "ASEAN-Australia 2015-19", "ASEAN-Korea 2005",
            "ASEAN-Korea 2011-15", "ASEAN-India", "ASEAN-China 2005-10", "ASEAN-China 2011-15",
            "ASEAN-EU 2013-17", "ASEAN-EU 2018-22", "ASEAN Plus Three", "ASEAN-Japan",
            "ASEAN-UK")
_STATUSES = ("not_assessed", "not_yet_addressed", "being_addressed", "achieved", "recurring")


def _copy_section(con: Any, sid: int, part_id: int, number: str, title: str, position: int,
                  k: int, limit: int = -1) -> None:
    """Section `sid` copied under part `part_id` as `number` (its first `limit` lines; -1: all
    of them), its lines' refs marked '#k'."""
    new_id = con.execute(
        "INSERT INTO sections (part_id, number, title, position) VALUES (?,?,?,?)",
        (part_id, number, title, position)).lastrowid
    con.execute(
        f"INSERT INTO action_lines ({_COLUMNS}) SELECT plan_id, part_id, ?, letter, "
        "ref || '#' || ?, position + 100000 * ?, text, status, notes, "
        "notes_private, lines_to_take, updated_at FROM action_lines "
        "WHERE section_id = ? ORDER BY position LIMIT ?", (new_id, k, k, sid, limit))


def build_plans_db(source: Path, target: Path, plans: int, lines: int) -> list[int]:
    """A desk's database: `plans` plans of about `lines` action lines each (the plan grown to
    that size by copies of its sections, statuses spread over the five, then copied as the
    other plans, each with its parts, sections and acronyms); their sizes, in order."""
    import shutil
    import sqlite3

    shutil.copyfile(source, target)
    con = sqlite3.connect(target)
    with con:
        first = con.execute("SELECT id FROM plans ORDER BY position, id LIMIT 1").fetchone()[0]
        sections = con.execute(
            "SELECT s.id, s.part_id, s.number, s.title, s.position FROM sections s "
            "JOIN parts p ON p.id = s.part_id WHERE p.plan_id = ? ORDER BY s.position, s.id",
            (first,)).fetchall()
        k = 0
        while _count(con, first) < lines:  # the plan grown to the size of a partner's
            k += 1
            for sid, part_id, number, title, position in sections:
                missing = lines - _count(con, first)
                if missing <= 0:
                    break
                _copy_section(con, sid, part_id, f"{number}.{k}", title, position + 1000 * k, k,
                              missing)
        con.execute(f"UPDATE action_lines SET status = CASE id % 5 "
                    f"{' '.join(f'WHEN {i} THEN {s!r}' for i, s in enumerate(_STATUSES))} END "
                    "WHERE plan_id = ?", (first,))
        for n, partner in enumerate(PARTNERS[:plans - 1], start=2):
            plan = con.execute(
                "INSERT INTO plans (title, preamble, source_name, position) SELECT "
                "'Plan of Action: ' || ?, preamble, ? || '.txt', ? FROM plans WHERE id = ?",
                (partner, partner.lower().replace(" ", "-"), n, first)).lastrowid
            con.execute("INSERT INTO acronyms (plan_id, abbr, expansion) SELECT ?, abbr, "
                        "expansion FROM acronyms WHERE plan_id = ?", (plan, first))
            # (every column of a part, whatever the release: its label since migration 0007)
            part_columns = ", ".join(row[1] for row in con.execute("PRAGMA table_info(parts)")
                                     if row[1] not in ("id", "plan_id"))
            for (part_id,) in con.execute("SELECT id FROM parts WHERE plan_id = ?",
                                          (first,)).fetchall():
                new_part = con.execute(f"INSERT INTO parts (plan_id, {part_columns}) SELECT ?, "
                                       f"{part_columns} FROM parts WHERE id = ?",
                                       (plan, part_id)).lastrowid
                con.execute(
                    f"INSERT INTO action_lines ({_COLUMNS}) SELECT ?, ?, NULL, letter, ref, "
                    "position, text, status, notes, notes_private, lines_to_take, updated_at "
                    "FROM action_lines WHERE part_id = ? AND section_id IS NULL",
                    (plan, new_part, part_id))
                for sid, snum, stitle, spos in con.execute(
                        "SELECT id, number, title, position FROM sections WHERE part_id = ?",
                        (part_id,)).fetchall():
                    new_sid = con.execute(
                        "INSERT INTO sections (part_id, number, title, position) "
                        "VALUES (?,?,?,?)", (new_part, snum, stitle, spos)).lastrowid
                    con.execute(
                        f"INSERT INTO action_lines ({_COLUMNS}) SELECT ?, ?, ?, letter, ref, "
                        "position, text, status, notes, notes_private, lines_to_take, "
                        "updated_at FROM action_lines WHERE section_id = ?",
                        (plan, new_part, new_sid, sid))
        sizes = [n for (n,) in con.execute(
            "SELECT count(a.id) FROM plans p LEFT JOIN action_lines a ON a.plan_id = p.id "
            "GROUP BY p.id ORDER BY p.position, p.id")]
    con.execute("VACUUM")
    con.close()
    return sizes


def _count(con: Any, plan_id: int) -> int:
    return int(con.execute("SELECT count(*) FROM action_lines WHERE plan_id = ?",
                           (plan_id,)).fetchone()[0])


def _ms(values: list[float]) -> str:
    import statistics

    return f"{1000 * statistics.median(values):7.1f} {1000 * max(values):7.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=20,
                        help="the database holds this many times the plan's action lines")
    parser.add_argument("--plans", type=int, default=12, choices=range(1, len(PARTNERS) + 2),
                        metavar="1-13", help="in this many plans (1: one plan of that size)")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="a checkout of the release to compare with, measured in the same "
                        "run (git worktree add DIR REV)")
    parser.add_argument("--rounds", type=int, default=3, help="typing rounds per database")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile the project's modules from source in every child (as with "
                        "PYTHONDONTWRITEBYTECODE=1 in a checkout); by default their bytecode is "
                        "cached, as in an installed app")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--settings", help=argparse.SUPPRESS)
    parser.add_argument("--all-plans", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return 0
    if args.child in ("poadesk", "desk-first"):
        child_poadesk(args.db, desk_first=args.child == "desk-first")
        return 0
    if args.child == "typing":
        child_typing(args.db, args.settings, args.rounds, args.all_plans)
        return 0
    return parent(args)


def parent(args: argparse.Namespace) -> int:
    import shutil
    import statistics
    import tempfile

    from app import paths

    roots = {"now": ROOT}
    if args.baseline is not None:
        base = args.baseline.resolve()
        if not (base / "app" / "ui" / "main.py").is_file():
            raise SystemExit(f"--baseline: {base} is not a POA Desk checkout")
        roots = {"before": base, "now": ROOT}
    tmp = Path(tempfile.mkdtemp(prefix="poadesk-bench-"))
    try:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(tmp / "config"), POADESK_DB=str(tmp / "unused.db"))
        if args.no_bytecode:  # every child compiles the project's modules from source
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:  # as an installed app runs: bytecode cached (in tmp, nothing written to the repo)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        bytecode = "no bytecode cache" if args.no_bytecode else "bytecode cached"
        # Each release's databases are built from its own pristine plan.db: the same plan, the
        # same lines and statuses, at the schema revision that release reads.
        dbs: dict[str, dict[str, Path]] = {}
        sizes: list[int] = []
        for label, root in roots.items():
            seed = root / "plan.db" if (root / "plan.db").is_file() else paths.seed_database()
            made = dbs[label] = {"plan": tmp / f"{label}-plan.db", "desk": tmp / f"{label}.db",
                                 "one": tmp / f"{label}-one-plan.db"}
            shutil.copyfile(seed, made["plan"])
            total = args.scale * _count_lines(made["plan"])
            print(f"building {label}'s databases ({total} action lines) ...", file=sys.stderr)
            sizes = (build_plans_db(seed, made["desk"], args.plans, round(total / args.plans))
                     if args.plans > 1 else [build_scaled_db(seed, made["desk"], args.scale)])
            build_scaled_db(seed, made["one"], args.scale)
        described = (f"{len(sizes)} plans of {sizes[0]} action lines" if len(sizes) > 1
                     else f"one plan of {sizes[0]} action lines")
        print(f"  {described}", file=sys.stderr)

        for label, root in roots.items():  # warm the file cache and the bytecode; not counted
            _run(["--child", "bare"], env, root)
            _run(["--child", "poadesk", "--db", str(dbs[label]["desk"])], env, root)
        bare: list[float] = []
        bare_rss: list[float] = []
        runs: dict[str, list[dict]] = {label: [] for label in roots}
        pairs: dict[str, list[float]] = {label: [] for label in roots}
        full_way: list[dict] = []
        kinds = ["bare", *roots, "desk-first"]
        for i in range(args.runs):
            turn = kinds[i % len(kinds):] + kinds[:i % len(kinds)]  # the order rotates
            for kind in turn:
                if kind == "bare":
                    elapsed, values = _run(["--child", "bare"], env)
                    bare.append(elapsed)
                    bare_rss.append(values["maxrss_kb"] / 1024)
                elif kind == "desk-first":
                    full_way.append(_run(["--child", kind, "--db", str(dbs["now"]["desk"])],
                                         env)[1])
                else:
                    runs[kind].append(_run(["--child", "poadesk", "--db",
                                            str(dbs[kind]["desk"])], env, roots[kind])[1])
            for label in roots:
                pairs[label].append(runs[label][-1]["painted"] / bare[-1])
            print(f"  run {i + 1}: bare {1000 * bare[-1]:.0f} ms, " + ", ".join(
                f"{label} painted {1000 * runs[label][-1]['painted']:.0f} ms, ready "
                f"{1000 * runs[label][-1]['ready']:.0f} ms" for label in roots)
                + f"; the full way {1000 * full_way[-1]['painted']:.0f} ms", file=sys.stderr)

        typing_dbs = [("the plan", "plan", False),
                      (f"the first of {len(sizes)} plans" if len(sizes) > 1 else "one plan",
                       "desk", False)]
        if len(sizes) > 1:
            typing_dbs.append((f"all {len(sizes)} plans in one tree", "desk", True))
            typing_dbs.append(("one plan of as many lines", "one", False))
        typing: dict[str, dict[str, dict]] = {}
        for name, db, all_plans in typing_dbs:
            for label, root in roots.items():
                settings = tmp / f"typing-{label}-{len(typing)}.ini"
                _, values = _run(["--child", "typing", "--db", str(dbs[label][db]), "--settings",
                                  str(settings), "--rounds", str(args.rounds),
                                  *(["--all-plans"] if all_plans else [])], env, root)
                typing.setdefault(name, {})[label] = values

        med = statistics.median
        b, br = med(bare), med(bare_rss)

        def verdict(ratio: float, target: float) -> str:
            return f"<= {target}  {'met' if ratio <= target else 'MISSED'}"

        print()
        print(f"POA Desk main window on {described} ({env['QT_QPA_PLATFORM']}, {bytecode}, "
              f"{args.runs} runs, medians)")
        print(f"{'':46} {'bare':>7} " + " ".join(f"{label:>9} {'ratio':>6}" for label in roots)
              + "  target")

        def row(title: str, bare_value: str, values: dict[str, float], divisor: float,
                digits: int, target: float | None) -> None:
            """One line: each release's value and its ratio to the bare window's."""
            cells = " ".join(f"{v:9.{digits}f} {v / divisor:6.2f}" for v in values.values())
            ratio = values["now"] / divisor
            print(f"{title:46} {bare_value:>7} {cells}  "
                  + (verdict(ratio, target) if target else "(none)"))

        def medians(key: str, scale: float) -> dict[str, float]:
            return {k: scale * med(r[key] for r in v) for k, v in runs.items()}

        row("start-up to first paint of the tree (ms)", f"{1000 * b:.0f}",
            medians("painted", 1000), 1000 * b, 0, 1.5)
        print(f"{'  (each run: POA Desk / bare of the same run)':46} {'':7} " + " ".join(
            f"{min(v):.2f} to {max(v):.2f}".rjust(16) for v in pairs.values()))
        row("start-up to ready for editing (Desk attached)", "", medians("ready", 1000),
            1000 * b, 0, None)
        full_paint = med(r["painted"] for r in full_way)
        print(f"{'  the full way (Desk first), first paint (ms)':46} {'':7} "
              f"{1000 * full_paint:9.0f} {full_paint / b:6.2f}  (this release; a first run, "
              "a migration)")
        row("peak memory at first paint, ru_maxrss (MB)", f"{br:.1f}",
            medians("painted_rss_kb", 1 / 1024), br, 1, 1.5)
        row("peak memory overall, ru_maxrss (MB)", f"{br:.1f}",
            medians("maxrss_kb", 1 / 1024), br, 1, 1.5)
        last = runs["now"][-1]
        print(f"  (at start: the first plan, {last['actions']} action lines, {last['visible_rows']}"
              " rows expanded)")
        print()
        print(f'search as you type "{WORD}", then cleared: median / max (ms), wall clock, and '
              'the process\'s processor time (cpu) over both, and of the first letter and the '
              'clearing alone; target 16 ms')
        for name, by_label in typing.items():
            for label, values in by_label.items():
                if values.get("missing"):
                    print(f"  {name:36} {label:6} (not in this release)")
                    continue
                worst = 1000 * max(max(values["per_key"]), max(values["clear"]))
                cpu = f"  cpu {_ms(values['cpu'])}" if "cpu" in values else ""
                if "cpu" in values:  # each round: len(WORD) keystrokes, then the clearing
                    step = len(WORD) + 1
                    cpu += (f" (first letter {_ms(values['cpu'][0::step]).strip()}, clear "
                            f"{_ms(values['cpu'][step - 1::step]).strip()})")
                print(f"  {name:36} {label:6} keystroke {_ms(values['per_key'])}  clear "
                      f"{_ms(values['clear'])}{cpu}  {'met' if worst <= 16 else 'MISSED'}"
                      f"  ({values['actions']} lines, {values.get('rows', '?')} rows; "
                      f"{values['matches']} matches; Desk.search_ids "
                      f"{_ms(values['search_only']).strip()})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _count_lines(db: Path) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM action_lines").fetchone()[0])
    finally:
        con.close()


if __name__ == "__main__":
    raise SystemExit(main())
