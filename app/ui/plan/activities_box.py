"""The detail pane's compact list of what was done under the shown action line: its own
activities and its section's (date, kind, title, place), with Add…, Edit… and Remove.

Only widgets: it asks through its signals (app.ui.plan.activities_ui answers them). In the
list, Insert adds, Enter edits and Delete removes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.activities.values import ActivityInfo
from app.ui.shell.elide import ElidedLabel
from app.ui.shell.value_table import Column, ValueTableModel, row_list
from app.ui.shell.widgets import FocusRing, accessible, bold_label, named


def when(info: ActivityInfo) -> str:
    """'5 March 2026', '1–3 November 2026', 'undated' (the one date style: ActivityInfo.when)."""
    return info.when


def details(info: ActivityInfo) -> str:
    f = info.fields
    parts = [f"{info.kind_label}: {f.title}", info.when]
    for label, value in (("Place", f.place), ("Lead", f.lead), ("Programme", f.programme),
                         ("Link", f.link), ("Notes", f.notes)):
        if value:
            parts.append(f"{label}: {value}")
    return "\n".join(parts)


class ActivitiesBox(QWidget):
    add_requested = Signal()
    edit_requested = Signal(object)  # ActivityInfo
    remove_requested = Signal(object)  # ActivityInfo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._action_ref = ""
        self.model = ValueTableModel([
            Column("When", when, details),
            Column("Kind", lambda a: a.kind_label, details),
            Column("Title", lambda a: a.fields.title, details),
            Column("Place", lambda a: a.fields.place, details),
            Column("Under", lambda a: f"section {a.ref}" if a.target.is_section else "",
                   lambda a: f"Under the whole section {a.ref}: it counts for each of its "
                             "lines" if a.target.is_section else None),
        ], self)
        self.list = row_list(self.model, "activitiesList", "Activities",
                             "What was done under this action line and its section; Insert "
                             "adds one, Enter edits, Delete removes")
        self.focus_ring = FocusRing(self.list)
        self.list.setFixedHeight(self.list.fontMetrics().height() * 4 + 30)
        self.list.doubleClicked.connect(lambda _i: self._edit())
        self.list.installEventFilter(self)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty = named(ElidedLabel("No activity recorded yet."), "activitiesEmpty")
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.title = bold_label("Activit&ies", self.list)
        self.add_button = self._button("Add…", "addActivity", "Add an activity (Insert)",
                                       self.add_requested.emit)
        self.edit_button = self._button("Edit…", "editActivity",
                                        "Edit the chosen activity (Enter)", self._edit)
        self.remove_button = self._button("Remove", "removeActivity",
                                          "Remove the chosen activity (Delete); Edit > Undo "
                                          "brings it back", self._remove)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addWidget(self.empty)
        head.addStretch(1)
        for button in (self.add_button, self.edit_button, self.remove_button):
            head.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.list)
        self.set_items((), "")

    def _button(self, text: str, name: str, description: str, slot: object) -> QToolButton:
        button = accessible(named(QToolButton(), name), text.rstrip("…"), description)
        button.setText(text)
        button.setToolTip(description)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _c=False: slot())  # type: ignore[operator]
        return button

    # -- what is shown ----------------------------------------------------------------------

    def set_items(self, items: Sequence[ActivityInfo], action_ref: str) -> None:
        """The activities of the action line `action_ref` (the chosen one kept if there)."""
        chosen = self.selected()
        self._action_ref = action_ref
        self.model.set_values(items)
        n = len(items)
        self.title.setText(f"Activit&ies ({n})" if n else "Activit&ies")
        self.empty.setVisible(not items)
        self.list.setVisible(bool(items))
        self.title.setBuddy(self.list if items else self.add_button)
        row = self.model.row_where(lambda a: chosen is not None and a.id == chosen.id)
        if items:
            self.list.setCurrentIndex(self.model.index(max(row, 0), 0))
        self._update_buttons()

    def selected(self) -> ActivityInfo | None:
        index = self.list.currentIndex()
        value: ActivityInfo | None = self.model.value(index.row()) if index.isValid() else None
        return value

    def select(self, activity_id: int) -> None:
        row = self.model.row_where(lambda a: a.id == activity_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, 0))

    def texts(self) -> list[tuple[str, ...]]:
        """What the list shows, row by row (tests, screen readers)."""
        columns = [self.model.column_texts(c) for c in range(4)]
        return list(zip(*columns, strict=True))

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- requests ---------------------------------------------------------------------------

    def _edit(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.edit_requested.emit(chosen)

    def _remove(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.remove_requested.emit(chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and not event.modifiers():
            key = event.key()
            if key == Qt.Key.Key_Insert:
                self.add_requested.emit()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._edit()
                return True
            if key == Qt.Key.Key_Delete:
                self._remove()
                return True
        return super().eventFilter(watched, event)
