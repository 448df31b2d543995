"""The menu bar: File, Edit, View, Help, with the shortcuts a desktop user expects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui import dialogs
from app.ui.icons import status_icon, themed_later
from app.ui.widgets import add_action
from app.vocab import STATUS_CODES, STATUS_LABELS

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


@dataclass
class WindowActions:
    undo: QAction
    redo: QAction
    find: QAction
    plans_menu: QMenu


def _add(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
         shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
         icon: QIcon | tuple[str, str] | None = None) -> QAction:
    """An action in `menu`; `icon` a QIcon, or (theme icon, style fallback) names for
    `themed_later` (looked up when the menu first opens)."""
    action = add_action(window, menu, text, slot, shortcut)
    if isinstance(icon, tuple):
        themed_later(menu, action, *icon)
    elif icon is not None:
        action.setIcon(icon)
    return action


def _file_action(w: MainWindow, name: str, *args: object) -> Callable[[], object]:
    """A File menu slot in app.ui.file_actions, imported when first chosen."""
    def run() -> object:
        from app.ui import file_actions

        return getattr(file_actions, name)(w, *args)
    return run


def build_menus(w: MainWindow) -> WindowActions:
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    _add(w, file_menu, "&Back Up…", _file_action(w, "back_up", False), None,
         ("DocumentSaveAs", "SP_DialogSaveButton"))
    _add(w, file_menu, "Back Up Including &Private Notes…", _file_action(w, "back_up", True))
    _add(w, file_menu, "&Restore or Merge from Backup…", _file_action(w, "restore"), None,
         ("DocumentOpen", "SP_DialogOpenButton"))
    file_menu.addSeparator()
    _add(w, file_menu, "&Import Plan Text…", _file_action(w, "import_plan_text"))
    file_menu.addSeparator()
    _add(w, file_menu, "&Quit", w.close, QKeySequence.StandardKey.Quit,
         ("ApplicationExit", "SP_DialogCloseButton"))

    edit = bar.addMenu("&Edit")
    undo = _add(w, edit, "Undo", w.undo, QKeySequence.StandardKey.Undo,
                ("EditUndo", "SP_ArrowBack"))
    redo = _add(w, edit, "Redo", w.redo, None, ("EditRedo", "SP_ArrowForward"))
    redo_keys = [QKeySequence("Ctrl+Shift+Z")]
    redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                  if k not in redo_keys]
    redo.setShortcuts(redo_keys)
    edit.addSeparator()
    find = _add(w, edit, "&Find…", w.focus_search, QKeySequence.StandardKey.Find,
                ("EditFind", "SP_FileDialogContentsView"))
    _add(w, edit, "Clear Search and &Filters", w.clear_filters, "Ctrl+Shift+F")
    edit.addSeparator()
    status_menu = edit.addMenu("Set &Status")
    for number, code in enumerate(STATUS_CODES, start=1):
        _add(w, status_menu, STATUS_LABELS[code], partial(w.detail.set_status, code),
             f"Ctrl+{number}", status_icon(code))
    # (the pane's editors are looked up when chosen: they are built on first use)
    _add(w, edit, "Edit &Notes", lambda: w.detail.notes_edit.setFocus(), "Ctrl+Shift+N")
    _add(w, edit, "Edit &Lines to Take", lambda: w.detail.lines_edit.setFocus(), "Ctrl+Shift+L")
    _add(w, edit, "Edit &Tags", lambda: w.detail.tags_edit.setFocus(), "Ctrl+Shift+G")

    view = bar.addMenu("&View")
    _add(w, view, "&Expand All", w.tree.expand_everything, "Ctrl+Shift+E")
    _add(w, view, "&Collapse All", w.tree.collapse_everything, "Ctrl+Shift+C")
    _add(w, view, "Go to Plan &Tree", w.tree.setFocus, "Ctrl+Shift+T")
    plans_menu = view.addMenu("&Plan")

    help_menu = bar.addMenu("&Help")
    _add(w, help_menu, "&About POA Desk", lambda: dialogs.show_about(w, w.desk.path), None,
         ("HelpAbout", "SP_MessageBoxInformation"))
    _add(w, help_menu, "About &Qt", lambda: dialogs.show_about_qt(w))
    return WindowActions(undo, redo, find, plans_menu)
