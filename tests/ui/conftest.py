"""The real main window on a fresh copy of the plan database, with UI settings in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.service import Desk
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings
from app.ui.window import MainWindow
from tests.ui.file_helpers import Answers


@pytest.fixture
def shown_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Modal dialogs would block a test: record them instead."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, msg: seen.append((title, msg)))
    monkeypatch.setattr(dialogs, "show_about",
                        lambda _p, db: seen.append(("about", dialogs.about_text(db))))
    monkeypatch.setattr(dialogs, "show_about_qt", lambda _p: seen.append(("about qt", "")))
    monkeypatch.setattr(dialogs, "confirm_close_unsaved",
                        lambda _p, msg: seen.append(("close?", msg)) or True)
    monkeypatch.setattr(dialogs, "show_stale_edit",
                        lambda _p, msg, mine: seen.append(("stale", f"{msg}\n{mine}")))
    # a save that cannot reach the team database: Cancel (tests of Retry answer it)
    monkeypatch.setattr(dialogs, "offer_retry",
                        lambda _p, _t, msg, _d: seen.append(("retry?", msg)) and False)
    # a damaged database's offer to restore a backup: refused unless a test says otherwise
    monkeypatch.setattr(dialogs, "offer_restore",
                        lambda _p, msg, _info: seen.append(("restore?", msg)) and False)
    # "Delete this meeting?" and the like: answered yes (tests of the question answer it)
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, _t, question, _d, _ok: seen.append(("confirm", question))
                        or True)
    return seen


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "ui-settings.ini"


@pytest.fixture
def open_window(qtbot, db_path: Path, settings_path: Path,
                shown_dialogs) -> Callable[..., MainWindow]:
    def _open(save_delay_ms: int = 10) -> MainWindow:
        # without the day's first backup (a copy of the whole file), as the `desk` fixture
        window = MainWindow(Desk.open(db_path, daily_backup=False), UiSettings(settings_path),
                            save_delay_ms=save_delay_ms)
        qtbot.addWidget(window)
        # window shortcuts (Ctrl+Z...) need the active window; on a busy machine (the suite
        # runs on every core) showing one can take more than pytest-qt's 5 s
        with qtbot.waitActive(window, timeout=30_000):
            window.show()
            window.activateWindow()
        return window
    return _open


@pytest.fixture
def window(open_window) -> MainWindow:
    return open_window()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, shown_dialogs) -> Answers:
    """The file dialogs and the window's list dialogs (previews, confirmations), answered."""
    return Answers().install(monkeypatch)
