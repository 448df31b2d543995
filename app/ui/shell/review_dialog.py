"""The one way to review incoming changes before they land: an updated matrix from a capital
(per action line, each field's value here beside the file's, conflicts marked and unticked), a
focal-point register and a backup to restore or merge (their lines, as one list).

`ReviewDialog` is a `ListDialog` (the heading, the words, the notes under the list, the button
that goes ahead, Cancel, Copy List) whose list part is a `ReviewList`: rows grouped under a
title (an action line), each row what changes, from what (here now) to what (in the file), with
a note (a conflict's value when the file was exported). A row with a `key` has a checkbox; the
keys of the ticked rows are `chosen()`. A row without one is only shown (an all-or-nothing
import).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.widgets import FocusRing, accessible, named

CONFLICT = QColor("#b3261e")
ROW_ROLE = Qt.ItemDataRole.UserRole + 20  # the ReviewRow behind an item


@dataclass(frozen=True)
class ReviewRow:
    """One change: `what` ("status", or a whole line such as "add focal point …"), the value
    here now (`old`) and the file's (`new`), a `note`. With a `key` it can be ticked."""

    what: str
    old: str = ""
    new: str = ""
    note: str = ""
    conflict: bool = False
    key: Hashable | None = None
    checked: bool = True

    def line(self, title: str = "") -> str:
        """The row as one line of text (Copy List, tests, screen readers)."""
        head = f"{title}: {self.what}" if title else self.what
        if self.old or self.new:
            head += f": {one_line(self.old)} → {one_line(self.new)}"
        return f"{head} ({self.note})" if self.note else head


@dataclass(frozen=True)
class ReviewGroup:
    """Rows under a title (an action line: "1.3(b) Combat terrorism…"); "" for rows on their
    own."""

    title: str
    rows: tuple[ReviewRow, ...]


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    if not flat:
        return "(empty)"
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _cut(text: str, limit: int = 400) -> str:
    text = text.strip()
    if not text:
        return "(empty)"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def plain_groups(lines: Sequence[str]) -> list[ReviewGroup]:
    """Lines to show as they are (a register's changes, a backup's contents)."""
    return [ReviewGroup("", tuple(ReviewRow(line) for line in lines))] if lines else []


