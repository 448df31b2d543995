"""The history of the action line shown in the detail pane (`Desk.history(action_id)`): a
compact list under a "History" toggle, newest first: when, who, what changed, from and to.
A private note's change shows as "(private note changed)", never its text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.history_words import change_words, subject
from app.ui.shell.texts import when
from app.ui.shell.value_table import Column, ValueTableModel, row_list
from app.ui.shell.widgets import FocusRing, accessible, named
from app.values import HistoryItem


def short(text: str, limit: int = 70) -> str:
    one = " ".join(text.split())
    if not one:
        return "(empty)"
    return one if len(one) <= limit else one[:limit - 1] + "…"


def what(item: HistoryItem) -> str:
    """"Status", "Activity 3.5: Haze dialogue: Place", "Focal point ... : Added" (app.history_words,
    the same words as `poadesk history`)."""
    field, _, _ = change_words(item)
    text = field if item.kind == "action_line" else f"{subject(item)}: {field}"
    return text if item.operation in ("", "edit") else f"{text} ({item.operation})"


def change(item: HistoryItem) -> str:
    field, old, new = change_words(item)
    if item.field in ("created", "deleted", "restored") or (item.private and not old + new):
        return ""
    return f"{short(old)} → {short(new)}"


def full_change(item: HistoryItem) -> str:
    _, old, new = change_words(item)
    return f"Before:\n{old or '(empty)'}\n\nAfter:\n{new or '(empty)'}"


class HistoryBox(QWidget):
    """A toggle ("History (12)") and, when open, the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = accessible(named(QToolButton(), "historyToggle"), "History",
                                 "Show or hide what changed on this action line, when and by "
                                 "whom")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._toggled)
        self.model = ValueTableModel([
            Column("When", lambda h: when(h.at)),
            Column("Who", lambda h: h.who or "?"),
            Column("What", what),
            Column("Change", change, full_change),
        ], self)
        self.list = row_list(self.model, "historyList", "History of this action line")
        self.focus_ring = FocusRing(self.list)
        self.list.setFixedHeight(self.list.fontMetrics().height() * 6 + 30)
        self.list.hide()
        head = self.head = QHBoxLayout()  # the page adds "Last changed …" at its end
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.toggle)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.list)
        self.set_items(())

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def _toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.list.setVisible(on)

    def set_items(self, items: Sequence[HistoryItem]) -> None:
        self.model.set_values(items)
        n = len(items)
        self.toggle.setText(f"History ({n} change{'s' if n != 1 else ''})" if n
                            else "History (no change recorded)")

    def texts(self) -> list[tuple[str, str, str, str]]:
        """What the list shows, row by row (tests, screen readers)."""
        columns = [self.model.column_texts(c) for c in range(4)]
        return list(zip(*columns, strict=True))
