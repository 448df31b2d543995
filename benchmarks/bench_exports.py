"""Benchmark: the Word and Excel briefs of all 165 action lines and the implementation matrix.

    python benchmarks/bench_exports.py [--repeat 5] [--base OTHER_CHECKOUT]

Reports, for each export, the time (best and median of --repeat runs after a warm-up) against
the 1 s target, and as a ratio to a plain script writing the same text with python-docx (one
paragraph per text block) or openpyxl (a write-only workbook, the same rows) in the same run;
peak memory as a ratio to the same plain script, both as the process's peak RSS
(resource.getrusage ru_maxrss; the garbage collected before each run) and as the tracemalloc
peak of the export itself; processor time (time.process_time) beside the wall clock. Each
measurement runs in its own subprocess. Target for the ratios: 1.5x or less.

--base: another checkout of POA Desk (e.g. `git worktree add /tmp/base HEAD` before a change)
whose exports are measured in the same run, on a database it prepares itself the same way:
each export's time and memory as a ratio to that code's. The two are measured in turn,
--rounds times (default 3), and each keeps its best: on a shared machine the load changes
from one minute to the next.

A script, not a timed test: timings belong in a report, not in a pass/fail test.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

# the code measured: this checkout, or the one --base names (its children get it in ROOT_VAR)
ROOT_VAR = "POADESK_BENCH_ROOT"
ROOT = Path(os.environ.get(ROOT_VAR) or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))


# -- the data: one meeting with every action line, filled in -------------------------------

def prepare(folder: Path) -> tuple[Path, int]:
    from app.service import Desk

    db = folder / "bench.db"
    shutil.copyfile(ROOT / "plan.db", db)
    desk = Desk.open(db)
    try:
        refs = [a.ref for a in desk.plan_tree().all_actions()]
        meeting = desk.meetings.create("SOM", "Benchmark SOM: the whole plan", None,
                                       "Jakarta", "RESTRICTED", refs).id
        for n, item in enumerate(desk.meetings.get(meeting).items):
            desk.meetings.edit_item(
                item.id,
                objective=f"Secure support for {item.ref} and agree the next steps.",
                points_to_make="Welcome progress since the last SOM.\n"
                               f"Recall the EU's offer of expertise on {item.ref}.\n"
                               "Propose a stocktaking before the next AEMM.",
                defensive_points="If asked about funding: the EU budget cycle applies.",
                background=f"Outcome of SOM, 2025-03-0{n % 9 + 1}: noted; follow-up agreed.")
            if n % 3 == 0:
                desk.set_notes(item.actions[0].id, f"=Desk note {n}: check with capital.")
    finally:
        desk.close()
    return db, meeting


# -- what each child process does ---------------------------------------------------------

def job_brief(db: str, meeting: int, out: str) -> Callable[[], object]:
    from app.export.brief_docx import write_brief_docx
    from app.service import Desk

    desk = Desk.open(Path(db))
    return lambda: write_brief_docx(desk, meeting, Path(out))


def job_brief_xlsx(db: str, meeting: int, out: str) -> Callable[[], object]:
    from app.export.brief_xlsx import write_brief_xlsx
    from app.service import Desk

    desk = Desk.open(Path(db))
    return lambda: write_brief_xlsx(desk, meeting, Path(out))


def job_matrix(db: str, _meeting: int, out: str) -> Callable[[], object]:
    from app.export.brief_xlsx import write_matrix_xlsx
    from app.service import Desk

    desk = Desk.open(Path(db))
    return lambda: write_matrix_xlsx(desk, Path(out))


def job_plain_docx(text_file: str, _meeting: int, out: str) -> Callable[[], object]:
    import docx

    blocks = json.loads(Path(text_file).read_text(encoding="utf-8"))

    def run() -> None:
        document = docx.Document()
        for block in blocks:
            document.add_paragraph(block)
        document.save(out)
    return run


def job_plain_xlsx(text_file: str, _meeting: int, out: str,
                   write_only: bool = True) -> Callable[[], object]:
    from openpyxl import Workbook

    sheets = json.loads(Path(text_file).read_text(encoding="utf-8"))

    def run() -> None:
        workbook = Workbook(write_only=write_only)
        if not write_only:
            workbook.remove(workbook.active)
        for title, rows in sheets.items():
            ws = workbook.create_sheet(title)
            for row in rows:
                ws.append(row)
        workbook.save(out)
    return run


def job_plain_xlsx_normal(text_file: str, meeting: int, out: str) -> Callable[[], object]:
    return job_plain_xlsx(text_file, meeting, out, write_only=False)


JOBS = {"brief": job_brief, "brief-xlsx": job_brief_xlsx, "matrix": job_matrix,
        "plain-docx": job_plain_docx, "plain-xlsx": job_plain_xlsx,
        "plain-xlsx-normal": job_plain_xlsx_normal}


def child(job: str, source: str, meeting: int, out: str, repeat: int, trace: bool) -> None:
    import docx  # noqa: F401 - imports are not what is measured, in any of the jobs
    import openpyxl  # noqa: F401

    work = JOBS[job](source, meeting, out)
    if trace:
        tracemalloc.start()
        work()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(json.dumps({"traced_peak": peak}))
        return
    work()  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        # each run from a collected heap: the peak RSS is one export's, not the garbage of
        # those before (python-docx's packages are reference cycles, freed only by a full
        # collection, which comes sooner for code that allocates more)
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"best": min(times), "median": statistics.median(times),
                      "cpu_best": min(cpu), "maxrss_kb": maxrss_kb}))


def _env(root: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if root is not None:
        env[ROOT_VAR] = str(root)
    return env


def measure(job: str, source: Path, meeting: int, out: Path, repeat: int,
            root: Path | None = None) -> dict[str, float]:
    """`job` in a fresh process (twice: timed, then traced), with the code of `root` (default:
    this checkout)."""
    result: dict[str, float] = {}
    for trace in (False, True):
        cmd = [sys.executable, __file__, "--child", job, str(source), str(meeting), str(out),
               "--repeat", str(repeat)] + (["--trace"] if trace else [])
        done = subprocess.run(cmd, capture_output=True, text=True, check=True, env=_env(root))
        result.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return result


def prepare_with(root: Path, folder: Path) -> tuple[Path, int]:
    """The benchmark's database made by the code of `root`, in a process of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, __file__, "--prepare", str(folder)],
                          capture_output=True, text=True, check=True, env=_env(root))
    db, meeting = json.loads(done.stdout.strip().splitlines()[-1])
    return Path(db), int(meeting)


