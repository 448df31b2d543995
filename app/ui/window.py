"""The main window: the composition on top of the parts.

It builds the ground's objects (the change hub with the undo stack, the desk session, the
action registry, the watcher of other programs' changes) and the parts (the plan browser, file
actions, databases, meetings, focal points, activities, progress), hands each a `Host` and wires
what one part offers to another (the detail pane's focal-points box, the tree's context menu
entries for the agenda). The fast start gives it the plan tree first (read without the Desk)
and the Desk right after the first paint (`attach_desk`); until then search, filters and edits
are off. Every change comes through the hub (`ChangeHub.changed`); every part follows the
session's `desk_changed` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QSessionManager
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSplitter

from app.errors import PoaDeskError
from app.ui.files import register_file_actions
from app.ui.files.database_actions import DatabaseActions
from app.ui.focal.focal_ui import FocalUi
from app.ui.help import HelpUi
from app.ui.meetings.meetings_dock import MeetingsDock
from app.ui.plan.activities_ui import ActivitiesUi
from app.ui.plan.browser import PlanBrowser
from app.ui.plan.plan_tree_model import Node
from app.ui.progress import ProgressUi
from app.ui.shell import dialogs, jobs
from app.ui.shell.actions import STATUS_ACTS, Act, ActionRegistry, Menu
from app.ui.shell.commands import ChangeHub
from app.ui.shell.host import Host
from app.ui.shell.icons import app_icon
from app.ui.shell.server_gone import ServerGone
from app.ui.shell.session import OPENING_TEXT, DeskSession
from app.ui.shell.settings import UiSettings
from app.ui.shell.tab_order import next_in_order
from app.ui.shell.undo_redo import UndoRedo
from app.ui.shell.watcher import ChangeWatcher
from app.ui.shell.where import DatabaseLabel, database_words
from app.ui.shell.widgets import named
from app.values import Change, PlanTree

if TYPE_CHECKING:
    from app.access import DatabaseLock
    from app.service import Desk

__all__ = ["OPENING_TEXT", "MainWindow"]


class MainWindow(QMainWindow):
    desk_attached = Signal()  # the fast start's Desk is open (see `ready`)

    def __init__(self, desk: Desk | None, settings: UiSettings, *, save_delay_ms: int = 600,
                 plan_id: int | None = None, tree: PlanTree | None = None,
                 db_path: Path | None = None, hub: ChangeHub | None = None) -> None:
        """`desk` None is the fast start: `tree` (read without the Desk, app.access) is shown
        at once and the Desk comes later through `attach_desk()`. `hub`: the change hub
        (made here if not given); the window owns it."""
        super().__init__()
        if desk is None and tree is None:
            raise ValueError("MainWindow needs a Desk, or the plan tree until one is attached")
        self.settings = settings
        self._closed = False
        self._last_error = ""
        self._opening = False  # the fast start, until the Desk is attached
        self.setWindowIcon(app_icon())
        self.session = DeskSession(desk, db_path, self)
        self.hub = hub or ChangeHub()
        self.hub.setParent(self)
        self.undo_stack = self.hub.stack
        self.browser = PlanBrowser(self.session, self.hub, settings, self, save_delay_ms, self)
        self.hub.refused.connect(lambda message, _command: self.show_error(message))
        self.watcher = ChangeWatcher(self.hub, lambda: self.session.current, parent=self)
        # a team database gone away: typed text kept, Retry offered, one line for the poll
        self.server_gone = ServerGone(self, self.hub, self.flush, self.statusBar().showMessage,
                                      lambda: self.closed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # log-off (Windows sends no SIGTERM), macOS quit
            app.commitDataRequest.connect(self.commit_data)
        self.server_gone.watch(self.watcher)
        self.database_label = DatabaseLabel()  # which database is shown (and the title)
        b = self.browser
        self.editor, self.side, self.detail = b.editor, b.side, b.detail
        self.model, self.proxy, self.tree, self.filters = b.model, b.proxy, b.tree, b.filters
        self.progress_label = self.side.progress_label
        b.tree_shown.connect(self._tree_shown)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.statusBar().addPermanentWidget(self.database_label)
        self.statusBar().addPermanentWidget(self.progress_label)

        self.acts = ActionRegistry(self)
        self._register_actions()
        host = Host(widget=self, frame=self, hub=self.hub, actions=self.acts,
                    settings=settings, session=self.session, navigator=self.browser)
        register_file_actions(self.acts, host)  # File > Back Up… and the other files
        # File > Open Team Database…, Open Database File…, the offline copy, activities
        self.databases = DatabaseActions(self.acts, host)
        self.meetings = MeetingsDock(host, save_delay_ms)  # the Meeting menu, the dock
        self.meetings.dock.visibilityChanged.connect(self._dock_shown)
        self.tree.menu_providers.append(self._agenda_entries)
        self.focal_ui = FocalUi(host)  # the Focal Points menu
        self.detail.focal_box_maker = self.focal_ui.make_box
        self.activities = ActivitiesUi(host, self.detail)  # the pane's Activities list
        self.progress = ProgressUi(host)  # View > Progress, the report
        self.help = HelpUi(host)  # Help > POA Desk Guide (F1)
        self.plans_menu = self.browser.plans_menu = self.acts.build_menus(self.menuBar())[
            Menu.PLAN]
        self.undo_action, self.redo_action = self.acts[Act.UNDO], self.acts[Act.REDO]
        self.find_action = self.acts[Act.FIND]
        self.undo_redo = UndoRedo(self.undo_stack, self.undo_action, self.redo_action,
                                  (self.detail, self.meetings), self.report_unsaved,
                                  self._after_undo_redo)
        for part in (self.detail, self.meetings):
            part.pending_changed.connect(self.undo_redo.update)
        self._empty_text = self.detail.empty.text()
        # last: the parts have the new Desk before the window says everything changed
        self.session.leaving.connect(self._leaving)
        self.session.desk_changed.connect(self._desk_changed)
        if desk is not None:
            self.browser.start(desk, plan_id)
        elif tree is not None:
            self._set_opening(True)
            self.browser.show_tree(tree)
        settings.restore_layout(self, self.splitter, self.tree.header())
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows work at once; Ctrl+F
        if desk is not None:
            self.watcher.start()

    def _register_actions(self) -> None:
        """The window's own menu actions (app.ui.shell.actions has their texts and keys)."""
        add, detail, tree, side = self.acts.add, self.detail, self.tree, self.side
        add(Act.QUIT, self.close)
        # Ctrl+W: the window in front, the main one or a secondary one (register, Progress…)
        add(Act.CLOSE_WINDOW, self.close_front_window).setShortcutContext(
            Qt.ShortcutContext.ApplicationShortcut)
        add(Act.UNDO, lambda: self.undo_redo.undo())
        add(Act.REDO, lambda: self.undo_redo.redo())
        add(Act.FIND, side.focus_search)
        add(Act.CLEAR_FILTERS, side.clear_filters)
        for code, act in STATUS_ACTS.items():
            add(act, partial(detail.set_status, code))
        # (the pane's editors are looked up when chosen: they are built on first use)
        add(Act.EDIT_NOTES, lambda: detail.notes_edit.setFocus())
        add(Act.EDIT_LINES, lambda: detail.lines_edit.setFocus())
        add(Act.EDIT_TAGS, lambda: detail.tags_edit.setFocus())
        add(Act.EXPAND_ALL, tree.expand_everything)
        add(Act.COLLAPSE_ALL, tree.collapse_everything)
        add(Act.GO_TO_TREE, lambda: tree.setFocus(Qt.FocusReason.ShortcutFocusReason))
        add(Act.GO_TO_DETAIL, detail.focus_first)
        add(Act.ABOUT, lambda: dialogs.show_about(self, self.desk.path))
        add(Act.ABOUT_QT, lambda: dialogs.show_about_qt(self))

    def close_front_window(self) -> None:
        front = QApplication.activeWindow()
        (front if front is not None and front is not self else self).close()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt's names
        """Tab in the order the eye reads: search and filters, tree, detail pane, meetings."""
        target = next_in_order(self, (self.side, self.detail, self.meetings.dock),
                               QApplication.focusWidget(), next)
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def _dock_shown(self, visible: bool) -> None:
        if visible:
            QTimer.singleShot(0, self, self._share_panes)

    def _share_panes(self) -> None:
        """The meetings panel opened beside a narrow window (a 1280x720 laptop): the tree and
        the detail pane share what is left, the pane not squeezed to its minimum."""
        side, detail = self.splitter.sizes()
        total = side + detail
        if side > total * 52 // 100 and detail < 480:
            self.splitter.setSizes([total * 52 // 100, total - total * 52 // 100])

    def _agenda_entries(self, node: Node, menu: QMenu) -> None:
        """The plan tree's context menu: the meetings part's "Add 1.3(b) to Agenda of …" and
        "New Meeting from Selection…", for the selected rows (or the one clicked)."""
        self.meetings.add_tree_entries(*self.browser.selected_refs(node), menu)

    # -- the database (the session has it) --------------------------------------------------

    @property
    def desk(self) -> Desk:
        """The open database (after `attach_desk()` on the fast start)."""
        return self.session.desk

    @property
    def ready(self) -> bool:
        """True once the Desk is attached: search, filters and edits work."""
        return self.session.ready

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def db_path(self) -> Path | None:
        return self.session.db_path

    @property
    def lock(self) -> DatabaseLock | None:
        return self.session.lock

    def hold_lock(self, lock: DatabaseLock) -> None:
        """The one-writer lock on this window's database: released when the window closes."""
        self.session.hold_lock(lock)

    def attach_desk(self, desk: Desk) -> None:
        """The fast start's second step: the Desk is open, the window becomes editable."""
        if self.session.ready:
            raise RuntimeError("this window has its Desk already")
        self.session.attach(desk)

    def _leaving(self) -> None:
        """The Desk shown is about to close (a switch, a restore)."""
        self.browser.save_tree_state()
        self.watcher.stop()
        self.undo_stack.clear()  # its commands hold the Desk and values from before

    def _desk_changed(self, _desk: Desk) -> None:
        if self._opening:  # the fast start's Desk
            self._set_opening(False)
            self.watcher.start()
            self.desk_attached.emit()
            return
        # another database, or the same after a restore: every part has it by now
        self.hub.publish(Change(plan_structure=True, focal_points=True, meetings=True))
        self.watcher.start()

    def _set_opening(self, opening: bool) -> None:
        """While the Desk opens the tree can be browsed; search, filters and the menus (with
        their shortcuts) are off, and an action line's detail waits for the Desk."""
        self._opening = opening
        self.filters.setEnabled(not opening)
        self.menuBar().setEnabled(not opening)
        self.detail.empty.setText(OPENING_TEXT if opening else self._empty_text)

    def _tree_shown(self, tree: PlanTree | None) -> None:
        if tree is None:
            return
        label = self.desk.label if self.ready else ""
        db = database_words(self.db_path, label)
        self.database_label.show_database(self.db_path, label)
        self.setWindowTitle(f"{tree.plan.title} — {db} — POA Desk")

    # -- the plan (the browser has it) ------------------------------------------------------

    @property
    def plan_id(self) -> int:
        return self.browser.plan_id()

    def load_plan(self, plan_id: int) -> None:
        self.browser.load_plan(plan_id)

    def switch_plan(self, plan_id: int) -> None:
        self.browser.switch_plan(plan_id)

    def select_key(self, key: str) -> None:
        self.browser.select_key(key)

    def show_row(self, key: str, plan_id: int) -> None:
        self.browser.show_row(key, plan_id)

    def reveal_action(self, action_id: int) -> None:
        self.browser.reveal_action(action_id)

    def apply_filter(self, force: bool = False) -> None:
        self.browser.apply_filter(force)

    def ref_node(self, text: str) -> Node | None:
        return self.browser.ref_node(text)

    # -- the Frame the parts see (app.ui.shell.host) ----------------------------------------

    def status(self, message: str, ms: int = 0) -> None:
        self.statusBar().showMessage(message, ms)

    def show_error(self, message: str) -> None:
        self._last_error = message
        self.statusBar().showMessage(message, 10000)
        self.server_gone.refused(message)  # the server gone: the text kept, Retry offered

    def flush(self) -> bool:
        """Save the text being typed, in the detail pane and in an agenda item; False if the
        database refused it (the text stays on screen)."""
        return self.undo_redo.flush()

    def report_unsaved(self) -> None:
        reason = self._last_error or "the database refused it"
        self.statusBar().showMessage(f"Not saved: {reason}. Your text stays where you typed it.",
                                     10000)

    def reload_from_database(self, plan_id: int | None = None) -> None:
        """After an import: show what is in the database now, everywhere (`plan_id`, default
        the plan shown), and clear the undo stack: its commands hold values from before."""
        self.undo_stack.clear()
        self.browser.save_tree_state()  # as a plan switch does: branches and selection kept
        self.browser.load_plan(self.plan_id if plan_id is None else plan_id)
        self.hub.publish(Change(focal_points=True, meetings=True))  # the other windows

    def reopen_database(self, work: Callable[[], object]) -> bool:
        """Save the typing, close the Desk (and let go of the lock), run `work` (a restore,
        which needs the file closed), then open the database again and show it everywhere.
        False if it could not be done (said already); the database is open again either way
        when it can be."""
        if not self.ready or self.db_path is None:
            self.show_error("a restore needs the database file open in this window")
            return False
        if not self.flush():
            dialogs.show_error(self, "POA Desk", "Your last edit could not be saved; correct or "
                               "undo it first.")
            return False
        try:
            error = self.session.reopen(work)
        except PoaDeskError as exc:
            dialogs.show_error(self, "POA Desk", f"The database cannot be opened again.\n{exc}")
            self.close()
            return False
        if error is not None:
            dialogs.show_error(self, "POA Desk", error)
            return False
        return True

    def switch_database(self, desk: Desk, lock: DatabaseLock | None) -> None:
        """Show another database, open already, with its lock taken (None on a server); the
        caller has saved the typing first."""
        self.session.switch(desk, lock)

    # -- undo and redo ----------------------------------------------------------------------

    def undo(self) -> None:
        self.undo_redo.undo()

    def redo(self) -> None:
        self.undo_redo.redo()

    def _after_undo_redo(self, undone: bool) -> None:
        action_id = self.editor.last_action_id(undone)
        if action_id is not None:
            self.browser.reveal_action(action_id)

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        if jobs.running():  # a worker has the Desk: closing waits until it is done
            event.ignore()
            QTimer.singleShot(200, self, self.close)
            return
        saved = self.flush()
        if not saved and not dialogs.confirm_close_unsaved(self, self._last_error):
            event.ignore()
            return
        self._shut_down()
        event.accept()

    def commit_data(self, _manager: QSessionManager | None = None) -> None:
        """The session is ending (Windows log-off, a macOS or desktop logout): save what is
        being typed now, asking nothing; the window stays open in case the log-off is
        cancelled, and closes with the session."""
        if not self._closed and not jobs.running():
            self.flush()

    def terminate(self) -> None:
        """Log-out or shutdown (SIGTERM): save what is being typed, as closing does, with no
        question (nobody is there to answer), and close."""
        if not self._closed:
            self.flush()
            self._shut_down()
        self.close()

    def _shut_down(self) -> None:
        self.settings.save_layout(self, self.splitter, self.tree.header())
        self.browser.save_tree_state()
        self.settings.sync()
        self._closed = True
        self.watcher.stop()
        self.session.close()
