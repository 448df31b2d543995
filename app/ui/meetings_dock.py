"""The meetings panel as a dock on the main window: its menus and the plan tree's entries.

Cheap at start-up: this module imports no meeting or export code. The dock is empty until it
is first shown; the panel (meetings_panel, and app.meetings behind it) is built then. Its
visibility is remembered in the UI settings. The window calls `flush()` before undo, redo and
closing, so a typed edit not yet saved is not lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QMenuBar

from app.errors import PoaDeskError
from app.ui.plan_tree_model import Node, node_ref
from app.ui.widgets import add_action, named

if TYPE_CHECKING:
    from app.meetings.values import MeetingInfo
    from app.ui.main_window import MainWindow
    from app.ui.meetings_panel import MeetingsPanel

DOCK_WIDTH = 470


def _menu_named(bar: QMenuBar, title: str) -> QMenu | None:
    """The menu bar's menu called `title` ("File"), wherever other parts put theirs."""
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == title:
            return menu
    return None


class MeetingsDock(QObject):
    def __init__(self, window: MainWindow, save_delay_ms: int = 600) -> None:
        super().__init__(window)
        self.window = window
        self.save_delay_ms = save_delay_ms
        self.panel: MeetingsPanel | None = None
        self.dock = named(QDockWidget("Meetings", window), "meetingsDock")
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                  | Qt.DockWidgetArea.RightDockWidgetArea)
        self._placeholder = QLabel("Opening the meetings…",
                                   alignment=Qt.AlignmentFlag.AlignCenter)
        self.dock.setWidget(self._placeholder)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.setVisible(window.settings.meetings_visible)
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText("&Meetings Panel")
        self.toggle.setShortcut(QKeySequence("Ctrl+M"))
        self.toggle.toggled.connect(self._toggled)
        self.dock.visibilityChanged.connect(self._visibility_changed)
        self.menu = self._add_menus()
        window.tree.menu_providers.append(self.add_tree_entries)

    # -- menus ------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[MeetingsPanel], object],
                shortcut: str | None = None) -> QAction:
        return add_action(self.window, None, text, lambda: slot(self.show_panel()),
                          shortcut or None)

    def _add_menus(self) -> QMenu:
        bar = self.window.menuBar()
        word = self._action("Export Brief as &Word…", lambda p: p.export_brief(".docx"))
        excel = self._action("Export Brief as &Excel…", lambda p: p.export_brief(".xlsx"))
        matrix = self._action("Export Implementation &Matrix…", lambda p: p.export_matrix())
        file_menu = _menu_named(bar, "File")
        if file_menu is not None:
            quit_action = next((a for a in file_menu.actions()
                                if a.text().replace("&", "") == "Quit"), None)
            if quit_action is None:
                file_menu.addActions([word, excel, matrix])
            else:
                file_menu.insertActions(quit_action, [word, excel, matrix])
                file_menu.insertSeparator(quit_action)
        view = _menu_named(bar, "View")
        if view is not None:
            view.addSeparator()
            view.addAction(self.toggle)

        menu = QMenu("&Meeting", self.window)
        menu.addAction(self._action("&New Meeting…", lambda p: p.new_meeting()))
        menu.addAction(self._action("&Edit Meeting…", lambda p: p.edit_meeting()))
        menu.addAction(self._action("&Delete Meeting", lambda p: p.delete_meeting()))
        menu.addSeparator()
        menu.addAction(self.toggle)
        menu.addSeparator()
        for action in (word, excel, matrix):
            menu.addAction(action)
        menu.addAction(self._action("Word &Template…", lambda p: p.choose_template()))
        help_menu = _menu_named(bar, "Help")
        if help_menu is not None:
            bar.insertMenu(help_menu.menuAction(), menu)
        else:
            bar.addMenu(menu)
        return menu

    # -- the dock ---------------------------------------------------------------------------

    def _toggled(self, visible: bool) -> None:
        if not self.window.closed:  # closing hides the dock too: not the officer's choice
            self.window.settings.meetings_visible = visible

    def _visibility_changed(self, visible: bool) -> None:
        if visible and self.panel is None:
            QTimer.singleShot(0, self._build_when_ready)  # after the window's first paint
        elif visible and self.panel is not None:
            self.panel.reload()  # meetings made meanwhile (the command line, another window)

    def _build_when_ready(self) -> None:
        if self.panel is not None or self.window.closed or not self.dock.isVisible():
            return
        if not self.window.ready:  # the fast start: the database is still opening
            QTimer.singleShot(50, self._build_when_ready)
            return
        self.ensure_panel()

    def ensure_panel(self) -> MeetingsPanel:
        """The panel, built on first use (the database must be open)."""
        if self.panel is None:
            from app.ui import core_imports

            with core_imports():  # the Qt-free core without PySide6's import hook
                import app.meetings  # noqa: F401
            from app.ui.meetings_panel import MeetingsPanel

            w = self.window
            panel = MeetingsPanel(w.desk, w.undo_stack, w.settings,
                                  lambda text, ms: w.statusBar().showMessage(text, ms),
                                  self.save_delay_ms, error=w.show_error)
            panel.plan_id = lambda: w.plan_id
            panel.item_editor.pending_changed.connect(w._update_undo_actions)
            w.undo_stack.indexChanged.connect(self._stack_changed)
            self.panel = panel
            self.dock.setWidget(panel)
            self._placeholder.deleteLater()
            w.resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        return self.panel

    def _stack_changed(self, _index: int) -> None:
        if self.panel is not None and not self.window.closed:
            self.panel.stack_changed()

    def show_panel(self) -> MeetingsPanel:
        self.dock.show()
        self.dock.raise_()
        return self.ensure_panel()

    # -- the window's hooks -----------------------------------------------------------------

    def flush(self) -> bool:
        """Save what was typed in an agenda item and not saved yet; False if refused."""
        return self.panel.flush() if self.panel is not None else True

    @property
    def has_pending(self) -> bool:
        return self.panel is not None and self.panel.has_pending

    def pending_undo_text(self) -> str:
        return self.panel.pending_undo_text() if self.panel is not None else ""

    # -- the plan tree's context menu -------------------------------------------------------

    def add_tree_entries(self, node: Node, menu: QMenu) -> None:
        """'Add 1.3(b) to Agenda of SOM, 2026-03-05' (and of the other meetings)."""
        ref = node_ref(node)
        if ref is None or not self.window.ready:
            return
        try:
            meetings = self.window.desk.meetings.all()
        except PoaDeskError:
            return
        what = f"Section {ref}" if node.kind == "section" else ref
        if not meetings:
            hint = menu.addAction(f"Add {what} to an Agenda (make a meeting first: Meeting > "
                                  "New Meeting…)")
            hint.setEnabled(False)
            return
        current = self._current_meeting(meetings)
        menu.addAction(self._add_action(menu, f"Add {what} to Agenda of {current.label}",
                                        ref, current.id))
        others = [m for m in meetings if m.id != current.id]
        if others:
            sub = menu.addMenu(f"Add {what} to Agenda of")
            for m in others:
                sub.addAction(self._add_action(sub, m.label, ref, m.id))

    def _current_meeting(self, meetings: list[MeetingInfo]) -> MeetingInfo:
        shown = self.panel.meeting_id if self.panel is not None else None
        wanted = shown if shown is not None else self.window.settings.current_meeting
        return next((m for m in meetings if m.id == wanted), meetings[0])

    def _add_action(self, parent: QMenu, text: str, ref: str, meeting_id: int) -> QAction:
        action = QAction(text, parent)
        plan_id = self.window.plan_id
        action.triggered.connect(lambda _checked=False: self.show_panel().add_refs(
            [ref], None, plan_id, meeting_id))
        return action
