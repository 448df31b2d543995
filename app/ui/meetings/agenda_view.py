"""The agenda list: one row per item, reordered by dragging, fed by drops from the plan tree.

The view only moves rows on screen through its model's requests (see agenda_model); the item
actions it is given (move up / down, remove) are its context menu and keyboard shortcuts.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.ui.meetings.agenda_model import COL_ITEM, AgendaModel
from app.ui.shell.widgets import FocusRing, show_menu, tool_button


def with_buttons(view: QWidget, buttons: Sequence[tuple[QAction, str]], hint: str) -> QWidget:
    """The agenda with a row of buttons (action, object name) and a greyed hint under it."""
    row = QHBoxLayout()
    for action, name in buttons:
        row.addWidget(tool_button(action, name))
    row.addStretch(1)
    label = QLabel(hint)
    label.setStyleSheet("color: palette(placeholder-text);")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    row.addWidget(label)
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view, 1)
    layout.addLayout(row)
    return box


class AgendaView(QTreeView):
    def __init__(self, model: AgendaModel, item_actions: Sequence[QAction],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda")
        self.setAccessibleName("Agenda")
        self.setAccessibleDescription("The meeting's items in order: Alt+Up and Alt+Down move "
                                      "one, Delete removes it, Enter goes to its fields")
        self.agenda_model = model
        self.item_actions = list(item_actions)
        self.setModel(model)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        for action in self.item_actions:
            self.addAction(action)  # their shortcuts work where the agenda has the focus
        self.focus_ring = FocusRing(self)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        index = self.currentIndex() if keyboard else self.indexAt(event.pos())
        if not index.isValid():
            return
        at = (self.viewport().mapToGlobal(self.visualRect(index).center()) if keyboard
              else event.globalPos())
        menu = QMenu(self)
        menu.addActions(self.item_actions)
        show_menu(menu, at, keyboard)
        menu.deleteLater()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, 0))  # the focus shows on a row
