"""Benchmark of the matrix import (a script, not a timed test).

    python benchmarks/bench_matrix_import.py [--runs 5]

(a) three colleagues' copies of the exported matrix, 100 rows changed among them (statuses and
    notes), imported one after another: preview and apply, total time (target: under 1 s);
(b) the preview of one file changing all 165 rows, against reading the same workbook with
    openpyxl alone (read-only, every cell's value): the ratio is the measure (the preview also
    reads the database, resolves references and compares three ways).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATUSES = ["Achieved", "Being addressed", "Recurring", "Not yet addressed"]


def edited(source: Path, target: Path, refs: list[str], n: int) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(source)
    ws = wb["Implementation matrix"]
    header = next(r for r in range(1, 11) if any(c.value == "Ref" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header] if c.value}
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, cols["Ref"]).value in refs:
            ws.cell(r, cols["Status"]).value = STATUSES[(r + n) % len(STATUSES)]
            ws.cell(r, cols["Notes"]).value = f"Update from capital {n}, row {r}."
    wb.save(target)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from openpyxl import load_workbook

    from app.export import export_matrix
    from app.interchange.matrix_xlsx import apply_matrix, preview_matrix
    from app.service import Desk

    folder = Path(tempfile.mkdtemp(prefix="poadesk-bench-matrix-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    try:
        base = folder / "base.db"
        shutil.copyfile(ROOT / "plan.db", base)
        desk = Desk.open(base, daily_backup=False)
        out = folder / "matrix.xlsx"
        export_matrix(desk, out)
        refs = [a.ref for a in desk.plan_tree().all_actions()]
        desk.close()
        copies = []
        for n, chunk in enumerate((refs[0:34], refs[34:67], refs[67:100])):
            copies.append(folder / f"capital-{n}.xlsx")
            edited(out, copies[-1], chunk, n)
        everything = folder / "all.xlsx"
        edited(out, everything, refs, 9)
        three, preview_all, openpyxl_all = [], [], []
        for run in range(args.runs):
            db = folder / f"run{run}.db"
            shutil.copyfile(base, db)
            desk = Desk.open(db, daily_backup=False)
            start = time.perf_counter()
            for path in copies:
                apply_matrix(desk, preview_matrix(desk, path))
            three.append(time.perf_counter() - start)
            start = time.perf_counter()
            preview = preview_matrix(desk, everything)
            preview_all.append(time.perf_counter() - start)
            desk.close()
            start = time.perf_counter()
            wb = load_workbook(everything, read_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    pass
            wb.close()
            openpyxl_all.append(time.perf_counter() - start)
        t3, tp, to = (statistics.median(v) for v in (three, preview_all, openpyxl_all))
        print(f"matrix import ({args.runs} runs, medians; {len(preview.changes)} changes in "
              "the 165-row file)")
        print(f"  3 files, 100 rows changed, preview + apply each   {t3:6.2f} s   target < 1 s: "
              f"{'met' if t3 < 1 else 'MISSED'}")
        print(f"  preview of a 165-row change                         {tp:6.2f} s   "
              f"{tp / to:4.1f}x reading the workbook with openpyxl alone ({to:.2f} s)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
