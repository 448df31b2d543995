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
