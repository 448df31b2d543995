"""Charts without a plotting library (issue 20): matplotlib and numpy are no dependency, nothing
in app/ imports them, and the progress report (Word and Excel) is written without them (openpyxl
uses numpy and Pillow when they happen to be installed: here they cannot be imported)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("matplotlib", "numpy", "PIL", "kiwisolver", "fontTools")


def test_no_plotting_library_among_the_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0].lower()
             for d in project["dependencies"]]
    assert "python-docx" in names and "openpyxl" in names  # the list that was read
    assert not {"matplotlib", "numpy", "pillow", "kiwisolver", "fonttools"} & set(names)


def test_nothing_in_app_imports_one():
    pattern = re.compile(rf"^\s*(from|import)\s+({'|'.join(HEAVY)})\b", re.MULTILINE)
    found = [str(path.relative_to(ROOT)) for path in (ROOT / "app").rglob("*.py")
             if pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_report_is_written_without_them(tmp_path):
    script = f"""
import importlib.abc, shutil, sys


class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {HEAVY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, Absent())
from datetime import date
from pathlib import Path
from app.service import Desk
from app.export.report import export_report
db = Path({str(tmp_path)!r}) / "plan.db"
shutil.copyfile({str(ROOT / "plan.db")!r}, db)
desk = Desk.open(db, daily_backup=False)
for name in ("r.docx", "r.xlsx"):
    export_report(desk, date(2026, 1, 1), date(2026, 12, 31), db.with_name(name))
desk.close()
print(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, env={"XDG_DATA_HOME": str(tmp_path / "data"),
                                        "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                         check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "r.docx").is_file() and (tmp_path / "r.xlsx").is_file()
