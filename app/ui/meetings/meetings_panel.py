"""The meetings panel: choose a meeting, build its agenda, fill in each item, export the brief.

Top: the meeting selector with New / Edit / Delete. Middle: the ordered agenda (drop action
lines and sections from the plan tree on it, add an item of your own with Free Item…, drag
items to reorder, Alt+Up / Alt+Down, Delete).
Bottom: the selected item's editor and the export buttons. Every edit is an undoable command
(meeting_commands). The panel listens to the window's one change signal (ChangeHub.changed):
after each change it reads the meeting again (`reload`) and shows what its own command touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import PoaDeskError
from app.meetings.values import FIELD_LABELS, AgendaItemView, MeetingDetail
from app.service import Desk
from app.ui.meetings.agenda_item_editor import AgendaItemEditor
from app.ui.meetings.agenda_model import AddRequest, AgendaModel
from app.ui.meetings.agenda_view import AgendaView, with_buttons
from app.ui.meetings.confirm import confirm_delete, confirm_remove
from app.ui.meetings.export_bar import ExportBar
from app.ui.meetings.free_item import ask_free_title, combo_text, rows_height
from app.ui.meetings.meeting_commands import (
    ItemFieldEdit,
    ItemKey,
    MeetingCommand,
    MeetingEditor,
    item_name,
)
from app.ui.meetings.meeting_export import Exporter
from app.ui.meetings.meeting_form import ask_meeting, ask_new_meeting
from app.ui.shell import dialogs
from app.ui.shell.commands import ChangeHub
from app.ui.shell.elide import ElidingCombo
from app.ui.shell.scroll import ScrollPage
from app.ui.shell.settings import UiSettings
from app.ui.shell.widgets import named, tool_button
from app.values import Change

Status = Callable[[str, int], None]


class MeetingsPanel(QWidget):
    def __init__(self, desk: Desk, hub: ChangeHub, settings: UiSettings, status: Status,
                 save_delay_ms: int = 600, parent: QWidget | None = None,
                 error: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsPanel")
        self.desk = desk
        self.settings = settings
        self.status = status
        self.error = error or (lambda message: status(message, 10000))
        self.meeting: MeetingDetail | None = None
        self._reloading = False
        self.editor = MeetingEditor(desk, hub, self._failed)
        hub.changed.connect(self._changed)
        hub.refused.connect(self._refused)
        self.exporter = Exporter(self, desk, settings, status)
        self.plan_id: Callable[[], int | None] = lambda: None  # the window's plan (matrix)

        self.new_action = self._action("&New…", self.new_meeting)
        self.new_action.setToolTip("A new meeting (Meeting > New Meeting…)")
        self.edit_action = self._action("&Edit…", self.edit_meeting)
        self.edit_action.setToolTip("Kind, title, date, venue and marking of this meeting, "
                                    "and the brief's top page")
        self.delete_action = self._action("&Delete", self.delete_meeting)
        self.delete_action.setToolTip("Delete this meeting and its agenda (asks first; Edit > "
                                      "Undo, or Meeting > Deleted Meetings…, brings it back)")
        self.up_action = self._action("Move &Up", lambda: self.move_selected(-1), "Alt+Up")
        self.down_action = self._action("Move Do&wn", lambda: self.move_selected(1),
                                        "Alt+Down")
        self.remove_action = self._action("&Remove from Agenda", self.remove_selected,
                                          QKeySequence.StandardKey.Delete)
        self.free_action = self._action("&Free Item…", self.add_free_item)
        self.free_action.setToolTip("Add an item of your own: \u201cAdoption of the agenda\u201d, "
                                    "\u201cAny other business\u201d... (Meeting > Add Free-Text "
                                    "Item…)")
        self.meeting_combo = named(ElidingCombo(18), "meetingCombo")  # "…" when narrow
        self.meeting_combo.setAccessibleName("Meeting")
        self.meeting_combo.setAccessibleDescription("The meeting whose agenda is shown")
        self.meeting_combo.currentIndexChanged.connect(self._meeting_chosen)
        top = QHBoxLayout()
        top.addWidget(self.meeting_combo, 1)
        for action, name in ((self.new_action, "newMeeting"), (self.edit_action, "editMeeting"),
                             (self.delete_action, "deleteMeeting")):
            top.addWidget(tool_button(action, name))
        self.info_label = named(QLabel(wordWrap=True), "meetingInfo")
        self.info_label.setStyleSheet("color: palette(placeholder-text);")

        self.agenda_model = AgendaModel(self)
        self.agenda_model.add_requested.connect(self._add_requested)
        self.agenda_model.move_requested.connect(self._move_requested)
        self.agenda_view = AgendaView(self.agenda_model, (self.up_action, self.down_action,
                                                          self.remove_action, self.free_action))
        self.agenda_view.selectionModel().currentChanged.connect(self._item_chosen)
        self.agenda_view.activated.connect(lambda _index: self.focus_item_editor())
        agenda_box = with_buttons(self.agenda_view, (
            (self.up_action, "moveUp"), (self.down_action, "moveDown"),
            (self.remove_action, "removeItem"), (self.free_action, "addFreeItem")),
            "Add from the plan: right-click or drag")

        self.item_editor = AgendaItemEditor(self.editor, save_delay_ms)
        # the item's five fields scroll when the screen is short: the agenda keeps its rows;
        # a field reached by Tab or Alt+letter is scrolled into view
        self.item_scroll = ScrollPage(self.item_editor, "itemScroll", "Agenda item", roomy=True)
        self.agenda_view.setMinimumHeight(rows_height(self.agenda_view, 6))
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "meetingsSplitter")
        self.splitter.addWidget(agenda_box)
        self.splitter.addWidget(self.item_scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)

        self.export_bar = ExportBar(self.exporter, self.export_brief, self.export_matrix)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.export_bar)
        self.reload(settings.current_meeting)

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: str | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return action

    def set_desk(self, desk: Desk) -> None:
        """The database was opened again (a restore)."""
        self.desk = self.editor.desk = self.exporter.desk = desk
        self.editor.forget_all()
        self.item_editor.show_item(None)

    def focus_agenda(self) -> None:
        """View > Go to Agenda (the meeting selector when there is no item yet)."""
        reason = Qt.FocusReason.ShortcutFocusReason
        if self.agenda_model.rowCount():
            self.agenda_view.setFocus(reason)
        else:
            self.meeting_combo.setFocus(reason)

    def focus_item_editor(self) -> None:
        """View > Go to Agenda Item (Enter on the agenda does it too): its first field."""
        if self.current_item() is None:
            self.focus_agenda()
            return
        self.item_editor.edits["objective"].setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- reading the meetings ---------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self.meeting.id if self.meeting is not None else None

    def current_item(self) -> AgendaItemView | None:
        return self.agenda_model.item_at(self.agenda_view.currentIndex().row())

    def reload(self, meeting_id: int | None = None, key: ItemKey | None = None,
               sync_editor: bool = True) -> None:
        """Read the meetings again; show `meeting_id` (default: the one shown, else the
        first) and select the item `key` (default: the one selected, else the same row)."""
        previous = self.current_item()
        row = self.agenda_view.currentIndex().row()
        self._reloading = True
        try:
            meetings = self.desk.meetings.all()
            ids = [m.id for m in meetings]
            wanted = next((i for i in (meeting_id, self.meeting_id) if i in ids),
                          ids[0] if ids else None)
            self.meeting_combo.clear()
            for info in meetings:
                self.meeting_combo.addItem(combo_text(info), info.id)
                self.meeting_combo.setItemData(self.meeting_combo.count() - 1,
                                               f"{info.item_count} agenda items",
                                               Qt.ItemDataRole.ToolTipRole)
            if wanted is not None:
                self.meeting_combo.setCurrentIndex(ids.index(wanted))
            same_meeting = wanted == self.meeting_id
            self.meeting = self.desk.meetings.get(wanted) if wanted is not None else None
            items = self.meeting.items if self.meeting is not None else ()
            self.agenda_model.set_items(wanted, items)
            if key is None and previous is not None and same_meeting:
                key = self.editor.key_of(previous)
            keys = [self.editor.key_of(i) for i in items]
            if key in keys:
                row = keys.index(key)
            elif not same_meeting or not items:
                row = 0
            row = min(max(row, 0), len(items) - 1)
            self._select_row(row)
        except PoaDeskError as exc:
            self._failed(str(exc))
        finally:
            self._reloading = False
        self.settings.current_meeting = self.meeting_id
        self._show_meeting_info()
        if sync_editor:
            self._sync_editor()
        else:
            self._update_item_actions()

    def _select_row(self, row: int) -> None:
        selection = self.agenda_view.selectionModel()
        if row < 0:
            selection.clear()
            return
        index = self.agenda_model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        self.agenda_view.scrollTo(index)

    def _show_meeting_info(self) -> None:
        m = self.meeting
        has_meeting = m is not None
        for action in (self.edit_action, self.delete_action, self.export_bar.word_action,
                       self.export_bar.excel_action, self.free_action):
            action.setEnabled(has_meeting)
        if m is None:
            self.info_label.setText("No meeting yet: New… makes one.")
            return
        parts = [m.title, m.venue, m.marking]
        count = f"{len(m.items)} agenda item{'s' if len(m.items) != 1 else ''}"
        self.info_label.setText(" · ".join([p for p in parts if p] + [count]))
        self._update_item_actions()

    def _update_item_actions(self) -> None:
        item, count = self.current_item(), self.agenda_model.rowCount()
        self.up_action.setEnabled(item is not None and item.position > 0)
        self.down_action.setEnabled(item is not None and item.position < count - 1)
        self.remove_action.setEnabled(item is not None)

    def _sync_editor(self) -> None:
        """Show the selected item in the editor (or its new values, if it is already shown)."""
        item = self.current_item()
        shown = self.item_editor.view
        if (item is not None and shown is not None
                and self.editor.key_of(item) == self.editor.key_of(shown)
                and item.meeting_id == shown.meeting_id):
            self.item_editor.refresh_item(item)
        else:
            offered = ""
            if item is not None:
                try:
                    offered = self.desk.meetings.offered_background(item.id)
                except PoaDeskError:
                    offered = ""
            self.item_editor.show_item(item, offered)
        self._update_item_actions()

    def _meeting_chosen(self, index: int) -> None:
        if self._reloading or index < 0:
            return
        if not self.flush():  # refused (database locked...): the text stays, and its meeting
            self._reloading = True
            try:
                self.meeting_combo.setCurrentIndex(
                    max(0, self.meeting_combo.findData(self.meeting_id)))
            finally:
                self._reloading = False
            return
        self.reload(self.meeting_combo.itemData(index))

    def _item_chosen(self, _current: QModelIndex, previous: QModelIndex) -> None:
        if self._reloading:
            return
        if not self.flush():  # refused (database locked...): the text stays, and its item
            self._reloading = True
            try:
                self._select_row(previous.row() if previous.isValid() else -1)
            finally:
                self._reloading = False
            return
        self._sync_editor()

    # -- edits ------------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save a pending typed edit of the shown item now."""
        return self.item_editor.flush()

    @property
    def has_pending(self) -> bool:
        return self.item_editor.has_pending

    def pending_undo_text(self) -> str:
        """'objective edit on 2.1(c)' while a typed edit waits for the pause, else ''."""
        field, view = self.item_editor.pending_field(), self.item_editor.view
        if field is None or view is None:
            return ""
        return f"{FIELD_LABELS[field].lower()} edit on {item_name(view)}"

    def _changed(self, _change: Change, origin: object = None) -> None:
        """Any change: the agenda shows action lines' status and lines to take too. After its
        own edit (the change's origin), the meeting and item that edit names are shown."""
        focus = self.editor.focus_of(origin)
        if focus is None:
            if not self._reloading and self.meeting is not None:
                self.reload()
        elif self.item_editor.flushing:  # its typing saved: the rows change, not the selection
            self.reload(focus[0], None, sync_editor=False)
            shown = self.item_editor.view
            fresh = next((i for i in self.agenda_model.items
                          if shown is not None
                          and self.editor.key_of(i) == self.editor.key_of(shown)), None)
            if fresh is not None:
                self.item_editor.refresh_item(fresh, origin)  # compared with the next typing
        else:
            self.reload(*focus)

    def _refused(self, message: str, command: object) -> None:
        """An undo or redo of a meeting edit the database refused (the window says it too)."""
        if isinstance(command, MeetingCommand | ItemFieldEdit):
            dialogs.show_error(self, "Meetings", message)

    def _failed(self, message: str) -> None:
        self.error(message)
        dialogs.show_error(self, "Meetings", message)

    def new_meeting(self, agenda: str = "") -> int | None:
        """Ctrl+N: the form, its Agenda field filled with `agenda`; one undoable step."""
        plan_id = self.plan_id()
        try:
            index = self.desk.plan.index(plan_id)
            reader = self.desk.meetings.resolver(plan_id)  # or another plan's, named first
        except PoaDeskError as exc:
            self._failed(str(exc))
            return None
        answer = ask_new_meeting(self, (reader, index.references()), agenda)
        if answer is None:
            return None
        self.flush()
        made = self.editor.create_meeting(*answer, plan_id)
        self.focus_agenda()  # its agenda, not a text field (Ctrl+E is End in one on X11)
        return made

    def edit_meeting(self) -> None:
        m = self.meeting
        if m is None:
            return
        old = m.fields
        fields = ask_meeting(self, old)
        if fields is not None:
            self.flush()
            self.editor.edit_meeting(m.id, old, fields)

    def delete_meeting(self) -> bool:
        """Delete the meeting shown, after asking when its agenda has items."""
        if self.meeting is None or not self.flush():  # typed text refused: it would be lost
            return False
        snapshot = self.desk.meetings.get(self.meeting.id)
        if not confirm_delete(self, snapshot):
            return False
        if self.editor.delete_meeting(snapshot):
            self.status(f"Deleted {snapshot.label}; Edit > Undo brings it back", 10000)
            return True
        return False

    def add_refs(self, refs: Sequence[str], position: int | None = None,
                 plan_id: int | None = None, meeting_id: int | None = None) -> bool:
        """Put action lines / whole sections on the agenda of `meeting_id` (default: the one
        shown), at `position` (default: the end)."""
        target = meeting_id if meeting_id is not None else self.meeting_id
        if target is None:
            self._failed("Make a meeting first (New…), then add action lines to its agenda")
            return False
        self.flush()
        if target != self.meeting_id:
            self.reload(target)
        return self.editor.add_items(target, list(refs), position, plan_id)

    def add_free_item(self) -> bool:
        """Meeting > Add Free-Text Item…: an item of the officer's own, at the place chosen."""
        if self.meeting is None:
            self._failed("Make a meeting first (New…), then add items to its agenda")
            return False
        item = self.current_item()
        chosen = ask_free_title(self, self.meeting.items,
                                item.position if item is not None else None)
        if chosen is None or not self.flush():
            return False
        title, position = chosen
        return self.editor.add_free_item(self.meeting.id, title, position)

    def _add_requested(self, request: AddRequest) -> None:
        self.add_refs(request.refs, request.position, request.plan_id)

    def _move_requested(self, item_id: int, position: int) -> None:
        row = self.agenda_model.row_of(item_id)
        item = self.agenda_model.item_at(row)
        if item is not None:
            self.flush()
            self.editor.move_item(item, position)

    def move_selected(self, delta: int) -> None:
        item = self.current_item()
        if item is None:
            return
        position = item.position + delta
        if 0 <= position < self.agenda_model.rowCount():
            self.flush()
            self.editor.move_item(item, position)

    def remove_selected(self) -> bool:
        """Take the selected item off the agenda, after asking when it has been filled in."""
        item = self.current_item()
        if item is None or not self.flush():  # typed text refused: it would be lost
            return False
        item = self.current_item() or item  # as saved
        if not confirm_remove(self, item):
            return False
        return self.editor.remove_item(item)

    # -- exports ----------------------------------------------------------------------------

    def export_brief(self, suffix: str = "") -> None:
        """One brief (".docx", ".xlsx", asking where), or both (""): Ctrl+E."""
        if self.meeting is None:
            self._failed("Make a meeting first (New…), then export its brief")
            return
        self.flush()
        (self.exporter.export_brief(self.meeting, suffix) if suffix
         else self.exporter.export_briefs(self.meeting))

    def export_matrix(self) -> None:
        self.flush()
        self.exporter.export_matrix(self.plan_id())

    def choose_template(self) -> None:
        self.export_bar.choose_template()
