"""Check a built POA Desk one-folder bundle as a user would meet it (packaging/check-app.sh runs
this after build-app.sh; standard library only, any Python 3.11+).

    python3 packaging/check_bundle.py "dist/POA Desk" [--max-mb 150] [--runs 5]
            [--reference-cli build/pyinstaller-venv/bin/poadesk] [--no-window]

1. Its size: at most --max-mb megabytes (10**6 bytes), every file counted.
2. It is copied to a new temporary folder outside the checkout and run from there, with a new
   empty HOME, a bare PATH and no Python variables, so it can only use what it carries:
   `--version`, `show 1.3b` on a new database, `meeting add` + `activity add`, `export brief`
   (.docx and .xlsx), `export report` (.docx and .xlsx), `export matrix`, `import plan` from a
   small PDF (the PDF library is bundled: its 3 action lines read), `show 4.2a` on the
   default database (created under the new HOME), and the window opened offscreen and closed
   (the entry's hidden `--smoke-test` flag, packaging/poadesk_entry.py). Each step must exit 0;
   each file must exist and be a sound Office zip with its main part (and the report its
   native chart part).
3. With --reference-cli (the `poadesk` of an installed wheel), the bundle's `--help`,
   `export --help` and `import --help` must list the same commands: the frozen app found every
   command module.
4. Start-up: the median wall time of --runs runs of `--version` and of `show 1.3b`.

Exit 0 when every check passed; 1 otherwise (every failure is listed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
# The progress report's chart is a native chart part (word/charts, xl/charts), not a picture.
REPORT_PARTS = {".docx": ("word/charts/chart1.xml",), ".xlsx": ("xl/charts/chart1.xml",)}
STEP_TIMEOUT = 180  # seconds: a first start from a cold disk cache is slow, a hang is not
# A plan printed to PDF (made by tiny_pdf): each paragraph's lines with their distances below
# the line before (a wider gap between paragraphs; two action lines wrap over two lines).
PDF_PLAN = (
    ("Bundle Check Plan of Action (2030-2034)", 0),
    ("1. PART ONE", 24), ("1.1. Section one", 20),
    ("- a) Convene a meeting on plans printed to PDF and read by the", 20),
    ("bundle with the PDF library it carries.", 13),
    ("- b) Read the second action line of the plan, which also runs over", 20),
    ("two lines of the page.", 13),
    ("- c) Report on it.", 20),
)


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"  {'ok  ' if ok else 'FAIL'} {what}" + (f": {detail}" if detail and not ok else ""))
        if not ok:
            self.failures.append(f"{what}: {detail}" if detail else what)
        return ok


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder` (links counted as links, not followed)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


def office_file_problem(path: Path, parts: tuple[str, ...] = ()) -> str | None:
    """Why `path` is not a sound .docx/.xlsx (missing, not a zip, a bad member, no main part or
    one of `parts`); None when it is one."""
    if not path.is_file():
        return "not written"
    if not zipfile.is_zipfile(path):
        return "not a zip file"
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        return f"unreadable zip: {exc}"
    if bad is not None:
        return f"damaged member {bad}"
    for needed in ("[Content_Types].xml", MAIN_PART[path.suffix], *parts):
        if needed not in names:
            return f"no {needed}"
    return None


def tiny_pdf(lines: tuple[tuple[str, int], ...] = PDF_PLAN) -> bytes:
    """A one-page PDF of `lines` (text, distance below the line before) in Helvetica 11."""
    def text(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"0 -{dy} Td ({text(line)}) Tj" for line, dy in lines)
    content = f"BT /F1 11 Tf 72 780 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def executable(folder: Path, name: str = "poadesk") -> Path:
    for candidate in (folder / name, folder / f"{name}.exe",
                      folder / "Contents" / "MacOS" / name):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"check_bundle: no {name} executable in {folder}")


def clean_env(home: Path, runtime: Path) -> dict[str, str]:
    """What the bundle runs with: a new HOME, a bare PATH, no Python or POA Desk variables,
    the offscreen Qt platform."""
    env = {"HOME": str(home), "PATH": os.defpath, "LANG": "C.UTF-8", "COLUMNS": "100",
           "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime)}
    for name in ("SYSTEMROOT", "TEMP", "TMP", "TMPDIR"):  # Windows needs SYSTEMROOT
        if name in os.environ:
            env[name] = os.environ[name]
    return env


class Runner:
    def __init__(self, exe: Path, cwd: Path, env: dict[str, str], outcome: Outcome) -> None:
        self.exe, self.cwd, self.env, self.outcome = exe, cwd, env, outcome

    def run(self, what: str, *args: str) -> subprocess.CompletedProcess[str] | None:
        try:
            result = subprocess.run([str(self.exe), *args], cwd=self.cwd, env=self.env,
                                    capture_output=True, text=True, timeout=STEP_TIMEOUT,
                                    stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            self.outcome.check(False, what, f"no answer in {STEP_TIMEOUT} s")
            return None
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:] or [""]
        ok = self.outcome.check(result.returncode == 0, what,
                                f"exit code {result.returncode}: {last[0]}")
        return result if ok else None

    def export(self, what: str, out: str, *args: str, parts: tuple[str, ...] = ()) -> None:
        if self.run(what, *args, out) is not None:
            problem = office_file_problem(self.cwd / out, parts)
            self.outcome.check(problem is None, f"{out} is a real {Path(out).suffix} file",
                               problem or "")

    def start_up(self, runs: int, *args: str) -> str:
        """The median wall time of `runs` runs, and their median CPU time (user + system:
        steadier than the wall time on a busy machine), as text."""
        walls, cpus = [], []
        for _ in range(runs):
            cpu = _children_cpu()
            start = time.perf_counter()
            subprocess.run([str(self.exe), *args], cwd=self.cwd, env=self.env,
                           capture_output=True, timeout=STEP_TIMEOUT, check=True,
                           stdin=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - cpu)
        text = f"{statistics.median(walls):.2f} s"
        return text + (f" (CPU {statistics.median(cpus):.2f} s)" if cpus[0] >= 0 else "")


def _children_cpu() -> float:
    """User + system seconds of the finished child processes; -1 where unknown (Windows)."""
    try:
        import resource
    except ImportError:
        return -1.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_commands(runner: Runner, reference: Path) -> None:
    """The bundle lists the same commands as the installed package's `poadesk`."""
    for args in (["--help"], ["export", "--help"], ["import", "--help"]):
        frozen = runner.run(f"frozen {' '.join(args)}", *args)
        installed = subprocess.run([str(reference), *args], capture_output=True, text=True,
                                   env={**os.environ, "COLUMNS": "100"}, timeout=STEP_TIMEOUT)
        if frozen is not None:
            runner.outcome.check(frozen.stdout == installed.stdout,
                                 f"{' '.join(args)} lists what the installed poadesk lists",
                                 "the outputs differ (a command module missing?)")


