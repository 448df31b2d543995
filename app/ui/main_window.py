"""The main window: plan tree with search and filters on the left, detail pane on the right.

It owns the Desk it is given (closes it on close), the undo stack and the UI state in
QSettings. The fast start gives it the plan tree first (read without the Desk) and the Desk
right after the first paint (`attach_desk`); until then search, filters and edits are off.
Edits arrive as `Change`s from the undo commands; only the rows they name are refreshed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from app.errors import PoaDeskError
from app.ui import dialogs
from app.ui.detail_pane import DetailPane
from app.ui.filter_bar import FilterBar
from app.ui.focal_menu import FocalUi
from app.ui.icons import app_icon
from app.ui.meetings_dock import MeetingsDock
from app.ui.menus import build_menus
from app.ui.plan_filter import FilterCriteria, PlanFilterProxy
from app.ui.plan_tree_model import ACTION, Node, PlanTreeModel
from app.ui.plan_tree_view import PlanTreeView
from app.ui.settings import UiSettings
from app.ui.text_marks import query_words
from app.ui.undo_commands import FIELDS, ActionEditor, EditSink
from app.ui.widgets import named
from app.values import Change, PlanTree

if TYPE_CHECKING:
    from app.service import Desk

OPENING_TEXT = "Opening the database…"


class MainWindow(QMainWindow):
    desk_attached = Signal()  # the fast start's Desk is open (see `ready`)

    def __init__(self, desk: Desk | None, settings: UiSettings, *, save_delay_ms: int = 600,
                 plan_id: int | None = None, tree: PlanTree | None = None,
                 db_path: Path | None = None) -> None:
        """`desk` None is the fast start: `tree` (read without the Desk, app.store.fast_open) is
        shown at once and the Desk comes later through `attach_desk()`."""
        super().__init__()
        if desk is None and tree is None:
            raise ValueError("MainWindow needs a Desk, or the plan tree until one is attached")
        self._desk = desk
        self.db_path = desk.path if desk is not None else db_path
        self.settings = settings
        self._closed = False
        self._last_error = ""
        self._current_key = ""
        self._navigating = False  # a programmatic selection change: do not reload the pane
        self.setWindowIcon(app_icon())
        self.undo_stack = QUndoStack(self)
        self.editor = ActionEditor(desk, self.undo_stack,
                                   EditSink(changed=self.apply_change, failed=self.show_error))
        self.model = PlanTreeModel(self)
        self.proxy = PlanFilterProxy(self.model, self)
        self._refilter = QTimer(self, singleShot=True, interval=0)
        self._refilter.timeout.connect(lambda: self.apply_filter(force=True))

        self.filters = FilterBar()
        self.filters.changed.connect(lambda: self.apply_filter())
        self.filters.leave_down.connect(self.go_to_first_match)
        self.tree = PlanTreeView(self.model, self.proxy)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.tree, 1)
        self.detail = DetailPane(self.editor, save_delay_ms)
        self.detail.pending_changed.connect(self._update_undo_actions)
        self.detail.action_activated.connect(self.reveal_action)
        self.detail.key_activated.connect(self.select_key)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.progress_label = named(QLabel(), "progress")
        self.statusBar().addPermanentWidget(self.progress_label)

        actions = build_menus(self)
        self.undo_action, self.redo_action = actions.undo, actions.redo
        self.find_action, self.plans_menu = actions.find, actions.plans_menu
        self.meetings = MeetingsDock(self, save_delay_ms)  # the Meeting menu, the dock
        self.focal_ui = FocalUi(self)  # the Focal Points menu; assignments in the detail pane
        for signal in (self.undo_stack.indexChanged, self.undo_stack.cleanChanged):
            signal.connect(self._update_undo_actions)
        self._update_undo_actions()
        self._empty_text = self.detail.empty.text()
        if desk is not None:
            self.filters.set_countries(desk.countries())
            self.load_plan(plan_id if plan_id is not None else desk.default_plan_id())
        elif tree is not None:
            self._set_opening(True)
            self._show_tree(tree)
        self._restore_window_state()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows work at once; Ctrl+F

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
            self._update_counts()
        self._load_plan_lists()
        self._set_opening(False)
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
        db = self.db_path.name if self.db_path else "database"
        self.setWindowTitle(f"{tree.plan.title} — {db} — POA Desk")
        self.proxy.set_criteria(self._criteria())
        self.tree.set_expanded_keys(self.settings.expanded(self.plan_key))
        self._update_counts()
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
            if not self.detail.flush() & self.meetings.flush():
                self._fill_plans_menu()  # its check mark back on this plan
                self._report_unsaved()
                return
            self._save_tree_state()
            self.undo_stack.clear()  # its commands name action lines of the other plan
            self.load_plan(plan_id)

    # -- search and filters -----------------------------------------------------------------

    def _criteria(self) -> FilterCriteria:
        f = self.filters
        ids = None
        if f.text.strip():
            try:
                ids = frozenset(self.desk.search_ids(f.text, self.plan_id))
            except PoaDeskError as exc:
                self.show_error(str(exc))
                ids = frozenset()
        return FilterCriteria(ids, f.status_code, f.country_code, f.with_focal_point, f.tag_name)

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
            self._update_counts()
        self.detail.set_search_words(query_words(self.filters.text))

    def clear_filters(self) -> None:
        self.filters.search.clear()
        self.filters.clear()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def go_to_first_match(self) -> None:
        index = self.tree.first_action_index()
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_counts(self) -> None:
        self.filters.show_count(self.proxy.accepted_count, self.model.action_count())
        done, total = self.model.progress()
        share = 100 * done // total if total else 0  # rounded down: never claim more
        self.progress_label.setText(f"{share}% of action lines achieved or being addressed")
        self.progress_label.setToolTip(f"{done} of {total} action lines achieved, being "
                                       "addressed or recurring")

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

    def reveal_action(self, action_id: int) -> None:
        node = self.model.node_for_action(action_id)
        if node is not None and node.key != self._current_key:
            self.select_key(node.key)

    def _activated(self, index: QModelIndex) -> None:
        node = self.tree.node_at(index)
        if node is not None and node.kind == ACTION:
            self.detail.notes_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- edits, undo and redo ---------------------------------------------------------------

    def apply_change(self, change: Change) -> None:
        """Refresh what a change names: its rows, the pane, the totals, the filter."""
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
        self._update_counts()
        if self.proxy.criteria.active:
            self._refilter.start()  # after this edit's signals have settled
        if change.warnings:
            self.statusBar().showMessage("; ".join(change.warnings), 8000)

    def show_error(self, message: str) -> None:
        self._last_error = message
        self.statusBar().showMessage(message, 10000)

    def _saved_before_undo(self) -> bool:
        """Save a typing burst first (it is undone with the rest of it); if the database
        refuses it, undo and redo do nothing, else they would take back an older edit."""
        if self.detail.flush() & self.meetings.flush():  # both, whatever the first says
            return True
        self._report_unsaved()
        return False

    def _report_unsaved(self) -> None:
        reason = self._last_error or "the database refused it"
        self.statusBar().showMessage(f"Not saved: {reason}. Your text stays where you typed it.",
                                     10000)

    def undo(self) -> None:
        if not self._saved_before_undo():
            return
        if self.undo_stack.canUndo():
            self.undo_stack.undo()
            self._after_undo_redo(undone=True)

    def redo(self) -> None:
        if not self._saved_before_undo():
            return
        if self.undo_stack.canRedo():
            self.undo_stack.redo()
            self._after_undo_redo(undone=False)

    def _after_undo_redo(self, undone: bool) -> None:
        self.editor.seal()
        action_id = self.editor.last_action_id(undone)
        if action_id is not None:
            self.reveal_action(action_id)

    def _update_undo_actions(self) -> None:
        pending = self.detail.has_pending or self.meetings.has_pending
        field, detail = self.detail.pending_field(), self.detail.detail
        if field is not None and detail is not None:
            text = f"{FIELDS[field][0]} on {detail.ref}"
        else:
            text = self.meetings.pending_undo_text() or self.undo_stack.undoText()
        self.undo_action.setText(f"Undo {text}" if text else "Undo")
        self.undo_action.setEnabled(pending or self.undo_stack.canUndo())
        redo = self.undo_stack.redoText()
        self.redo_action.setText(f"Redo {redo}" if redo and not pending else "Redo")
        self.redo_action.setEnabled(self.undo_stack.canRedo() and not pending)

    # -- state and closing ------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        s = self.settings
        if s.geometry is None or not self.restoreGeometry(s.geometry):
            self.resize(1280, 820)
        if s.splitter is None or not self.splitter.restoreState(s.splitter):
            self.splitter.setSizes([560, 720])
        if s.tree_header is not None:
            self.tree.header().restoreState(s.tree_header)

    def _save_tree_state(self) -> None:
        self.settings.set_expanded(self.plan_key, self.tree.expanded_keys)
        self.settings.set_current(self.plan_key, self._current_key)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        saved = self.detail.flush() & self.meetings.flush()  # both, whatever the first says
        if not saved and not dialogs.confirm_close_unsaved(self, self._last_error):
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.splitter = self.splitter.saveState()
        self.settings.tree_header = self.tree.header().saveState()
        self._save_tree_state()
        self.settings.sync()
        self._closed = True
        if self._desk is not None:
            self._desk.close()
        event.accept()
