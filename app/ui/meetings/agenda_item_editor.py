"""The selected agenda item: its title, its verbatim text and the officer's five fields (and,
for a whole section, the lines its brief quotes: quoted_lines).

The title (the officer's own; empty: the short default shown as the placeholder; a free-text
item's text, never empty), objective, points to make, defensive points, background and
outcome are plain text saved as you type, after a pause (the shared `Debounce`, as the notes
in the detail pane). `flush()` saves a pending edit at once: the panel calls it before the item
changes, before undo/redo and on close. Every save is a command on the window's undo stack
(see meeting_commands).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.meetings.values import FIELD_LABELS, ITEM_FIELDS, AgendaItemView
from app.ui.meetings.meeting_commands import MeetingEditor, item_key
from app.ui.meetings.quoted_lines import QuotedLines
from app.ui.shell.debounce import Debounce
from app.ui.shell.widgets import (
    EndOfSession,
    WindowUndoKeys,
    bold_label,
    named,
    replace_text,
)
from app.vocab import status_label

PLACEHOLDERS = {
    "objective": "What the delegation wants from this item.",
    "points_to_make": "The lines to take at the meeting, one per line.",
    "defensive_points": "If raised: answers to awkward questions, one per line.",
    "background": "What the head of delegation needs to know.",
    "outcome": "After the meeting: what was agreed. It becomes the background next time.",
}
# Alt+letters that no other part of the main window uses (the menu bar, the detail pane).
LABELS = {"objective": "O&bjective", "points_to_make": "Points to ma&ke",
          "defensive_points": "&Defensive points", "background": "Back&ground",
          "outcome": "O&utcome"}
TITLE_HELP = ("The item's title in the brief. Empty: a short one made from the action text "
              "(shown greyed). A free-text item's title is its text.")
STRETCH = {"objective": 2, "points_to_make": 3, "defensive_points": 2, "background": 2,
           "outcome": 2}


class AgendaItemEditor(QWidget):
    pending_changed = Signal()

    def __init__(self, editor: MeetingEditor, save_delay_ms: int = 600,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_keys = WindowUndoKeys(self)
        self._editor = editor
        self._view: AgendaItemView | None = None
        self._offered = ""
        self._loading = False
        self._flushing = False
        self._shown: dict[str, str] = {}  # what each field was last loaded with
        self._debounce = Debounce(self, save_delay_ms, self.flush)
        self._session_end = EndOfSession(self, self._end_session)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(3)
        self.heading = named(QLabel(wordWrap=True), "itemHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.save_state = named(QLabel(), "itemSaveState")
        self.save_state.setStyleSheet("color: palette(placeholder-text);")
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.verbatim = named(QPlainTextEdit(readOnly=True), "itemVerbatim")
        self.verbatim.setAccessibleName("Verbatim text of the agenda item")
        self.verbatim.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        self.verbatim.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.verbatim.setStyleSheet("background: transparent;")
        self.verbatim.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.verbatim)

        self.title_edit = named(QLineEdit(maxLength=300), "item_title")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setAccessibleDescription(TITLE_HELP)
        self.title_edit.setToolTip(TITLE_HELP)
        self.title_edit.textChanged.connect(self._typed)
        self.title_edit.installEventFilter(self._undo_keys)
        self.title_edit.installEventFilter(self._session_end)
        title_row = QHBoxLayout()
        title_row.addWidget(bold_label("Title fo&r the brief", self.title_edit))
        title_row.addWidget(self.title_edit, 1)
        layout.addLayout(title_row)
        self.quoted = QuotedLines()
        self.quoted.chosen.connect(self.choose_quoted)
        layout.addWidget(self.quoted, 2)

        self.edits: dict[str, QPlainTextEdit] = {}
        self.offer_button = named(QPushButton("Add last meeting's outcome"), "offerBackground")
        self.offer_button.setToolTip("Append the outcome recorded for this item at the most "
                                     "recent earlier meeting")
        self.offer_button.clicked.connect(self.take_offered_background)
        for field in ITEM_FIELDS:
            edit = named(QPlainTextEdit(), f"item_{field}")
            edit.setPlaceholderText(PLACEHOLDERS[field])
            edit.setTabChangesFocus(True)
            edit.setUndoRedoEnabled(False)  # one undo history: the window's
            edit.textChanged.connect(self._typed)
            edit.installEventFilter(self._undo_keys)
            edit.installEventFilter(self._session_end)
            edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 12)
            self.edits[field] = edit
            row = QHBoxLayout()
            row.addWidget(bold_label(LABELS.get(field, f"&{FIELD_LABELS[field]}"), edit))
            edit.setAccessibleName(FIELD_LABELS[field])
            edit.setAccessibleDescription(PLACEHOLDERS[field])
            row.addStretch(1)
            if field == "background":
                row.addWidget(self.offer_button)
            layout.addLayout(row)
            layout.addWidget(edit, STRETCH[field])
        self.show_item(None)

    # -- what is shown ----------------------------------------------------------------------

    @property
    def view(self) -> AgendaItemView | None:
        return self._view

    def show_item(self, view: AgendaItemView | None, offered: str = "") -> None:
        """Show another item (a pending edit of the one shown is saved first). `offered`:
        the last meeting's outcome for it (`desk.meetings.offered_background`)."""
        if self._view is not None and (view is None or item_key(view) != item_key(self._view)
                                       or view.meeting_id != self._view.meeting_id):
            self.flush()
        self._view = view
        self._offered = offered
        self._shown = {}
        self._loading = True
        try:
            for field, edit in self.edits.items():
                value = view.field(field) if view is not None else ""
                edit.setPlainText(value)
                edit.setEnabled(view is not None)
                self._shown[field] = value
            title = view.field("title") if view is not None else ""
            self.title_edit.setText(title)
            self.title_edit.setEnabled(view is not None)
            self._shown["title"] = title
            self._show_header(view)
        finally:
            self._loading = False
        self._update_offer()
        self.save_state.setText("")

    def refresh_item(self, view: AgendaItemView, origin: object = None) -> None:
        """The shown item changed in the database (an edit, undo or redo): show the new
        values, except in a field being typed in. `origin` (from the change hub): the command
        that made it; this editor's own save of a field is not "being typed"."""
        if self._view is None or item_key(view) != item_key(self._view):
            return
        self._view = view
        self._loading = True
        try:
            for field, edit in self.edits.items():
                text, new = edit.toPlainText(), view.field(field)
                clean = text in (self._shown.get(field),
                                 self._editor.saved_by(origin, view, field))
                if clean and text != new:
                    replace_text(edit, new)
                if clean:
                    self._shown[field] = new
            text, new = self.title_edit.text(), view.field("title")
            if text in (self._shown.get("title"), self._editor.saved_by(origin, view, "title")):
                if text != new:
                    position = self.title_edit.cursorPosition()
                    self.title_edit.setText(new)
                    self.title_edit.setCursorPosition(min(position, len(new)))
                self._shown["title"] = new
            self._show_header(view)
        finally:
            self._loading = False
        self._update_offer()

    def _show_header(self, view: AgendaItemView | None) -> None:
        self.quoted.show_item(view)
        if view is None:
            self.heading.setText("Select an agenda item, or add one from the plan tree "
                                 "(right-click, or drag it here).")
            self.verbatim.setPlainText("")
            self.verbatim.setVisible(False)
            self.title_edit.setPlaceholderText("")
            return
        status = (f"  ·  {status_label(view.actions[0].status)}"
                  if not view.is_section and view.actions else "")  # not for a free item
        self.heading.setText(f"Item {view.position + 1}: {view.heading}{status}")
        self.title_edit.setPlaceholderText(
            "A free-text item needs a title" if view.is_free else view.default_title)
        # a whole section's lines are in the list of lines to quote
        self.verbatim.setPlainText("" if view.is_section else view.text)
        self.verbatim.setVisible(bool(view.text) and not view.is_section)

    def _update_offer(self) -> None:
        background = self.edits["background"].toPlainText()
        self.offer_button.setVisible(bool(self._offered) and self._offered not in background)

    def take_offered_background(self) -> None:
        """Append the last meeting's outcome to the background (saved like typing)."""
        edit = self.edits["background"]
        text = edit.toPlainText().rstrip()
        if not self._offered or self._offered in text:
            return
        edit.setPlainText(f"{text}\n\n{self._offered}" if text else self._offered)
        self.flush()

    # -- saving -----------------------------------------------------------------------------

    def _end_session(self) -> None:
        """The focus left a field: its typing is one undo step, the next one another."""
        if self.flush():
            self._editor.hub.seal()

    @property
    def has_pending(self) -> bool:
        return self._debounce.pending

    @property
    def flushing(self) -> bool:
        """True while this editor's own saves run (the panel then leaves it alone)."""
        return self._flushing

    def pending_field(self) -> str | None:
        if self._view is None or not self.has_pending:
            return None
        return next((f for f, text in self._values().items()
                     if text != self._view.field(f)), None)

    def _values(self) -> dict[str, str]:
        """What each field shows now, the title first."""
        return {"title": self.title_edit.text(),
                **{field: edit.toPlainText() for field, edit in self.edits.items()}}

    def choose_quoted(self, value: str) -> bool:
        """Quote these lines of the whole section (one undo step, after any typing)."""
        view = self._view
        if view is None or not self.flush():
            return False
        view = self._view or view
        ok = self._editor.edit_item_field(view, "quoted_lines", view.quoted_lines, value)
        self._editor.hub.seal()
        if not ok and self._view is not None:
            self.quoted.show_item(self._view)  # refused: the ticks as saved
        return ok

    def _typed(self) -> None:
        if self._loading or self._view is None:
            return
        self._debounce.poke()
        self.save_state.setText("Editing…")
        self._update_offer()
        self.pending_changed.emit()

    def flush(self) -> bool:
        """Save what was typed and not yet saved; False if the database refused it."""
        was_pending = self._debounce.take()
        view = self._view
        if view is None or self._flushing:
            return True
        ok = True
        values = self._values()
        if view.is_free and not values["title"].strip():
            del values["title"]  # kept on screen, not saved: a free-text item needs one
        self._flushing = True
        try:
            for field, value in values.items():
                current = view.field(field)
                if value != current and not self._editor.edit_item_field(view, field, current,
                                                                         value):
                    ok = False  # refused: not the database's text, keep it on screen
        finally:
            self._flushing = False
        if was_pending:
            self.save_state.setText("Saved" if ok else "Not saved")
            self.pending_changed.emit()
        return ok

