"""The detail pane's page for one action line: reference, status, verbatim text, notes, lines to
take, tags and focal points.

Only widgets: the pane (app.ui.plan.detail_pane) fills them and connects their signals. It builds
this page when an action line is first shown (or a part of it first asked for), not at start-up:
the first paint shows the plan tree and a pillar's or section's summary, and this page, its
editors and the focal-points list are a good part of the window's widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.plan.activities_box import ActivitiesBox
from app.ui.plan.history_view import HistoryBox
from app.ui.plan.text_marks import match_spans
from app.ui.plan.verbatim_view import HIGHLIGHT, VerbatimView
from app.ui.shell.elide import ElidingCombo
from app.ui.shell.icons import status_icon
from app.ui.shell.parts import FocalBox, FocalBoxMaker
from app.ui.shell.widgets import accessible, bold_label, named
from app.vocab import STATUS_CODES, STATUS_LABELS


class _NoFocalBox(QLabel):
    """Where the focal points go when no focal part made the box (a pane on its own)."""

    def __init__(self) -> None:
        super().__init__()
        self.empty_label = self

    def set_detail(self, _detail: object) -> None:
        pass


class ActionPage(QWidget):
    def __init__(self, undo_keys: QObject, focal_box: FocalBoxMaker | None = None,
                 parent: QWidget | None = None) -> None:
        """`undo_keys`: the event filter sending the text fields' Ctrl+Z to the window;
        `focal_box` makes the focal points box (app.ui.shell.parts.FocalBox)."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
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
        self.status_combo = accessible(named(ElidingCombo(6), "status"), "Status",
                                       "Ctrl+1 to Ctrl+5 set it from anywhere")
        for code in STATUS_CODES:
            self.status_combo.addItem(status_icon(code), STATUS_LABELS[code], code)
        self.changed_label = named(QLabel(), "lastChanged")
        self.changed_label.setStyleSheet("color: palette(placeholder-text);")
        self.changed_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)  # never widens the pane
        self.changed_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                        | Qt.AlignmentFlag.AlignVCenter)
        header = QHBoxLayout()
        header.addWidget(self.ref_label)
        header.addStretch(1)
        header.addWidget(bold_label("&Status", self.status_combo))
        header.addWidget(self.status_combo)
        layout.addWidget(self.breadcrumb)
        layout.addLayout(header)

        self.text_view = VerbatimView()
        self.text_view.setObjectName("verbatim")
        self.text_view.setAccessibleName("Verbatim text of the action line")
        self.text_view.setAccessibleDescription("As in the plan; acronyms are explained on "
                                                "hover")
        layout.addWidget(self.text_view)

        self.notes_edit = _text_editor("notes", "Your notes on this action line: saved as you "
                                       "type.", undo_keys)
        self.private_box = named(QCheckBox("&Private (kept out of exports)"), "private")
        self.private_box.setAccessibleDescription("A private note is left out of every export "
                                                  "and shows as (private note) in the history")
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

        self.lines_edit = _text_editor("lines_to_take", "The standing position on this action "
                                       "line, reused in briefs.", undo_keys)
        layout.addWidget(bold_label("&Lines to take", self.lines_edit))
        layout.addWidget(self.lines_edit, 2)

        self.tags_edit = accessible(named(QLineEdit(clearButtonEnabled=True), "tags"), "Tags",
                                    "Comma-separated; saved when you leave the field")
        self.tags_edit.setPlaceholderText("Comma-separated, e.g. SOM 2026, trade")
        self.tags_edit.installEventFilter(undo_keys)
        tags_row = QHBoxLayout()
        tags_row.addWidget(bold_label("&Tags", self.tags_edit))
        tags_row.addWidget(self.tags_edit, 1)
        layout.addLayout(tags_row)

        # its requests go to the focal part that made it
        self.focal_box = named(focal_box() if focal_box else _NoFocalBox(), "focalBox")
        # "No focal point assigned yet."
        self.focal_label = cast(FocalBox, self.focal_box).empty_label
        layout.addWidget(self.focal_box, 1)
        self.activities_box = named(ActivitiesBox(), "activitiesBox")  # see activities_ui
        layout.addWidget(self.activities_box)
        self.history_box = named(HistoryBox(), "historyBox")
        self.history_box.head.addWidget(self.changed_label)
        layout.addWidget(self.history_box)

    def mark_matches(self, words: Sequence[str]) -> None:
        """Highlight the search's words in the notes and lines to take."""
        for edit in (self.notes_edit, self.lines_edit):
            spans = match_spans(edit.toPlainText(), words)
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


def _text_editor(field: str, placeholder: str, undo_keys: QObject) -> QPlainTextEdit:
    edit = accessible(named(QPlainTextEdit(), field), field.replace("_", " ").capitalize(),
                      placeholder)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setUndoRedoEnabled(False)  # one undo history: the window's (Ctrl+Z goes there)
    edit.installEventFilter(undo_keys)
    return edit
