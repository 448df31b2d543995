"""A table model over a list of frozen values, one row each: the adapter the focal-point
windows share (the register, a person's assignments, the detail pane's list, gap lists).

`data()` only reads the values it was given: no query, no lazy load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

_ANY_INDEX = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
GREY = QColor("#80858c")
VALUE_ROLE = Qt.ItemDataRole.UserRole + 10  # the row's value itself


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    tooltip: Callable[[Any], str | None] | None = None


class ValueTableModel(QAbstractTableModel):
    """Rows of plain values; `dimmed(value)` greys a row out (e.g. an inactive person)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None,
                 dimmed: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._values: list[Any] = []
        self._dimmed = dimmed
        self._italic = QFont()
        self._italic.setItalic(True)

    @property
    def values(self) -> list[Any]:
        return list(self._values)

    def set_values(self, values: Sequence[Any]) -> None:
        self.beginResetModel()
        self._values = list(values)
        self.endResetModel()

    def value(self, row: int) -> Any:
        return self._values[row] if 0 <= row < len(self._values) else None

    def row_where(self, matches: Callable[[Any], bool]) -> int:
        """The first row whose value matches, or -1."""
        return next((row for row, v in enumerate(self._values) if matches(v)), -1)

    def column_texts(self, column: int) -> list[str]:
        """What one column shows, top to bottom (tests and screen readers)."""
        return [self._columns[column].text(v) for v in self._values]

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._values)

    def columnCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._columns)):
            return self._columns[section].header
        return None

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._values)
                                       and 0 <= index.column() < len(self._columns)):
            return None
        value = self._values[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(value) if column.tooltip is not None else None
        dimmed = self._dimmed is not None and self._dimmed(value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return GREY if dimmed else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if dimmed else None
        if role == VALUE_ROLE:
            return value
        return None


def row_list(model: ValueTableModel, object_name: str, name: str,
             description: str = "") -> Any:
    """A flat, single-selection list of `model`'s rows (a QTreeView without branches), named
    for screen readers, columns sized to their text: the one way the window shows a list of
    values (activities, history, backups, deleted meetings...)."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

    from app.ui.shell.widgets import accessible, named

    view = accessible(named(QTreeView(), object_name), name, description)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.header()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view
