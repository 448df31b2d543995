"""The command line names its command modules (app.cli.COMMAND_MODULES) instead of listing its
own folder at run time: an installed folder that cannot be listed, or a frozen bundle, would
otherwise lose commands silently ("invalid choice: 'meeting'")."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import app.cli

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "app" / "cli"


def _registers(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.FunctionDef) and node.name == "register"
               for node in tree.body)


def test_every_command_module_of_the_folder_is_named():
    in_folder = {p.stem for p in CLI.glob("*.py") if p.stem != "__init__" and _registers(p)}
    assert in_folder == set(app.cli.COMMAND_MODULES)
    assert len(app.cli.COMMAND_MODULES) == len(set(app.cli.COMMAND_MODULES))


# Listing app/cli refuses (PermissionError), as for a folder without read permission or in a
# bundle; importing a module by its name still works (the import system keeps its own cache).
_UNLISTABLE = """
import os, sys
cli = os.path.realpath(os.path.join(sys.argv[1], "app", "cli"))
listdir, scandir = os.listdir, os.scandir

def refuse(real):
    def call(path=".", *args, **kwargs):
        if os.path.realpath(os.fsdecode(path)) == cli:
            raise PermissionError(13, "Permission denied", path)
        return real(path, *args, **kwargs)
    return call

os.listdir, os.scandir = refuse(listdir), refuse(scandir)
sys.path.insert(0, sys.argv[1])
import app.cli
assert app.cli.__file__.startswith(sys.argv[1]), app.cli.__file__
sys.exit(app.cli.main(["meeting", "--help"]))
"""


def test_the_commands_work_from_a_folder_that_cannot_be_listed(tmp_path: Path):
    copy = tmp_path / "installed"
    shutil.copytree(ROOT / "app", copy / "app",
                    ignore=shutil.ignore_patterns("ui", "__pycache__"))
    result = subprocess.run([sys.executable, "-c", _UNLISTABLE, str(copy)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "add" in result.stdout and "invalid choice" not in result.stderr
