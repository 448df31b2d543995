"""Benchmark of the progress report (a script, not a timed test).

    python benchmarks/bench_report.py [--runs 5] [--baseline DIR]

The report of the full plan (165 action lines) with 500 activities in the year (one in ten on a
whole section), as Word and as Excel, against a plain python-docx script writing the same matrix
(every action line with its status and its activities) into a table: the ratio is the measure
(the report also reads the database and the history, builds the native chart with its embedded
workbook, the figures, the tables by section and the acronym annex). Target: under 2 seconds on
this machine.

--baseline DIR measures a checkout of another revision (`git worktree add DIR REV`) in the same
run, taking turns with this one, on the same data (built by the older code, so both can open
it): "before" and "after" from the same hour of the same machine, and their ratio.
Each measurement runs in a fresh subprocess with its checkout's app package (PYTHONPATH);
python-docx and openpyxl are imported by a warm-up export first, as in a session that has
written one before. Each timed export starts after a full garbage collection (untimed): else
which export pays for the interpreter's periodic full collection, about 0.1-0.2 s for all the
objects the session holds, is decided by where it happens to fall (the Excel report of one
revision measured 0.2 s or 0.5 s by that alone); a collection the export's own objects cause
is still timed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERIOD = ("2026-01-01", "2026-12-31")


def child_build(db: str) -> None:
    """The data, written by this checkout's code (the one on sys.path)."""
    import random
    from datetime import date

    from app.activities.values import ActivityFields
    from app.service import Desk

    desk = Desk.open(Path(db), daily_backup=False)
    rng = random.Random(500)
    tree = desk.plan_tree()
    actions = tree.all_actions()
    sections = [s.number for part in tree.parts for s in part.sections]
    statuses = ["Achieved", "Being addressed", "Recurring", "Not yet addressed"]
    with desk.transaction("benchmark data"):
        for a in actions:
            desk.set_status(a.id, rng.choice(statuses))
        for n in range(500):
            ref = rng.choice(sections) if n % 10 == 0 else rng.choice(actions).ref
            desk.activities.add(desk.resolve(ref).target, ActivityFields(
                f"Activity {n}: ASEAN-EU dialogue on {ref}", rng.choice(
                    ["meeting", "workshop", "project", "visit", "statement"]),
                date(2026, rng.randint(1, 12), rng.randint(1, 28)), place="Jakarta",
                lead=rng.choice(["EU", "ASEAN", "Both"]),
                programme=rng.choice(["", "E-READI", "SUPA", "ARISE Plus"])))
    desk.close()


def child_time(db: str, out: str, runs: int) -> None:
    """Seconds per export of each kind (Word, Excel) and of the plain python-docx table, as
    JSON on stdout."""
    import time
    from datetime import date

    from app.export.report import export_report
    from app.service import Desk

    start_end = [date.fromisoformat(d) for d in PERIOD]
    folder = Path(out)

    def ours(suffix: str) -> float:
        gc.collect()
        began = time.perf_counter()
        desk = Desk.open(Path(db), daily_backup=False)
        export_report(desk, *start_end, folder / f"r{suffix}", marking="RESTRICTED")
        desk.close()
        return time.perf_counter() - began

    ours(".docx")  # imports (docx, openpyxl) once, as a session would
    ours(".xlsx")
    result: dict[str, list[float]] = {"word": [], "excel": [], "plain": []}
    for _ in range(runs):
        result["word"].append(ours(".docx"))
        result["excel"].append(ours(".xlsx"))
        result["plain"].append(plain(db, folder / "p.docx", start_end))
    print(json.dumps(result))


def plain(db: str, out: Path, period: list) -> float:
    """The same matrix with python-docx alone (the content read beforehand, untimed)."""
    import time

    import docx

    from app.export.report_content import load_report
    from app.service import Desk

    desk = Desk.open(Path(db), daily_backup=False)
    content = load_report(desk, *period)
    desk.close()
    gc.collect()
    began = time.perf_counter()
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for line in content.lines:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = line.ref, line.text, line.status
        cells[3].text = "\n".join(a.fields.title for a in line.activities)
    document.save(str(out))
    return time.perf_counter() - began


def _child(root: Path, env: dict[str, str], *args: str) -> str:
    """This script run as a child with `root`'s app package (PYTHONPATH)."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], cwd=root,
                          env=dict(env, PYTHONPATH=str(root)), capture_output=True, text=True,
                          check=False)
    if done.returncode:
        raise SystemExit(f"{root}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="a checkout to compare with, measured in the same run "
                        "(git worktree add DIR REV)")
    parser.add_argument("--child", choices=("build", "time"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        child_build(args.db)
        return 0
    if args.child == "time":
        child_time(args.db, args.out, args.runs)
        return 0
    roots = {"now": ROOT}
    if args.baseline is not None:
        base = args.baseline.resolve()
        if not (base / "app" / "export" / "report.py").is_file():
            raise SystemExit(f"--baseline: {base} is not a POA Desk checkout with a report")
        roots = {"before": base, "now": ROOT}
    folder = Path(tempfile.mkdtemp(prefix="poadesk-bench-report-"))
    env = dict(os.environ, XDG_DATA_HOME=str(folder / "data"),
               PYTHONPYCACHEPREFIX=str(folder / "pycache"))
    try:
        first = next(iter(roots.values()))  # the oldest code builds the data: all open it
        built = folder / "built.db"
        shutil.copyfile(first / "plan.db", built)
        _child(first, env, "--child", "build", "--db", str(built))
        times: dict[str, dict[str, list[float]]] = {
            label: {"word": [], "excel": [], "plain": []} for label in roots}
        dbs = {}
        for label in roots:
            dbs[label] = folder / f"{label}.db"
            shutil.copyfile(built, dbs[label])
            (folder / label).mkdir()
        for _ in range(args.runs):  # taking turns, one run each
            for label, root in roots.items():
                got = json.loads(_child(root, env, "--child", "time", "--db", str(dbs[label]),
                                        "--out", str(folder / label), "--runs", "1"))
                for kind, values in got.items():
                    times[label][kind] += values
        print(f"progress report, 165 action lines, 500 activities, 50 on whole sections "
              f"({args.runs} runs, medians)")
        medians = {label: {k: statistics.median(v) for k, v in t.items()}
                   for label, t in times.items()}
        for label, m in medians.items():
            print(f"  {label:7s} Word {m['word']:5.2f} s ({m['word'] / m['plain']:4.1f}x plain "
                  f"python-docx, {m['plain']:.2f} s)   Excel {m['excel']:5.2f} s   target < 2 s:"
                  f" {'met' if max(m['word'], m['excel']) < 2 else 'MISSED'}")
        if "before" in medians:
            b, n = medians["before"], medians["now"]
            fast = {label: {k: min(v) for k, v in t.items()} for label, t in times.items()}
            fb, fn = fast["before"], fast["now"]
            print(f"  now/before: Word {n['word'] / b['word']:.2f}x, Excel "
                  f"{n['excel'] / b['excel']:.2f}x (fastest runs: Word "
                  f"{fn['word'] / fb['word']:.2f}x, Excel {fn['excel'] / fb['excel']:.2f}x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
