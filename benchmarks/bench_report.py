"""Benchmark of the progress report (a script, not a timed test).

    python benchmarks/bench_report.py [--runs 5]

The report of the full plan (165 action lines) with 500 activities, as Word and as Excel,
against a plain python-docx script writing the same matrix (every action line with its status
and its activities) into a table: the ratio is the measure (the report also reads the
database, the history, builds the native chart with its embedded workbook and writes the
figures). Target: under 2 seconds on this machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path) -> Path:
    from app.activities.values import ActivityFields
    from app.service import Desk

    db = folder / "report.db"
    shutil.copyfile(ROOT / "plan.db", db)
    desk = Desk.open(db, daily_backup=False)
    rng = random.Random(500)
    actions = desk.plan_tree().all_actions()
    statuses = ["Achieved", "Being addressed", "Recurring", "Not yet addressed"]
    with desk.transaction("benchmark data"):
        for a in actions:
            desk.set_status(a.id, rng.choice(statuses))
        for n in range(500):
            a = rng.choice(actions)
            desk.activities.add(desk.resolve(a.ref).target, ActivityFields(
                f"Activity {n}: ASEAN-EU dialogue on {a.ref}", rng.choice(
                    ["meeting", "workshop", "project", "visit", "statement"]),
                date(2026, rng.randint(1, 12), rng.randint(1, 28)), place="Jakarta"))
    desk.close()
    return db


def plain(db: Path, out: Path) -> None:
    """The same matrix with python-docx alone (the content read beforehand, untimed)."""
    import docx

    from app.export.report_content import load_report
    from app.service import Desk

    desk = Desk.open(db, daily_backup=False)
    content = load_report(desk, date(2026, 1, 1), date(2026, 12, 31))
    desk.close()
    start = time.perf_counter()
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for line in content.lines:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = line.ref, line.text, line.status
        cells[3].text = "\n".join(a.fields.title for a in line.activities)
    document.save(str(out))
    plain.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]


def ours(db: Path, out: Path) -> float:
    from app.export.report import export_report
    from app.service import Desk

    start = time.perf_counter()
    desk = Desk.open(db, daily_backup=False)
    export_report(desk, date(2026, 1, 1), date(2026, 12, 31), out, marking="RESTRICTED")
    desk.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="poadesk-bench-report-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    try:
        db = build(folder)
        ours(db, folder / "warm.docx")  # imports (docx, openpyxl) once, as a session would
        word, excel, base = [], [], []
        for _ in range(args.runs):
            word.append(ours(db, folder / "r.docx"))
            excel.append(ours(db, folder / "r.xlsx"))
            plain(db, folder / "p.docx")
            base.append(plain.elapsed)  # type: ignore[attr-defined]
        w, x, b = (statistics.median(v) for v in (word, excel, base))
        print(f"progress report, 165 action lines, 500 activities ({args.runs} runs, medians)")
        print(f"  Word report   {w:6.2f} s   {w / b:5.1f}x plain python-docx ({b:.2f} s)   "
              f"target < 2 s: {'met' if w < 2 else 'MISSED'}")
        print(f"  Excel report  {x:6.2f} s   target < 2 s: {'met' if x < 2 else 'MISSED'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
