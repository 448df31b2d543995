"""The file dialogs and the window's own dialogs, answered by a test instead of a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMenu

from app.ui.shell import dialogs
from app.ui.shell.list_dialog import ListDialog
from app.ui.window import MainWindow


@dataclass
class Seen:
    """A ListDialog as it was shown: its words and lines."""

    title: str
    heading: str
    text: str
    lines: list[str]
    notes: str
    ok: str | None


@dataclass
class Answers:
    """`save` / `open`: the files chosen; `accept`: answers to the dialogs, in order (True:
    the dialog's own button, Import / Restore; missing: Cancel)."""

    save: Path | None = None
    open: Path | None = None
    accept: list[bool] = field(default_factory=list)
    asked: list[tuple[str, str, Path]] = field(default_factory=list)  # (kind, caption, path)
    shown: list[Seen] = field(default_factory=list)

    def install(self, monkeypatch) -> Answers:
        monkeypatch.setattr(dialogs, "choose_save_file", self._save)
        monkeypatch.setattr(dialogs, "choose_open_file", self._open)
        monkeypatch.setattr(dialogs, "run_dialog", self._run)
        return self

    def _save(self, _parent, caption: str, default: Path, _filter: str) -> Path | None:
        self.asked.append(("save", caption, default))
        return self.save

    def _open(self, _parent, caption: str, start: Path, _filter: str) -> Path | None:
        self.asked.append(("open", caption, start))
        return self.open

    def _run(self, dialog) -> bool:
        assert isinstance(dialog, ListDialog)
        assert QApplication.overrideCursor() is None  # not busy while the officer reads
        ok = dialog.ok_button.text().replace("&", "") if dialog.ok_button else None
        self.shown.append(Seen(dialog.windowTitle(), dialog.heading.text(), dialog.text.text(),
                               dialog.line_texts(), dialog.notes.text(), ok))
        answer = self.accept.pop(0) if self.accept else False
        if answer:
            dialog.press_ok()
        else:
            dialog.reject()
        return dialog.result() == ListDialog.DialogCode.Accepted


def menu(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        m = action.menu()
        if isinstance(m, QMenu) and action.text().replace("&", "") == title:
            return m
    raise AssertionError(f"no {title} menu")


def menu_texts(m: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in m.actions() if not a.isSeparator()]


def trigger(window: MainWindow, title: str, text: str) -> None:
    """Choose `title` > `text` (the menu's real action, as a click on it)."""
    m = menu(window, title)
    for action in m.actions():
        if action.text().replace("&", "") == text:
            assert action.isEnabled(), f"{title} > {text} is disabled"
            action.trigger()
            return
    raise AssertionError(f"no {title} > {text}; the menu has {menu_texts(m)}")
