"""The main window: plan tree with search and filters on the left, detail pane on the right.

It owns the Desk it is given (closes it on close), the change hub with the undo stack, the
action registry and the UI state in QSettings. The fast start gives it the plan tree first (read
without the Desk) and the Desk right after the first paint (`attach_desk`); until then search,
filters and edits are off. Every change comes through the hub (`ChangeHub.changed`); only the
rows it names are refreshed. The focal-point and meetings parts get a `Host`, not the window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.errors import PoaDeskError
from app.refs import is_action_ref, normalize_ref
from app.ui import core_imports
from app.ui.files import register_file_actions
from app.ui.files.database_actions import DatabaseActions
from app.ui.focal.focal_ui import FocalUi
from app.ui.meetings.meetings_dock import MeetingsDock
from app.ui.plan.action_commands import ActionEditor
from app.ui.plan.activities_ui import ActivitiesUi
from app.ui.plan.detail_pane import DetailPane
from app.ui.plan.plan_filter import FilterCriteria
from app.ui.plan.plan_side import PlanSide
from app.ui.plan.plan_tree_model import ACTION, Node
from app.ui.plan.text_marks import query_words
from app.ui.progress import ProgressUi
from app.ui.shell import dialogs
from app.ui.shell.actions import STATUS_ACTS, Act, ActionRegistry, Menu
from app.ui.shell.commands import ChangeHub
from app.ui.shell.host import Host
from app.ui.shell.icons import app_icon
from app.ui.shell.server_gone import ServerGone
from app.ui.shell.settings import UiSettings
from app.ui.shell.undo_redo import UndoRedo
from app.ui.shell.watcher import ChangeWatcher
from app.ui.shell.where import DatabaseLabel, database_words
from app.ui.shell.widgets import named
from app.values import Change, PlanTree

if TYPE_CHECKING:
    from app.access import DatabaseLock
    from app.service import Desk

OPENING_TEXT = "Opening the database…"


def _actions_under(node: Node) -> list[Node]:
    if node.kind == ACTION:
        return [node]
    return [leaf for child in node.children for leaf in _actions_under(child)]


class MainWindow(QMainWindow):
    desk_attached = Signal()  # the fast start's Desk is open (see `ready`)

    def __init__(self, desk: Desk | None, settings: UiSettings, *, save_delay_ms: int = 600,
                 plan_id: int | None = None, tree: PlanTree | None = None,
                 db_path: Path | None = None, hub: ChangeHub | None = None) -> None:
        """`desk` None is the fast start: `tree` (read without the Desk, app.store.fast_open) is
        shown at once and the Desk comes later through `attach_desk()`. `hub`: the change hub
        (made here if not given); the window owns it."""
        super().__init__()
        if desk is None and tree is None:
            raise ValueError("MainWindow needs a Desk, or the plan tree until one is attached")
        self._desk = desk
        self.db_path = desk.path if desk is not None else db_path
        self.settings = settings
        self._closed = False
        self.lock: DatabaseLock | None = None  # the one-writer lock (app.ui.main takes it)
        self._last_error = ""
        self._current_key = ""
        self._navigating = False  # a programmatic selection change: do not reload the pane
        self.setWindowIcon(app_icon())
        self.hub = hub or ChangeHub()
        self.hub.setParent(self)
        self.hub.changed.connect(self._changed)  # first: the other views after the tree
        self.hub.refused.connect(lambda message, _command: self.show_error(message))
        self.undo_stack = self.hub.stack
        self.watcher = ChangeWatcher(self.hub, lambda: self._desk, parent=self)
        # a team database gone away: typed text kept, Retry offered, one line for the poll
        self.server_gone = ServerGone(self, self.hub, self.flush, self.statusBar().showMessage,
                                      lambda: self.closed)
        self.server_gone.watch(self.watcher)
        self.database_label = DatabaseLabel()  # which database is shown (and the title)
        self.editor = ActionEditor(desk, self.hub, self.show_error)
        self.side = PlanSide()  # the filter bar over the plan tree
        self.model, self.proxy, self.tree = self.side.model, self.side.proxy, self.side.tree
        self.filters, self.progress_label = self.side.filters, self.side.progress_label
        self._refilter = QTimer(self, singleShot=True, interval=0)
        self._refilter.timeout.connect(lambda: self.apply_filter(force=True))
        self.filters.changed.connect(lambda: self.apply_filter())
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self.detail = DetailPane(self.editor, save_delay_ms)
        self.detail.history_source = lambda action_id: self.desk.history(action_id, limit=200)
        self.detail.action_activated.connect(self.reveal_action)
        self.detail.key_activated.connect(self.select_key)
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
        host = Host(self, self.hub, self.acts, settings, lambda: self.desk, lambda: self.ready,
                    lambda: self.closed, lambda: self.plan_id, self.statusBar().showMessage,
                    self.show_error, self.show_row, self.flush, self.reload_from_database,
                    self.reopen_database)
        register_file_actions(self.acts, host)  # File > Back Up… and the other files
        # File > Open Team Database…, Open Database File…, the offline copy, activities
        self.databases = DatabaseActions(self.acts, host, self.switch_database)
        self.meetings = MeetingsDock(host, self.tree, save_delay_ms)  # the Meeting menu, the dock
        self.focal_ui = FocalUi(host, self.filters, self.detail)  # the Focal Points menu
        self.activities = ActivitiesUi(host, self.detail)  # the pane's Activities list
        self.progress = ProgressUi(host, self.filters)  # View > Progress, the report
        self.plans_menu = self.acts.build_menus(self.menuBar())[Menu.PLAN]
        self.undo_action, self.redo_action = self.acts[Act.UNDO], self.acts[Act.REDO]
        self.find_action = self.acts[Act.FIND]
        self.undo_redo = UndoRedo(self.undo_stack, self.undo_action, self.redo_action,
                                  (self.detail, self.meetings), self._report_unsaved,
                                  self._after_undo_redo)
        for part in (self.detail, self.meetings):
            part.pending_changed.connect(self.undo_redo.update)
        self._empty_text = self.detail.empty.text()
        if desk is not None:
            self.filters.set_countries(desk.countries())
            self.load_plan(plan_id if plan_id is not None else desk.default_plan_id())
        elif tree is not None:
            self._set_opening(True)
            self._show_tree(tree)
        settings.restore_layout(self, self.splitter, self.tree.header())
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows work at once; Ctrl+F
        if desk is not None:
            self.watcher.start()

    def _register_actions(self) -> None:
        """The window's own menu actions (app.ui.shell.actions has their texts and keys)."""
        add, detail, tree = self.acts.add, self.detail, self.tree
        add(Act.QUIT, self.close)
        add(Act.UNDO, lambda: self.undo_redo.undo())
        add(Act.REDO, lambda: self.undo_redo.redo())
        add(Act.FIND, self.side.focus_search)
        add(Act.CLEAR_FILTERS, self.side.clear_filters)
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

    # -- the database -----------------------------------------------------------------------

    @property
    def desk(self) -> Desk:
        """The open database (after `attach_desk()` on the fast start)."""
        if self._desk is None:
            raise PoaDeskError(OPENING_TEXT)
        return self._desk

    @property
    def ready(self) -> bool:
        """True once the Desk is attached: search, filters and edits work."""
        return self._desk is not None

    @property
    def closed(self) -> bool:
        return self._closed

    def attach_desk(self, desk: Desk) -> None:
        """The fast start's second step: the Desk is open, the window becomes editable."""
        if self._desk is not None:
            raise RuntimeError("this window has its Desk already")
        self._desk = desk
        self.editor.desk = desk
        self.filters.set_countries(desk.countries())
        fresh = desk.plan_tree(self.plan_id)
        if fresh != self.model.tree:  # changed since the fast read (by another program)
            self.model.refresh(fresh)
            self.tree.restore_expansion()
            self.side.update_counts()
        self._load_plan_lists()
        self._set_opening(False)
        self.watcher.start()
        node = self.model.node_for_key(self._current_key)
        if node is not None:  # show it again, now with what only the Desk can tell
            index = self.tree.index_of(node.key)
            if index.isValid() and index == self.tree.currentIndex():
                self._show(node)
            else:
                self.select_key(node.key)
        self.desk_attached.emit()

    def _set_opening(self, opening: bool) -> None:
        """While the Desk opens the tree can be browsed; search, filters and the menus (with
        their shortcuts) are off, and an action line's detail waits for the Desk."""
        self.filters.setEnabled(not opening)
        self.menuBar().setEnabled(not opening)
        self.detail.empty.setText(OPENING_TEXT if opening else self._empty_text)

    # -- the plan ---------------------------------------------------------------------------

    @property
    def plan_key(self) -> str:
        return f"plan{self.plan_id}"

    def load_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self._show_tree(self.desk.plan_tree(plan_id))

    def _load_plan_lists(self) -> None:
        """What the Desk adds to the tree: the glossary, the tags, the plans menu."""
        from app.glossary import Acronym

        self.detail.set_glossary([Acronym(a.abbr, a.expansion)
                                  for a in self.desk.acronyms(self.plan_id)])
        self.filters.set_tags(self.desk.all_tags())
        self._fill_plans_menu()

    def _show_tree(self, tree: PlanTree) -> None:
        self.plan_id = tree.plan.id
        self.model.set_tree(tree)
        if self._desk is not None:
            self._load_plan_lists()
        label = self._desk.label if self._desk is not None else ""
        db = database_words(self.db_path, label)
        self.database_label.show_database(self.db_path, label)
        self.setWindowTitle(f"{tree.plan.title} — {db} — POA Desk")
        self.proxy.set_criteria(self._criteria())
        self.tree.set_expanded_keys(self.settings.expanded(self.plan_key))
        self.side.update_counts()
        self._current_key = ""
        self.detail.show_nothing()
        # Where the officer left off; on a first run, the first pillar's summary.
        saved = self.settings.current(self.plan_key)
        first = self.model.root_children()[0].key if self.model.root_children() else ""
        self.select_key(saved if self.model.node_for_key(saved) is not None else first)

    def _fill_plans_menu(self) -> None:
        self.plans_menu.clear()
        plans = self.desk.plans()
        self.plans_menu.setEnabled(len(plans) > 1)
        for info in plans:
            action = self.plans_menu.addAction(f"{info.title} ({info.action_count})")
            action.setCheckable(True)
            action.setChecked(info.id == self.plan_id)
            action.triggered.connect(lambda _c=False, pid=info.id: self.switch_plan(pid))

    def switch_plan(self, plan_id: int) -> None:
        if plan_id != self.plan_id:
            # Typed text first, before the undo stack is cleared; refused: stay on this plan.
            if not self.flush():
                self._fill_plans_menu()  # its check mark back on this plan
                self._report_unsaved()
                return
            self._save_tree_state()
            self.undo_stack.clear()  # its commands name action lines of the other plan
            self.load_plan(plan_id)

    # -- search and filters -----------------------------------------------------------------

    def _criteria(self) -> FilterCriteria:
        return self.side.criteria(self._search)

    def ref_node(self, text: str) -> Node | None:
        """The action line or section a search in the plan's notation names ("2.1(c)", "2.1c",
        "5(a)", "2.1"), if this plan has it."""
        ref = normalize_ref(text.strip())
        if ref is None:
            return None
        return self.model.node_for_key(("a" if is_action_ref(ref) else "s") + ref)

    def _search(self, text: str) -> frozenset[int]:
        node = self.ref_node(text)
        if node is not None:  # a reference: that line, or that section's lines, only
            return frozenset(n.value.id for n in _actions_under(node))
        try:
            return frozenset(self.desk.search_ids(text, self.plan_id))
        except PoaDeskError as exc:
            self.show_error(str(exc))
            return frozenset()

    def apply_filter(self, force: bool = False) -> None:
        """Once per keystroke or filter change: filter, keep the selection, count, highlight.
        `force`: the criteria are the same but the values under them changed (an edit)."""
        criteria = self._criteria()
        if criteria != self.proxy.criteria or force:
            self._navigating = True
            try:
                self.tree.apply_criteria(criteria)
                self.tree.show_current(self._current_key)  # the pane keeps it if filtered out
            finally:
                self._navigating = False
            self.side.update_counts()
            target = self.ref_node(self.filters.text)
            if target is not None and not force and target.key != self._current_key:
                self.select_key(target.key)  # straight to it: Ctrl+3 then changes that line
        self.detail.set_search_words(query_words(self.filters.text))

    # -- selection --------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = None if self._navigating else self.tree.node_at(current)
        if node is not None:
            self._show(node)

    def _show(self, node: Node) -> None:
        if not self.detail.flush():  # refused (database locked...): keep the text on screen
            self._stay_on_unsaved()
            return
        self.editor.seal()
        self._current_key = node.key
        if node.kind != ACTION:
            self.detail.show_node(node)
            return
        if self._desk is None:  # the fast start: attach_desk() shows it
            self.detail.show_nothing()
            return
        try:
            self.detail.show_action(self.desk.action(node.value.id))
        except PoaDeskError as exc:
            self.show_error(str(exc))

    def _stay_on_unsaved(self) -> None:
        """The pane's typed text could not be saved: its action line stays selected and
        shown (the text is saved by the next keystroke, move or close)."""
        index = self.tree.index_of(self._current_key)
        self._navigating = True
        try:
            if index.isValid():
                self.tree.setCurrentIndex(index)
            else:
                self.tree.selectionModel().clear()
        finally:
            self._navigating = False
        self._report_unsaved()

    def select_key(self, key: str) -> None:
        """Select a row by key; one hidden by the filters is shown in the pane all the same."""
        node = self.model.node_for_key(key)
        if node is None:
            return
        index = self.tree.index_of(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            return
        self._navigating = True
        try:
            self.tree.selectionModel().clear()
        finally:
            self._navigating = False
        self._show(node)

    def show_row(self, key: str, plan_id: int) -> None:
        """Select a row ("a1.3(b)", "s1.3") of a plan, switching to it, and raise the window."""
        if plan_id != self.plan_id:
            self.switch_plan(plan_id)
        self.select_key(key)
        self.raise_()
        self.activateWindow()

    def reveal_action(self, action_id: int) -> None:
        node = self.model.node_for_action(action_id)
        if node is not None and node.key != self._current_key:
            self.select_key(node.key)

    def _activated(self, index: QModelIndex) -> None:
        node = self.tree.node_at(index)
        if node is not None and node.kind == ACTION:
            self.detail.notes_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- edits, undo and redo ---------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        """Refresh what a change names: its rows, the pane, the totals, the filter."""
        if change.warnings:
            self.statusBar().showMessage("; ".join(change.warnings), 8000)
        if not (change.action_ids or change.plan_structure or change.focal_points):
            return  # a meeting: not shown in the tree
        if change.plan_structure or change.focal_points:
            self.model.refresh(self.desk.plan_tree(self.plan_id))
        tags_changed = False
        for action_id in sorted(change.action_ids):
            try:
                detail = self.desk.action(action_id)
            except PoaDeskError:
                continue
            node = self.model.node_for_action(action_id)
            tags_changed |= node is not None and node.value.tags != detail.tags
            self.model.update_action(detail.summary())
            if self.detail.detail is not None and self.detail.detail.id == action_id:
                self.detail.refresh_action(detail)
        current = self.model.node_for_key(self._current_key)
        if current is not None and current.kind != ACTION:
            self.detail.refresh_node(current)
        if tags_changed:
            self.filters.set_tags(self.desk.all_tags())
        self.side.update_counts()
        if self.proxy.criteria.active:
            self._refilter.start()  # after this edit's signals have settled

    def reload_from_database(self, plan_id: int | None = None) -> None:
        """After an import: show what is in the database now, everywhere (`plan_id`, default
        the plan shown), and clear the undo stack: its commands hold values from before."""
        self.undo_stack.clear()
        self._save_tree_state()  # as a plan switch does: branches and selection kept
        self.load_plan(self.plan_id if plan_id is None else plan_id)
        self.hub.publish(Change(focal_points=True, meetings=True))  # the other windows

    def show_error(self, message: str) -> None:
        self._last_error = message
        self.statusBar().showMessage(message, 10000)
        self.server_gone.refused(message)  # the server gone: the text kept, Retry offered

    def flush(self) -> bool:
        """Save the text being typed, in the detail pane and in an agenda item; False if the
        database refused it (the text stays on screen)."""
        return self.undo_redo.flush()

    def _report_unsaved(self) -> None:
        reason = self._last_error or "the database refused it"
        self.statusBar().showMessage(f"Not saved: {reason}. Your text stays where you typed it.",
                                     10000)

    def undo(self) -> None:
        self.undo_redo.undo()

    def redo(self) -> None:
        self.undo_redo.redo()

    def _after_undo_redo(self, undone: bool) -> None:
        action_id = self.editor.last_action_id(undone)
        if action_id is not None:
            self.reveal_action(action_id)

    # -- state and closing ------------------------------------------------------------------

    def _save_tree_state(self) -> None:
        self.settings.set_expanded(self.plan_key, self.tree.expanded_keys)
        self.settings.set_current(self.plan_key, self._current_key)

    def hold_lock(self, lock: DatabaseLock) -> None:
        """The one-writer lock on this window's database: released when the window closes."""
        self.lock = lock

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        saved = self.flush()
        if not saved and not dialogs.confirm_close_unsaved(self, self._last_error):
            event.ignore()
            return
        self._shut_down()
        event.accept()

    def terminate(self) -> None:
        """Log-out or shutdown (SIGTERM): save what is being typed, as closing does, with no
        question (nobody is there to answer), and close."""
        if not self._closed:
            self.flush()
            self._shut_down()
        self.close()

    def _shut_down(self) -> None:
        self.settings.save_layout(self, self.splitter, self.tree.header())
        self._save_tree_state()
        self.settings.sync()
        self._closed = True
        self.watcher.stop()
        if self._desk is not None:
            self._desk.close()
        if self.lock is not None:
            self.lock.release()

    # -- a restore: the database is closed, replaced and opened again -----------------------

    def reopen_database(self, work: Callable[[], object]) -> bool:
        """Save the typing, close the Desk (and let go of the lock), run `work` (a restore,
        which needs the file closed), then open the database again and show it everywhere.
        False if it could not be done (said already); the database is open again either way
        when it can be."""
        if self._desk is None or self.db_path is None:
            self.show_error("a restore needs the database file open in this window")
            return False
        if not self.flush():
            dialogs.show_error(self, "POA Desk", "Your last edit could not be saved; correct or "
                               "undo it first.")
            return False
        self._save_tree_state()
        self.watcher.stop()
        self.undo_stack.clear()  # its commands hold the Desk and values from before
        self._desk.close()
        if self.lock is not None:
            self.lock.release()
        error: str | None = None
        try:
            work()
        except (PoaDeskError, OSError) as exc:
            error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        try:
            with core_imports():
                from app.service import Desk

                desk = Desk.open(self.db_path, daily_backup=False)
            if self.lock is not None:
                self.lock.acquire()
        except PoaDeskError as exc:
            dialogs.show_error(self, "POA Desk", f"The database cannot be opened again.\n{exc}")
            self._desk = None
            self.close()
            return False
        self._replace_desk(desk)
        if error is not None:
            dialogs.show_error(self, "POA Desk", error)
            return False
        return True

    def switch_database(self, desk: Desk, lock: DatabaseLock | None) -> None:
        """Show another database (File > Open Team Database…, Open Database File…), open
        already, with its lock taken (None on a server): the one shown is closed and its lock
        let go, the new one is shown everywhere, the undo stack is cleared. The caller has
        saved the typing first."""
        self._save_tree_state()
        self.watcher.stop()
        self.undo_stack.clear()  # its commands hold the Desk and values from before
        if self._desk is not None:
            self._desk.close()
        if self.lock is not None:
            self.lock.release()
        self.lock, self.db_path = lock, desk.path
        self._replace_desk(desk)

    def _replace_desk(self, desk: Desk) -> None:
        self._desk = desk
        self.editor.desk = desk
        self.meetings.set_desk(desk)
        self.focal_ui.set_desk(desk)
        self.filters.set_countries(desk.countries())
        plans = {p.id for p in desk.plans()}
        self.load_plan(self.plan_id if self.plan_id in plans else desk.default_plan_id())
        self.hub.publish(Change(plan_structure=True, focal_points=True, meetings=True))
        self.watcher.start()
