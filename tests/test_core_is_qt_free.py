"""House rule: everything in app/ outside app/ui/ imports and runs without PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
"""


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(app.__path__, "app."):
        if info.name.startswith(("app.ui", "app.migrations", "app.__main__")):
            continue
        names.append(info.name)
    return names


def test_core_imports_without_qt():
    modules = core_modules()
    assert "app.service" in modules and "app.cli" in modules
    code = BLOCKER + "\n".join(f"import {m}" for m in modules)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_cli_runs_without_qt(seed_db, tmp_path):
    db = tmp_path / "cli.db"
    code = BLOCKER + (
        "import app.paths, pathlib\n"
        f"app.paths.seed_database = lambda: pathlib.Path({str(seed_db)!r})\n"
        "from app.cli import main\n"
        f"raise SystemExit(main(['--db', {str(db)!r}, 'show', '1.1(a)']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Convene biennial ASEAN-EU Ministerial Meetings" in result.stdout
    # and the window command says clearly that it needs Qt, without a traceback
    code = BLOCKER + "from app.cli import main\n" + (
        f"raise SystemExit(main(['--db', {str(db)!r}]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert "PySide6" in result.stderr and "Traceback" not in result.stderr


def test_no_qt_import_statements_in_core():
    root = Path(app.__file__).parent
    offenders = [
        str(p) for p in root.rglob("*.py")
        if "ui" not in p.relative_to(root).parts[:1]
        and any(line.lstrip().startswith(("import PySide6", "from PySide6"))
                for line in p.read_text(encoding="utf-8").splitlines())
    ]
    assert offenders == []