# -- the same text, for the plain scripts --------------------------------------------------

def docx_blocks(path: Path) -> list[str]:
    """Every paragraph's text in the brief (body, tables, header and footer)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    parts = [document.element.body] + [p._element for s in document.sections
                                       for p in (s.header, s.footer)]
    return ["".join(t.text or "" for t in p.iter(qn("w:t")))
            for part in parts for p in part.iter(qn("w:p"))]


def xlsx_rows(path: Path) -> dict[str, list[list[object]]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    sheets = {ws.title: [[("" if v is None else str(v)) for v in row]
                         for row in ws.iter_rows(values_only=True)] for ws in workbook}
    workbook.close()
    return sheets


def report(name: str, ours: dict[str, float], plain: dict[str, float],
           plain_name: str = "plain") -> list[str]:
    ok = "ok" if ours["best"] < 1.0 else "OVER 1 s"
    time_ratio = ours["best"] / plain["best"]
    rss_ratio = ours["maxrss_kb"] / plain["maxrss_kb"]
    traced_ratio = ours["traced_peak"] / plain["traced_peak"]

    def mark(ratio: float) -> str:
        return "ok" if ratio <= 1.5 else "over 1.5x"

    return [
        f"{name}",
        f"  time      {ours['best'] * 1000:7.0f} ms best, {ours['median'] * 1000:.0f} ms median"
        f"  (target < 1 s: {ok})",
        f"  {plain_name}",
        f"    time    {plain['best'] * 1000:7.0f} ms best  -> ratio {time_ratio:.2f}x "
        f"({mark(time_ratio)})",
        f"    peak RSS {plain['maxrss_kb'] / 1024:6.1f} MB (ours {ours['maxrss_kb'] / 1024:.1f})"
        f" -> ratio {rss_ratio:.2f}x ({mark(rss_ratio)})",
        f"    traced  {plain['traced_peak'] / 2**20:7.1f} MB (ours "
        f"{ours['traced_peak'] / 2**20:.1f}) -> ratio {traced_ratio:.2f}x ({mark(traced_ratio)})",
    ]


def best(kept: dict[str, float] | None, new: dict[str, float]) -> dict[str, float]:
    """The better of two measurements of one job, figure by figure."""
    return new if kept is None else {key: min(kept[key], new[key]) for key in new}


def against_base(name: str, ours: dict[str, float], base: dict[str, float]) -> str:
    return (f"  vs. --base: time {ours['best'] / base['best']:.2f}x "
            f"({base['best'] * 1000:.0f} ms before), processor time "
            f"{ours['cpu_best'] / base['cpu_best']:.2f}x ({ours['cpu_best'] * 1000:.0f} vs "
            f"{base['cpu_best'] * 1000:.0f} ms), peak RSS "
            f"{ours['maxrss_kb'] / base['maxrss_kb']:.2f}x, traced "
            f"{ours['traced_peak'] / base['traced_peak']:.2f}x ({name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--base", type=Path, metavar="CHECKOUT",
                        help="another checkout whose exports are measured in the same run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="with --base: the two measured in turn this many times")
    parser.add_argument("--child", nargs=4, metavar=("JOB", "SOURCE", "MEETING", "OUT"))
    parser.add_argument("--prepare", metavar="FOLDER")
    parser.add_argument("--trace", action="store_true")
    args = parser.parse_args()
    if args.child:
        job, source, meeting, out = args.child
        child(job, source, int(meeting), out, args.repeat, args.trace)
        return
    if args.prepare:
        db, meeting = prepare(Path(args.prepare))
        print(json.dumps([str(db), meeting]))
        return
    with tempfile.TemporaryDirectory(prefix="poadesk-bench-") as tmp:
        folder = Path(tmp)
        db, meeting = prepare_with(ROOT, folder / "ours")
        jobs = (("brief", ".docx", "Word brief"), ("brief-xlsx", ".xlsx", "Excel brief"),
                ("matrix", ".xlsx", "matrix"))
        base: dict[str, dict[str, float]] = {}
        again: dict[str, dict[str, float]] = {}  # ours, measured in turn with the base
        if args.base is not None:
            base_root = args.base.resolve()
            base_db, base_meeting = prepare_with(base_root, folder / "base")
            for job, suffix, _name in jobs:
                for _round in range(args.rounds):
                    base[job] = best(base.get(job), measure(
                        job, base_db, base_meeting, folder / f"base-{job}{suffix}",
                        args.repeat, base_root))
                    again[job] = best(again.get(job), measure(
                        job, db, meeting, folder / f"again-{job}{suffix}", args.repeat))
        brief = measure("brief", db, meeting, folder / "brief.docx", args.repeat)
        brief_xlsx = measure("brief-xlsx", db, meeting, folder / "brief.xlsx", args.repeat)
        brief_rows = folder / "brief-rows.json"
        brief_rows.write_text(json.dumps(xlsx_rows(folder / "brief.xlsx")), encoding="utf-8")
        plain_brief = measure("plain-xlsx-normal", brief_rows, 0, folder / "plain3.xlsx",
                              args.repeat)
        blocks = folder / "brief-text.json"
        blocks.write_text(json.dumps(docx_blocks(folder / "brief.docx")), encoding="utf-8")
        plain_docx = measure("plain-docx", blocks, 0, folder / "plain.docx", args.repeat)
        matrix = measure("matrix", db, meeting, folder / "matrix.xlsx", args.repeat)
        rows = folder / "matrix-rows.json"
        rows.write_text(json.dumps(xlsx_rows(folder / "matrix.xlsx")), encoding="utf-8")
        plain_xlsx = measure("plain-xlsx", rows, 0, folder / "plain.xlsx", args.repeat)
        plain_normal = measure("plain-xlsx-normal", rows, 0, folder / "plain2.xlsx",
                               args.repeat)
        count = len(json.loads(blocks.read_text(encoding="utf-8")))
        print(f"POA Desk export benchmark (Python {sys.version.split()[0]}, "
              f"best of {args.repeat} after a warm-up; each in its own process)")
        print("\n".join(report(f"Word brief, 165 action lines ({count} text blocks)",
                               brief, plain_docx, "plain python-docx, one paragraph a block")))
        print("\n".join(report("Implementation matrix, 165 rows (and its other sheets)", matrix,
                               plain_xlsx, "plain openpyxl, write-only workbook")))
        print("\n".join(report("", matrix, plain_normal,
                               "plain openpyxl, ordinary workbook")[2:]))
        print("\n".join(report("Excel brief, 165 items (and its other sheets)", brief_xlsx,
                               plain_brief, "plain openpyxl, ordinary workbook")))
        if base:
            print(f"Against --base {args.base} (the same data, prepared by that code; best "
                  f"of {args.rounds} rounds each, measured in turn):")
            for job, _suffix, name in jobs:
                print(against_base(name, again[job], base[job]))


if __name__ == "__main__":
    main()