class ReviewList(QTreeWidget):
    """The list part: grouped rows, with the values side by side when any row has them."""

    HEADERS = ("Change", "Here now", "In the file", "Note")

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accessible(named(self, "reviewList"), name,
                   "Space ticks or unticks the change; a ticked change is made")
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.focus_ring = FocusRing(self)
        self._groups: list[ReviewGroup] = []
        self._items: list[QTreeWidgetItem] = []
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    @property
    def groups(self) -> list[ReviewGroup]:
        return list(self._groups)

    def set_groups(self, groups: Sequence[ReviewGroup]) -> None:
        self.clear()
        self._groups = list(groups)
        self._items = []
        first: QTreeWidgetItem | None = None
        compare = any(r.old or r.new for g in groups for r in g.rows)
        self.setColumnCount(len(self.HEADERS) if compare else 1)
        self.setHeaderLabels(list(self.HEADERS if compare else self.HEADERS[:1]))
        self.setHeaderHidden(not compare)
        self.setUniformRowHeights(compare)  # plain lines wrap, as a ListDialog's do
        self.setWordWrap(not compare)
        grouped = any(g.title for g in groups)
        self.setRootIsDecorated(grouped)
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for group in groups:
            parent: QTreeWidgetItem | None = None
            if group.title:
                parent = QTreeWidgetItem(self, [group.title])
                first = first or parent
                parent.setFirstColumnSpanned(True)
                parent.setFont(0, self._bold)
                parent.setToolTip(0, group.title)
                if any(r.key is not None for r in group.rows):
                    parent.setFlags(parent.flags() | Qt.ItemFlag.ItemIsUserCheckable
                                    | Qt.ItemFlag.ItemIsAutoTristate)
            for row in group.rows:
                values = compare and bool(row.old or row.new or row.note)
                texts = [row.what, one_line(row.old), one_line(row.new), row.note] if values \
                    else [row.what]
                item = QTreeWidgetItem(parent, texts) if parent is not None \
                    else QTreeWidgetItem(self, texts)
                item.setFirstColumnSpanned(compare and not values)  # a line on its own
                item.setData(0, ROW_ROLE, row)
                self._items.append(item)
                item.setToolTip(0, row.line(group.title))
                if values:
                    item.setToolTip(1, row.old or "(empty)")
                    item.setToolTip(2, row.new or "(empty)")
                    item.setToolTip(3, row.note)
                if row.key is not None:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(0, Qt.CheckState.Checked if row.checked
                                       else Qt.CheckState.Unchecked)
                if row.conflict:
                    item.setIcon(0, warn)
                    for column in range(self.columnCount()):
                        item.setForeground(column, QBrush(CONFLICT))
        self.expandAll()
        header = self.header()
        if compare:
            for column in range(self.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            em = self.fontMetrics().horizontalAdvance("n")
            for column, width in enumerate((22, 26, 26)):
                self.setColumnWidth(column, width * em)
            header.setStretchLastSection(True)
        first = first or (self._items[0] if self._items else None)
        if first is not None:
            self.setCurrentItem(first)

    # -- what is ticked ---------------------------------------------------------------------

    def row_items(self) -> list[QTreeWidgetItem]:
        """Every row's item (not the groups' titles), top to bottom."""
        return list(self._items)

    def chosen(self) -> list[Hashable]:
        """The keys of the ticked rows, top to bottom."""
        out = []
        for item in self.row_items():
            row: ReviewRow = item.data(0, ROW_ROLE)
            if row.key is not None and item.checkState(0) == Qt.CheckState.Checked:
                out.append(row.key)
        return out

    def choosable(self) -> int:
        return sum(1 for item in self.row_items() if item.data(0, ROW_ROLE).key is not None)

    def set_checked(self, key: Hashable, checked: bool) -> None:
        for item in self.row_items():
            if item.data(0, ROW_ROLE).key == key:
                item.setCheckState(0, Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)

    def set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self.row_items():
            if item.data(0, ROW_ROLE).key is not None:
                item.setCheckState(0, state)

    def line_texts(self) -> list[str]:
        return [row.line(group.title) for group in self._groups for row in group.rows]


class ReviewDialog(ListDialog):
    def __init__(self, parent: QWidget | None, title: str, heading: str, text: str,
                 groups: Sequence[ReviewGroup], *, ok_text: str | None = None,
                 notes: Sequence[str] = (), lines_title: str = "",
                 cancel_text: str | None = None) -> None:
        """As a ListDialog, with `groups` as the list; when rows can be ticked, Tick All and
        Untick All beside it, and the button that goes ahead only while one is ticked."""
        super().__init__(parent, title, heading, text, (), ok_text=ok_text, notes=notes,
                         lines_title=lines_title, cancel_text=cancel_text)
        self.setObjectName("reviewDialog")
        self.review = ReviewList(lines_title.replace("&", "").rstrip(":") or heading)
        self.review.set_groups(groups)
        self.review.itemChanged.connect(lambda *_: self._update())
        self.review.currentItemChanged.connect(lambda *_: self._show_current())
        self.lines_label.setBuddy(self.review)
        self.detail = named(QLabel(wordWrap=True), "reviewDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        self.count = named(QLabel(), "reviewCount")
        self.tick_all = self._button("&Tick All", "tickAll", True)
        self.untick_all = self._button("&Untick All", "untickAll", False)
        choosable = self.review.choosable() > 0
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.count, 1)
        for button in (self.tick_all, self.untick_all):
            button.setVisible(choosable)
            row.addWidget(button)
        layout = cast(QVBoxLayout, self.layout())
        at = layout.indexOf(self.lines)
        layout.insertWidget(at + 1, self.review, 1)
        layout.insertWidget(at + 2, self.detail)
        layout.insertLayout(at + 3, row)
        self.copy_button.setVisible(bool(groups))
        self.review.setVisible(bool(groups))
        self.count.setVisible(choosable)
        self.detail.setVisible(self.review.columnCount() > 1)
        em, line = self.fontMetrics().horizontalAdvance("n"), self.fontMetrics().height()
        wide = self.review.columnCount() > 1
        rows = len(self.review.row_items()) + sum(1 for g in groups if g.title)
        self.review.setMinimumHeight((min(rows, 16) + 2) * (line + 6))
        self.resize(max(self.width(), (120 if wide else 90) * em),
                    self.sizeHint().height() if groups else self.height())
        self._update()
        self._show_current()

    def _button(self, text: str, name: str, checked: bool) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: self.review.set_all(checked))
        return button

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.review.topLevelItemCount():
            self.review.setFocus()

    def _update(self) -> None:
        total, ticked = self.review.choosable(), len(self.review.chosen())
        if total:
            self.count.setText(f"{ticked} of {total} change{'s' if total != 1 else ''} ticked")
            if self.ok_button is not None:
                self.ok_button.setEnabled(ticked > 0)

    def _show_current(self) -> None:
        item = self.review.currentItem()
        row: ReviewRow | None = item.data(0, ROW_ROLE) if item is not None else None
        if row is None or not (row.old or row.new):
            self.detail.setText("")
            return
        text = f"Here now: {_cut(row.old)}\nIn the file: {_cut(row.new)}"
        self.detail.setText(f"{text}\n{row.note}" if row.note else text)

    def line_texts(self) -> list[str]:
        return self.review.line_texts()

    def chosen(self) -> list[Hashable]:
        return self.review.chosen()
