"""A small window listing values in a table with a few buttons beside it (File > Backups…,
Meeting > Deleted Meetings…). Opened with `open()` (window-modal, no nested event loop), so
tests drive it directly; the steps it takes ask through app.ui.shell.dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell.value_table import Column, ValueTableModel, row_list
from app.ui.shell.widgets import FocusRing, named


class TableDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, intro: str,
                 columns: Sequence[Column], list_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — POA Desk")
        self.setSizeGripEnabled(True)
        self.intro = named(QLabel(intro, wordWrap=True), "intro")
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ValueTableModel(columns, self)
        self.list = row_list(self.model, "list", list_name)
        self.focus_ring = FocusRing(self.list)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 10)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = named(QLabel(wordWrap=True), "empty")
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def add_button(self, text: str, description: str, slot: Any) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setToolTip(description)
        button.setAccessibleDescription(description)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def set_values(self, values: Sequence[Any], empty_text: str) -> None:
        chosen = self.selected()
        self.model.set_values(values)
        self.empty.setText(empty_text if not values else "")
        self.empty.setVisible(not values)
        row = self.model.row_where(lambda v: v == chosen) if chosen is not None else -1
        if values:
            self.list.setCurrentIndex(self.model.index(max(row, 0), 0))
        self._update_buttons()

    def selected(self) -> Any:
        index = self.list.currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        """Enable what needs a selected row (subclasses)."""
