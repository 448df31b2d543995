"""A meeting's ordered agenda as a Qt table: a thin adapter over `AgendaItemView` values.

No database from `data()`: the panel reads a `MeetingDetail` and hands its items over. Drops
do not change the rows here: dragging an item to another place asks for a move
(`move_requested`), dropping action lines or sections from the plan tree asks for them to be
added (`add_requested`); the panel turns both into undoable commands and reloads the agenda.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.meetings.values import AgendaItemView
from app.ui.shell.plan_refs import REFS_MIME
from app.vocab import status_label

COL_NUMBER, COL_ITEM, COL_PREPARED = range(3)
HEADERS = ("#", "Agenda item", "Prepared")
ITEM_MIME = "application/x-poadesk-agenda-item"  # {"meeting": id, "item": id}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# What an officer fills in before the meeting (the outcome comes after it).
PREPARED_FIELDS = ("objective", "points_to_make", "defensive_points", "background")
_ANY_INDEX = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


@dataclass(frozen=True, slots=True)
class AddRequest:
    refs: tuple[str, ...]
    position: int | None  # None: at the end
    plan_id: int | None


def prepared_count(item: AgendaItemView) -> int:
    return sum(bool(item.field(name).strip()) for name in PREPARED_FIELDS)


def item_line(item: AgendaItemView) -> str:
    """'2.1(c)  Progress made so far and pending issues' (the title the brief gives the item,
    its full text in the tooltip) / 'Section 3.5  Promote ...' (one line); the officer's own
    title when there is one: '2.6(i)  Palm oil: the Joint Working Group'; the plan's short
    name first when the meeting's items come from more than one plan: 'ASEAN-EU 2.1(c)  ...'."""
    if item.is_free:  # "Any other business": its own text
        return item.title
    own = item.own_title.strip()
    if item.is_section:
        return f"{item.with_plan(f'Section {item.ref}')}  {own or item.title}"
    return f"{item.plan_ref}  {item.brief_title}"


class AgendaModel(QAbstractTableModel):
    add_requested = Signal(object)  # AddRequest
    move_requested = Signal(int, int)  # item id, its new 0-based position

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[AgendaItemView, ...] = ()
        self.meeting_id: int | None = None

    # -- the values -------------------------------------------------------------------------

    @property
    def items(self) -> tuple[AgendaItemView, ...]:
        return self._items

    def set_items(self, meeting_id: int | None, items: Sequence[AgendaItemView]) -> None:
        """Show an agenda: row updates when the same items are in the same order, else a
        reset (the views keep their selection by item id, see the panel)."""
        items = tuple(items)
        same = (meeting_id == self.meeting_id
                and [i.id for i in items] == [i.id for i in self._items])
        if same:
            self._items = items
            if items:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(items) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.meeting_id = meeting_id
        self._items = items
        self.endResetModel()

    def item_at(self, row: int) -> AgendaItemView | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: int) -> int:
        return next((r for r, i in enumerate(self._items) if i.id == item_id), -1)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NUMBER:
                return str(index.row() + 1)
            if column == COL_ITEM:
                return item_line(item)
            return f"{prepared_count(item)}/{len(PREPARED_FIELDS)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_ITEM:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return item.id
        return None

    @staticmethod
    def _tooltip(item: AgendaItemView, column: int) -> str:
        if column == COL_PREPARED:
            missing = [name.replace("_", " ") for name in PREPARED_FIELDS
                       if not item.field(name).strip()]
            return "Still to fill in: " + ", ".join(missing) if missing else "All filled in"
        if item.is_free:
            return f"<p><b>{escape(item.title)}</b><br>An item of your own</p>"
        status = ("" if item.is_section or not item.actions
                  else f" [{status_label(item.actions[0].status)}]")
        title = (f"<br><i>{escape(item.own_title.strip())}</i>" if item.own_title.strip()
                 else "")
        text = escape(item.text).replace("\n", "<br>")
        return f"<p><b>{escape(item.heading)}</b>{escape(status)}{title}<br>{text}</p>"

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # between rows and below the last one
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    # -- drag and drop ----------------------------------------------------------------------

    def removeRows(self, row: int, count: int, parent: _ANY_INDEX = _NO_PARENT) -> bool:
        """Never: after a move the view asks to remove the dragged row; the move is done."""
        return False

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME, REFS_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if not rows or self.meeting_id is None:
            return None
        item = self._items[rows[0]]  # one at a time (the view selects one row)
        data = QMimeData()
        data.setData(ITEM_MIME, json.dumps({"meeting": self.meeting_id, "item": item.id})
                     .encode())
        data.setText(item.ref)
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _ANY_INDEX) -> bool:
        return self.meeting_id is not None and (data.hasFormat(ITEM_MIME)
                                                or data.hasFormat(REFS_MIME))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _ANY_INDEX) -> bool:
        """Ask for the move or the addition; `row` is where the drop landed (-1: on a row,
        given by `parent`, or below the last one)."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
        if data.hasFormat(ITEM_MIME):
            payload = _payload(data, ITEM_MIME)
            source = self.row_of(payload.get("item", -1))
            if payload.get("meeting") != self.meeting_id or source < 0:
                return False
            target = row - 1 if row > source else row  # its place once it has left its own
            target = min(max(target, 0), len(self._items) - 1)
            if target != source:
                self.move_requested.emit(self._items[source].id, target)
            return True  # the panel has reloaded the rows; removeRows() refuses to drop any
        payload = _payload(data, REFS_MIME)
        refs = tuple(r for r in payload.get("refs", ()) if isinstance(r, str))
        plan = payload.get("plan")
        if not refs:
            return False
        position = row if row < len(self._items) else None
        self.add_requested.emit(AddRequest(refs, position, plan if isinstance(plan, int)
                                           else None))
        return True


def _payload(data: QMimeData, mime: str) -> dict[str, Any]:
    try:
        value = json.loads(bytes(data.data(mime).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {}
