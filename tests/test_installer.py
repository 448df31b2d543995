"""The installer's own parts that can run without building it (packaging/check-app.sh builds and
tries the real bundle in CI): the entry point's hidden --smoke-test flag, and check_bundle.py's
verdicts on a stand-in bundle (a script that answers like poadesk) and on broken outputs."""

from __future__ import annotations

import importlib.util
import os
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
ENTRY = REPO / "packaging" / "poadesk_entry.py"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


check_bundle = _load("check_bundle")


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "POADESK_"))}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {**env, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
            "XDG_RUNTIME_DIR": str(runtime), "PYTHONPATH": str(REPO)}


def _entry(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ENTRY), *args], capture_output=True, text=True,
                          env=_isolated_env(tmp_path), cwd=tmp_path, timeout=120)


def test_smoke_test_flag_opens_the_window_and_closes_it(tmp_path):
    pytest.importorskip("PySide6")
    result = _entry(tmp_path, "--smoke-test", "--db", str(tmp_path / "p.db"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test: the window opened (")
    assert "p.db" in result.stdout  # the window's title names the database it opened
    assert (tmp_path / "p.db").is_file()


def test_smoke_test_takes_no_command(tmp_path):
    result = _entry(tmp_path, "--smoke-test", "show", "1.3b")
    assert result.returncode == 2
    assert "--smoke-test takes only --db PATH" in result.stderr


def test_entry_without_the_flag_is_the_command_line(tmp_path):
    result = _entry(tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("POA Desk ")


def test_check_app_script_is_well_formed():
    subprocess.run(["bash", "-n", str(REPO / "packaging" / "check-app.sh")], check=True)


def _office_file(path: Path, main_part: str | None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if main_part:
            archive.writestr(main_part, "<x/>")
    return path


def test_office_file_problems(tmp_path):
    problem = check_bundle.office_file_problem
    assert problem(_office_file(tmp_path / "a.docx", "word/document.xml")) is None
    assert problem(_office_file(tmp_path / "b.xlsx", "xl/workbook.xml")) is None
    assert problem(_office_file(tmp_path / "c.xlsx", "word/document.xml")) == "no xl/workbook.xml"
    assert problem(tmp_path / "missing.docx") == "not written"
    (tmp_path / "text.docx").write_text("not a zip")
    assert problem(tmp_path / "text.docx") == "not a zip file"
    damaged = _office_file(tmp_path / "d.docx", "word/document.xml")
    data = bytearray(damaged.read_bytes())
    at = data.index(b"<x/>")
    data[at:at + 4] = b"<y/>"  # same size, wrong CRC
    damaged.write_bytes(bytes(data))
    assert problem(damaged) == "damaged member word/document.xml"


# A stand-in for the bundle's `poadesk`: answers every step check_bundle runs as the real one
# does (BROKEN names the step it gets wrong), so the checker's verdicts are tested in a second.
STAND_IN = '''\
#!{python}
import os, sys, zipfile
BROKEN = {broken!r}
args = sys.argv[1:]
if "--db" in args:
    db = args[args.index("--db") + 1]
    args = args[:args.index("--db")] + args[args.index("--db") + 2:]
else:
    db = os.path.join(os.environ["HOME"], ".local", "share", "POA Desk", "poadesk.db")
    os.makedirs(os.path.dirname(db), exist_ok=True)
if args == ["--version"]:
    print("POA Desk 9.9")
elif args == ["--smoke-test"]:
    print("smoke test: the window opened (stand-in) and closed")
elif args and args[-1] == "--help":
    print("usage: poadesk", *args[:-1])
elif args[0] == "show":
    open(db, "a").close()
    print("1.3(b) stand-in" if args[1] == "1.3b" else "4.2(a)")
elif args[:2] == ["meeting", "add"]:
    print(7)
elif args[:2] == ["activity", "add"]:
    print(3)
elif args[:2] == ["import", "plan"]:
    print("added plan 2: A plan printed to PDF (3 action lines)")
elif args[0] == "export":
    out = args[-1]
    if args[1] + os.path.splitext(out)[1] in BROKEN.split():
        open(out, "w").write("not a zip")
    else:
        word = out.endswith(".docx")
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if word else "xl/workbook.xml", "<x/>")
            if args[1] == "report" and "nochart" not in BROKEN.split():
                archive.writestr("word/charts/chart1.xml" if word else "xl/charts/chart1.xml",
                                 "<c/>")
else:
    sys.exit("stand-in: unexpected " + " ".join(args))
sys.exit(1 if args[0] in BROKEN.split() else 0)
'''


def _stand_in_bundle(tmp_path: Path, broken: str = "") -> Path:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    exe = bundle / "poadesk"
    exe.write_text(STAND_IN.format(python=sys.executable, broken=broken))
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    (bundle / "_internal").mkdir()
    (bundle / "_internal" / "data").write_bytes(b"x" * 2000)
    return bundle


def _reference(tmp_path: Path) -> Path:
    ref = tmp_path / "reference-poadesk"
    ref.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import sys
        print("usage: poadesk", *sys.argv[1:-1])
        """))
    ref.chmod(ref.stat().st_mode | stat.S_IXUSR)
    return ref


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")
def test_check_bundle_passes_a_sound_bundle(tmp_path, capsys):
    bundle = _stand_in_bundle(tmp_path)
    code = check_bundle.main([str(bundle), "--max-mb", "0.01", "--runs", "2",
                              "--reference-cli", str(_reference(tmp_path))])
    out = capsys.readouterr().out
    assert code == 0, out
    for step in ("--version", "show 1.3b on a new database", "meeting add", "activity add",
                 "brief.docx is a real .docx file", "report.xlsx is a real .xlsx file",
                 "matrix.xlsx is a real .xlsx file", "the PDF's 3 action lines were read",
                 "the default database is under HOME",
                 "the window was ready", "export --help lists what the installed poadesk lists"):
        assert f"ok   {step}" in out
    assert "start-up, median of 2: --version " in out
    assert not any(bundle.rglob("*.db"))  # it ran from a copy, elsewhere


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")
def test_check_bundle_lists_every_failure(tmp_path, capsys):
    """A bundle too big, a step that fails, outputs that are not Office files, a report without
    its chart and a command the installed package has but the bundle lacks: each is listed, and
    the exit code is 1."""
    other = tmp_path / "other-poadesk"
    other.write_text(f"#!{sys.executable}\nprint('usage: poadesk with one more command')\n")
    other.chmod(other.stat().st_mode | stat.S_IXUSR)
    bundle = _stand_in_bundle(tmp_path, "meeting report.docx matrix.xlsx nochart")
    code = check_bundle.main([str(bundle), "--max-mb", "0.001", "--runs", "0",
                              "--reference-cli", str(other)])
    assert code == 1
    failures = [line for line in capsys.readouterr().err.splitlines() if line.startswith("  - ")]
    assert failures == [
        "  - size 0.0 MB (0 MiB) <= 0.001 MB: too big",
        "  - meeting add: exit code 1: 7",
        "  - report.docx is a real .docx file: not a zip file",
        "  - report.xlsx is a real .xlsx file: no xl/charts/chart1.xml",
        "  - matrix.xlsx is a real .xlsx file: not a zip file",
        "  - --help lists what the installed poadesk lists: the outputs differ (a command "
        "module missing?)",
        "  - export --help lists what the installed poadesk lists: the outputs differ (a command "
        "module missing?)",
        "  - import --help lists what the installed poadesk lists: the outputs differ (a command "
        "module missing?)",
    ]
