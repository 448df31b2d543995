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

    copy = tmp_path / "src"
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("ui", "__pycache__"))
    (copy / "app" / "ui").mkdir()
    (copy / "app" / "ui" / "__init__.py").write_text("")
    (copy / "app" / "ui" / "main.py").write_text("")
    (copy / "app" / "ui" / "window.py").write_text("")
    for part in ("plan", "meetings", "focal", "files", "progress", "help", "shell"):  # ui layers
        (copy / "app" / "ui" / part).mkdir()
        (copy / "app" / "ui" / part / "__init__.py").write_text("")
    bad = copy / "app" / "store" / "plan_index.py"
    bad.write_text(bad.read_text() + "\nfrom app.service import Desk  # noqa\n")
    code, out = _lint(copy, tmp_path, capsys)
    assert code == 1
    assert "app.store is not allowed to import app.service" in out


def _lint_a_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                 edits: dict[str, str]) -> tuple[int, str]:
    """The contracts over a copy of the whole of app/ with `edits` (a module's path inside
    app/ -> a line added to its end)."""

    copy = tmp_path / "src"
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("__pycache__"))
    for relative, line in edits.items():
        module = copy / "app" / relative
        module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return _lint(copy, tmp_path, capsys)


def _lint(copy: Path, tmp_path: Path,
          capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The project's contracts over the package `copy / "app"` instead of the real one."""
    from importlinter.cli import lint_imports

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


def test_the_window_or_command_line_reaching_storage_past_the_gateway_is_caught(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Indirect imports count: a command importing a domain manager (which reaches the ORM),
    even inside a function, or the window importing the focal rules, breaks "only through the
    gateway"; the same chains through app.service are the gateway's own."""
    code, out = _lint_a_copy(tmp_path, capsys, {
        "cli/plan_commands.py": "def _past() -> None:\n"
                                "    from app.meetings import manager  # noqa: F401",
        "ui/plan/history_view.py": "from app.focal import rules  # noqa: E402,F401"})
    assert code == 1
    assert "app.cli is not allowed to import app.models" in out
    assert "app.cli.plan_commands -> app.meetings.manager" in out
    assert "app.ui is not allowed to import app.models" in out
    assert "app.ui.plan.history_view -> app.focal.rules" in out
    assert " 1 broken." in out


# -- no import circle, imports inside functions counted ---------------------------------------

def import_circles(package: str) -> list[list[str]]:
    """The import circles among the modules of `package` (each a strongly connected group of
    two or more modules), from grimp's graph: every import statement, also one inside a
    function; those under `if TYPE_CHECKING:` never run and do not count."""
    import grimp

    graph = grimp.build_graph(package, exclude_type_checking_imports=True, cache_dir=None)
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iteratively
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        order[start] = low[start] = len(order)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in order:
                    order[target] = low[target] = len(order)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(
                        graph.find_modules_directly_imported_by(target)))))
                elif target in on_stack:
                    low[module] = min(low[module], order[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == order[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    return circles


def test_no_module_of_the_app_takes_part_in_an_import_circle() -> None:
    assert import_circles("app") == []


def test_an_import_circle_is_found_also_through_a_function(tmp_path: Path) -> None:
    """The check can fail: a tiny package whose modules import each other, one of them only
    inside a function, and a third module outside the circle."""
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circled import b\n")
    (package / "b.py").write_text("def later() -> None:\n    from circled import a  # noqa\n")
    (package / "c.py").write_text("from circled import a\n"
                                  "from typing import TYPE_CHECKING\n"
                                  "if TYPE_CHECKING:\n    from circled import d\n")
    (package / "d.py").write_text("from circled import c\n")
    sys.path.insert(0, str(tmp_path))
    try:
        assert import_circles("circled") == [["circled.a", "circled.b"]]
    finally:
        sys.path.remove(str(tmp_path))
        for name in [k for k in sys.modules if k == "circled" or k.startswith("circled.")]:
            del sys.modules[name]
