"""The layers of the code hold: import-linter's contracts in pyproject.toml (the core never
imports Qt; each layer imports only from the layers below it; the window, the command line,
exports and imports never touch the ORM or sessions). Run by hand with `lint-imports`."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    from importlinter.cli import lint_imports

    old = Path.cwd()
    os.chdir(ROOT)
    try:
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                            no_logo=True)
    finally:
        os.chdir(old)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out


def test_a_broken_layer_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The check can fail: the same contracts over a copy of the core in which the storage
    layer imports the gateway back are broken."""
    from importlinter.cli import lint_imports

    copy = tmp_path / "src"
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("ui", "__pycache__"))
    (copy / "app" / "ui").mkdir()
    (copy / "app" / "ui" / "__init__.py").write_text("")
    (copy / "app" / "ui" / "main.py").write_text("")
    (copy / "app" / "ui" / "window.py").write_text("")
    for part in ("plan", "meetings", "focal", "files", "progress", "shell"):  # the ui's layers
        (copy / "app" / "ui" / part).mkdir()
        (copy / "app" / "ui" / part / "__init__.py").write_text("")
    bad = copy / "app" / "store" / "plan_index.py"
    bad.write_text(bad.read_text() + "\nfrom app.service import Desk  # noqa\n")
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    old = Path.cwd()
    sys.path.insert(0, str(copy))
    saved = {k: v for k, v in sys.modules.items() if k == "app" or k.startswith("app.")}
    for k in saved:
        del sys.modules[k]
    os.chdir(tmp_path)
    try:
        code = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    finally:
        os.chdir(old)
        sys.path.remove(str(copy))
        for k in [k for k in sys.modules if k == "app" or k.startswith("app.")]:
            del sys.modules[k]
        sys.modules.update(saved)
    assert code == 1
    assert "app.store is not allowed to import app.service" in capsys.readouterr().out


def _lint_a_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                 edits: dict[str, str]) -> tuple[int, str]:
    """The contracts over a copy of the whole of app/ with `edits` (a module's path inside
    app/ -> a line added to its end)."""
    from importlinter.cli import lint_imports

    copy = tmp_path / "src"
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("__pycache__"))
    for relative, line in edits.items():
        module = copy / "app" / relative
        module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    old = Path.cwd()
    sys.path.insert(0, str(copy))
    saved = {k: v for k, v in sys.modules.items() if k == "app" or k.startswith("app.")}
    for k in saved:
        del sys.modules[k]
    os.chdir(tmp_path)
    try:
        code = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    finally:
        os.chdir(old)
        sys.path.remove(str(copy))
        for k in [k for k in sys.modules if k == "app" or k.startswith("app.")]:
            del sys.modules[k]
        sys.modules.update(saved)
    return code, capsys.readouterr().out


def test_a_feature_of_the_window_importing_another_is_caught(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The window's features are independent siblings: the plan importing the focal points
    part, even inside a function, breaks the window's layers contract (and only it)."""
    code, out = _lint_a_copy(tmp_path, capsys, {
        "ui/plan/history_view.py": "def _sideways() -> None:\n"
                                   "    from app.ui.focal import focal_pane  # noqa: F401"})
    assert code == 1
    assert "app.ui.plan is not allowed to import app.ui.focal" in out
    assert "- app.ui.plan.history_view -> app.ui.focal.focal_pane" in out
    assert " 1 broken." in out


def test_the_window_s_ground_floor_importing_a_feature_is_caught(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """shell is the ground floor: importing a feature (or the window) from it is caught."""
    code, out = _lint_a_copy(tmp_path, capsys, {
        "ui/shell/texts.py": "from app.ui.meetings import meeting_export  # noqa: E402,F401",
        "ui/shell/host.py": "from app.ui import window  # noqa: E402,F401"})
    assert code == 1
    assert "app.ui.shell is not allowed to import app.ui.meetings" in out
    assert "- app.ui.shell.texts -> app.ui.meetings.meeting_export" in out
    assert "app.ui.shell is not allowed to import app.ui.window" in out
    assert "- app.ui.shell.host -> app.ui.window" in out
