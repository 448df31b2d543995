"""The right-hand pane: the selected action line (or a section's / pillar's summary).

Status, private mark and tags are saved when chosen; notes and lines to take are saved as you
type, after a short pause (the debounce). `flush()` saves a pending edit at once: the window
calls it before the selection moves, before undo/redo and on close. Every save is a command on
the undo stack (see undo_commands), so nothing here writes to the database directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.status import STATUS_CODES, STATUS_LABELS
from app.ui.debounce import Debounce
from app.ui.focal_pane import FocalPointsBox
from app.ui.icons import status_icon
from app.ui.plan_tree_model import Node
from app.ui.section_summary import SectionSummary
from app.ui.text_marks import match_spans
from app.ui.undo_commands import ActionEditor
from app.ui.verbatim_view import HIGHLIGHT, VerbatimView
from app.ui.widgets import WindowUndoKeys, bold_label, named
from app.values import ActionDetail

if TYPE_CHECKING:
    from app.glossary import Acronym

TEXT_FIELDS = ("notes", "lines_to_take")


def parse_tags(text: str) -> list[str]:
    return sorted({t.strip() for t in text.split(",") if t.strip()}, key=str.casefold)


def _tagset(tags: Sequence[str]) -> set[str]:
    return set(tags)


class DetailPane(QWidget):
    pending_changed = Signal()  # a typed edit is waiting for the pause, or has been saved
    action_activated = Signal(int)  # from a summary's list
    key_activated = Signal(str)

    def __init__(self, editor: ActionEditor, save_delay_ms: int = 600,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo_keys = WindowUndoKeys(self)
        self._editor = editor
        self._detail: ActionDetail | None = None
        self._glossary: list[Acronym] = []
        self._words: tuple[str, ...] = ()
        self._loading = False
        self._shown: dict[str, str] = {}  # what each editor was last loaded with
        self._sent: dict[str, str] = {}  # what this pane last saved from it
        self._debounce = Debounce(self, save_delay_ms, self.flush)  # typed, not saved yet

        self.stack = QStackedWidget()
        self.empty = QLabel("Select an action line, a section or a pillar in the plan.",
                            alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.summary = SectionSummary()
        self.summary.action_activated.connect(self.action_activated)
        self.summary.key_activated.connect(self.key_activated)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_action_page())
        self.stack.addWidget(self.summary)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _build_action_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        self.breadcrumb = named(QLabel(wordWrap=True), "breadcrumb")
        self.breadcrumb.setStyleSheet("color: palette(placeholder-text);")
        self.breadcrumb.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ref_label = named(QLabel(), "ref")
        font = self.ref_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.ref_label.setFont(font)
        self.ref_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_combo = named(QComboBox(), "status")
        for code in STATUS_CODES:
            self.status_combo.addItem(status_icon(code), STATUS_LABELS[code], code)
        self.status_combo.activated.connect(self._status_chosen)
        self.changed_label = named(QLabel(), "lastChanged")
        self.changed_label.setStyleSheet("color: palette(placeholder-text);")
        header = QHBoxLayout()
        header.addWidget(self.ref_label)
        header.addStretch(1)
        header.addWidget(bold_label("&Status", self.status_combo))
        header.addWidget(self.status_combo)
        layout.addWidget(self.breadcrumb)
        layout.addLayout(header)

        self.text_view = VerbatimView()
        self.text_view.setObjectName("verbatim")
        layout.addWidget(self.text_view)

        self.notes_edit = self._text_editor("notes", "Your notes on this action line: saved as "
                                            "you type.")
        self.private_box = named(QCheckBox("&Private (kept out of exports)"), "private")
        self.private_box.clicked.connect(self._private_clicked)
        self.save_state = named(QLabel(), "saveState")
        self.save_state.setStyleSheet("color: palette(placeholder-text);")
        notes_head = QHBoxLayout()
        notes_head.addWidget(bold_label("&Notes", self.notes_edit))
        notes_head.addSpacing(12)
        notes_head.addWidget(self.private_box)
        notes_head.addStretch(1)
        notes_head.addWidget(self.save_state)
        layout.addLayout(notes_head)
        layout.addWidget(self.notes_edit, 3)

        self.lines_edit = self._text_editor("lines_to_take", "The standing position on this "
                                            "action line, reused in briefs.")
        layout.addWidget(bold_label("&Lines to take", self.lines_edit))
        layout.addWidget(self.lines_edit, 2)

        self.tags_edit = named(QLineEdit(clearButtonEnabled=True), "tags")
        self.tags_edit.setPlaceholderText("Comma-separated, e.g. SOM 2026, trade")
        self.tags_edit.editingFinished.connect(self._save_tags)
        self.tags_edit.installEventFilter(self._undo_keys)
        tags_row = QHBoxLayout()
        tags_row.addWidget(bold_label("&Tags", self.tags_edit))
        tags_row.addWidget(self.tags_edit, 1)
        layout.addLayout(tags_row)

        self.focal_box = named(FocalPointsBox(), "focalBox")  # its signals: app.ui.focal_menu
        self.focal_label = self.focal_box.empty_label  # "No focal point assigned yet."
        layout.addWidget(self.focal_box, 1)
        layout.addWidget(self.changed_label)
        return page

    def _text_editor(self, field: str, placeholder: str) -> QPlainTextEdit:
        edit = named(QPlainTextEdit(), field)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setUndoRedoEnabled(False)  # one undo history: the window's (Ctrl+Z goes there)
        edit.textChanged.connect(self._typed)
        edit.installEventFilter(self._undo_keys)
        return edit

    # -- what is shown ----------------------------------------------------------------------

    @property
    def detail(self) -> ActionDetail | None:
        return self._detail if self.stack.currentIndex() == 1 else None

    def set_glossary(self, entries: Sequence[Acronym]) -> None:
        self._glossary = list(entries)
        self.text_view.forget()

    def set_search_words(self, words: tuple[str, ...]) -> None:
        if words == self._words:
            return
        self._words = words
        if self.detail is not None:
            self.text_view.show_text(self.detail.text, self._glossary, words)
            self._mark_editors()

    def show_nothing(self) -> None:
        self.flush()
        self._detail = None
        self.stack.setCurrentIndex(0)

    def show_node(self, node: Node) -> None:
        self.flush()
        self._detail = None
        self.summary.show_node(node)
        self.stack.setCurrentIndex(2)

    def show_action(self, detail: ActionDetail) -> None:
        """Show another action line (a pending edit of the previous one is saved first)."""
        if self._detail is not None and self._detail.id != detail.id:
            self.flush()
        self._detail = detail
        self._shown, self._sent = {}, {}
        self._loading = True
        try:
            self.breadcrumb.setText(detail.breadcrumb)
            self.ref_label.setText(detail.ref)
            self.text_view.show_text(detail.text, self._glossary, self._words)
            for field, edit in self._editors():
                edit.setPlainText(getattr(detail, field))
                self._shown[field] = getattr(detail, field)
            self.tags_edit.setText(", ".join(detail.tags))
            self._shown["tags"] = self.tags_edit.text()
            self._show_values(detail)
        finally:
            self._loading = False
        self._mark_editors()
        self._set_save_state("")
        self.stack.setCurrentIndex(1)

    def refresh_action(self, detail: ActionDetail) -> None:
        """The shown action line changed in the database (an edit, undo or redo)."""
        if self._detail is None or self._detail.id != detail.id:
            return
        self._detail = detail
        self._loading = True
        try:
            for field, edit in self._editors():
                text, new = edit.toPlainText(), getattr(detail, field)
                clean = text in (self._shown.get(field), self._sent.get(field))
                if clean and text != new:  # not being typed in: show the database's value
                    position = edit.textCursor().position()
                    edit.setPlainText(new)
                    cursor = edit.textCursor()
                    cursor.setPosition(min(position, len(new)))
                    edit.setTextCursor(cursor)
                if clean:
                    self._shown[field] = new
            typed = _tagset(parse_tags(self.tags_edit.text()))
            if typed in (_tagset(parse_tags(self._shown.get("tags", ""))), _tagset(detail.tags)):
                self.tags_edit.setText(", ".join(detail.tags))
                self._shown["tags"] = self.tags_edit.text()
            self._show_values(detail)
        finally:
            self._loading = False
        self._mark_editors()

    def refresh_node(self, node: Node) -> None:
        if self.stack.currentIndex() == 2:
            self.summary.show_node(node)

    def _show_values(self, detail: ActionDetail) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(detail.status)))
        self.private_box.setChecked(detail.notes_private)
        self.focal_box.set_detail(detail)
        if detail.updated_at is None:
            self.changed_label.setText("Not changed since the plan was loaded")
        else:
            local = detail.updated_at.replace(tzinfo=UTC).astimezone()
            self.changed_label.setText(f"Last changed {local:%d %b %Y, %H:%M}")

    def _editors(self) -> list[tuple[str, QPlainTextEdit]]:
        return [("notes", self.notes_edit), ("lines_to_take", self.lines_edit)]

    def _mark_editors(self) -> None:
        for _field, edit in self._editors():
            spans = match_spans(edit.toPlainText(), self._words)
            if not spans and not edit.extraSelections():
                continue
            selections = []
            for start, end in spans:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(edit.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format.setBackground(HIGHLIGHT)
                selection.format.setForeground(QColor("#000000"))
                selections.append(selection)
            edit.setExtraSelections(selections)

    # -- edits ------------------------------------------------------------------------------

    @property
    def has_pending(self) -> bool:
        return self._debounce.pending

    def pending_field(self) -> str | None:
        """The field typed in and not saved yet ("notes" or "lines_to_take")."""
        if self._detail is None or not self.has_pending:
            return None
        for field, edit in self._editors():
            if edit.toPlainText() != getattr(self._detail, field):
                return field
        return None

    def _typed(self) -> None:
        if self._loading or self._detail is None:
            return
        self._debounce.poke()
        self._set_save_state("Editing…")
        self._mark_editors()
        self.pending_changed.emit()

    def flush(self) -> bool:
        """Save what was typed and not yet saved; False if the database refused it."""
        was_pending = self._debounce.take()
        d = self._detail
        if d is None:
            return True
        ok = True
        values = {field: edit.toPlainText() for field, edit in self._editors()}
        for field, value in values.items():
            current = getattr(self._detail, field) if self._detail else value
            if value != current:
                before = self._sent.get(field)
                self._sent[field] = value  # refresh_action, during the push, compares with it
                if not self._editor.edit(d.id, d.ref, field, current, value):
                    ok = False  # refused: not the database's text, keep it on screen
                    if before is None:
                        self._sent.pop(field)
                    else:
                        self._sent[field] = before
        ok = self._save_tags() and ok
        if was_pending:
            self._set_save_state("Saved" if ok else "Not saved")
            self.pending_changed.emit()
        return ok

    def _save_tags(self) -> bool:
        d = self._detail
        if d is None or self._loading:
            return True
        wanted = parse_tags(self.tags_edit.text())
        if _tagset(wanted) == _tagset(d.tags):
            return True
        return self._editor.edit(d.id, d.ref, "tags", list(d.tags), wanted)

    def _status_chosen(self, index: int) -> None:
        code = self.status_combo.itemData(index)
        if self._detail is not None and code != self._detail.status:
            self.flush()
            d = self._detail
            self._editor.edit(d.id, d.ref, "status", d.status, code)

    def set_status(self, code: str) -> None:
        """Choose a status from the keyboard (Edit > Status)."""
        index = self.status_combo.findData(code)
        if index >= 0:
            self._status_chosen(index)

    def _private_clicked(self, checked: bool) -> None:
        if self._detail is not None and checked != self._detail.notes_private:
            self.flush()
            d = self._detail
            self._editor.edit(d.id, d.ref, "notes_private", d.notes_private, checked)

    def _set_save_state(self, text: str) -> None:
        self.save_state.setText(text)