def exercise(runner: Runner, window: bool) -> None:
    db = "desk.db"
    version = runner.run("--version", "--version")
    if version is not None:
        runner.outcome.check(version.stdout.startswith("POA Desk "), "--version prints it",
                             version.stdout.strip())
    shown = runner.run("show 1.3b on a new database", "--db", db, "show", "1.3b")
    if shown is not None:
        runner.outcome.check("1.3(b)" in shown.stdout, "show prints 1.3(b)", shown.stdout[:80])
    added = runner.run("meeting add", "--db", db, "meeting", "add", "--kind", "SOM",
                       "--title", "Bundle check SOM", "--date", "2026-03-02",
                       "--venue", "Jakarta", "--refs", "1.3(b),2.1")
    meeting = added.stdout.split()[-1] if added is not None and added.stdout.split() else "1"
    runner.run("activity add", "--db", db, "activity", "add", "1.3(b)", "--title",
               "Bundle check workshop", "--date", "2026-02-10", "--kind", "workshop")
    for suffix in (".docx", ".xlsx"):
        runner.export(f"export brief {suffix}", f"brief{suffix}", "--db", db, "export",
                      "brief", "--meeting", meeting)
        runner.export(f"export report {suffix}", f"report{suffix}", "--db", db, "export",
                      "report", "--from", "2026-01-01", "--to", "2026-12-31",
                      parts=REPORT_PARTS[suffix])
    runner.export("export matrix", "matrix.xlsx", "--db", db, "export", "matrix")
    (runner.cwd / "plan.pdf").write_bytes(tiny_pdf())  # the PDF library is in the bundle
    added = runner.run("import plan from a PDF", "--db", db, "import", "plan", "plan.pdf")
    if added is not None:
        runner.outcome.check("(3 action lines)" in added.stdout, "the PDF's 3 action lines "
                             "were read", added.stdout.strip())
    default = runner.run("show 4.2a on the default database", "show", "4.2a")
    if default is not None and sys.platform != "win32":  # Windows asks the shell, not HOME
        home = Path(runner.env["HOME"])
        runner.outcome.check(any(home.rglob("*.db")), "the default database is under HOME")
    if window:
        opened = runner.run("window opened offscreen and closed", "--db", db, "--smoke-test")
        if opened is not None:
            runner.outcome.check("the window opened" in opened.stdout, "the window was ready",
                                 opened.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("bundle", type=Path, help='the one-folder app, e.g. "dist/POA Desk"')
    parser.add_argument("--max-mb", type=float, default=150.0)
    parser.add_argument("--runs", type=int, default=5, help="runs per start-up timing (0: none)")
    parser.add_argument("--reference-cli", type=Path, help="an installed poadesk to compare with")
    parser.add_argument("--no-window", action="store_true", help="skip the window")
    args = parser.parse_args(argv)

    outcome = Outcome()
    bundle = args.bundle.resolve()
    size = folder_size(bundle)
    print(f"bundle: {bundle}")
    outcome.check(size <= args.max_mb * 1e6, f"size {size / 1e6:.1f} MB "
                  f"({size / 2**20:.0f} MiB) <= {args.max_mb:g} MB", "too big")

    with tempfile.TemporaryDirectory(prefix="poadesk-bundle-check-") as tmp:
        place = Path(tmp)
        copy = place / "POA Desk copy"
        shutil.copytree(bundle, copy, symlinks=True)
        home, work, runtime = place / "home", place / "work", place / "runtime"
        for folder in (home, work, runtime):
            folder.mkdir(mode=0o700)
        print(f"running the copy in {copy} (HOME={home}, working folder {work})")
        runner = Runner(executable(copy), work, clean_env(home, runtime), outcome)
        exercise(runner, window=not args.no_window)
        if args.reference_cli is not None:
            check_commands(runner, args.reference_cli)
        if args.runs > 0:
            try:
                version = runner.start_up(args.runs, "--version")
                show = runner.start_up(args.runs, "--db", "desk.db", "show", "1.3b")
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                print(f"start-up not timed: {exc}")
            else:
                print(f"start-up, median of {args.runs}: --version {version}, show 1.3b {show}")

    if outcome.failures:
        print(f"check_bundle: {len(outcome.failures)} check(s) failed:", file=sys.stderr)
        for failure in outcome.failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print("check_bundle: every check passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
