"""Benchmark of the refusal of small files that take gigabytes (issue 23), a script, not a timed
test.

    python benchmarks/bench_bombs.py [--runs 3]

Each bomb, at the size the issue reported, goes through the opening a real import or brief
uses (the limits of app/limits.py, then openpyxl or python-docx): a workbook declaring 1.5
million cell formats, one of 5.5 million shared strings, a Word template of 1.1 million styles.
Each is opened in a fresh process, timed (median of the runs) and its memory taken (the
process's peak resident memory, python-docx and openpyxl loaded: the XML parsers allocate
outside the Python heap), against opening a sound file of the same kind in the same run. Target:
each refused within a second and 200 MB.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def open_workbook(path: Path) -> str:
    from app.interchange.workbook import reading

    with reading(path) as wb:
        for ws in wb.worksheets:
            for _row in ws.iter_rows(values_only=True):
                pass
    return "read"


def open_template(path: Path) -> str:
    from app.export.docx_parts import open_document

    open_document(path)
    return "read"


OPENERS: dict[str, Callable[[Path], str]] = {"workbook": open_workbook, "template": open_template}


def one_run(kind: str, path: Path) -> None:
    """In a fresh process: print seconds, the process's peak resident memory while it opened
    `path` (MB; Linux: VmHWM, reset just before) and the outcome (python-docx and openpyxl
    imported before the clock starts)."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401

    from app.errors import InputError

    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
    start = time.perf_counter()
    try:
        outcome = OPENERS[kind](path)
    except InputError as exc:
        outcome = str(exc)
    seconds = time.perf_counter() - start
    status = Path("/proc/self/status").read_text()
    peak = int(re.search(r"VmHWM:\s*(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
    print(json.dumps([seconds, peak, outcome]))


def measure(kind: str, path: Path, runs: int) -> tuple[float, float, str]:
    """(median seconds, largest peak in MB, the outcome: 'read' or the refusal)."""
    times, peaks, outcome = [], [], ""
    for _ in range(runs):
        done = subprocess.run([sys.executable, __file__, "--one", kind, str(path)],
                              capture_output=True, text=True, check=True, timeout=900)
        seconds, grown, outcome = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(seconds)
        peaks.append(grown)
    return statistics.median(times), max(peaks), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one[0], Path(args.one[1]))
        return
    from tests import bombs

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workbook = bombs.plain_workbook(folder / "plain.xlsx")
        template = bombs.plain_template(folder / "plain.docx")
        cases = [
            ("sound workbook (baseline)", "workbook", workbook),
            ("1.5 million cell formats", "workbook",
             bombs.cell_formats_bomb(workbook, folder / "formats.xlsx")),
            ("5.5 million shared strings", "workbook",
             bombs.shared_strings_bomb(workbook, folder / "strings.xlsx")),
            ("sound Word template (baseline)", "template", template),
            ("1.1 million Word styles", "template",
             bombs.word_styles_bomb(template, folder / "styles.docx")),
        ]
        print(f"{'file':32} {'size':>9} {'time':>8} {'peak':>9}  outcome")
        for label, kind, path in cases:
            seconds, peak, outcome = measure(kind, path, args.runs)
            size = path.stat().st_size / 2**20
            print(f"{label:32} {size:7.2f}MB {seconds:7.3f}s {peak:7.1f}MB  {outcome[:70]}")


if __name__ == "__main__":
    main()
