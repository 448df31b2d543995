"""The plan tree view: keyboard-friendly, remembers which pillars and sections are open, and
re-filters without the quadratic cost Qt has on large trees."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QToolTip,
    QTreeView,
    QWidget,
)

from app.ui.plan.plan_filter import FilterCriteria, PlanFilterProxy
from app.ui.plan.plan_tree_model import ACTION, COL_COVERAGE, COL_STATUS, Node, PlanTreeModel
from app.ui.shell.widgets import FocusRing, show_menu

EXPAND_MATCHES_UP_TO = 2000  # action lines; with more, the sections of matches stay closed

# Adds a row's entries to its context menu (each part of the window registers its own).
MenuProvider = Callable[[Node, QMenu], None]



class PlanTreeDelegate(QStyledItemDelegate):
    """Qt's own delegate, painting from the model's items: every role of every painted cell
    is read in C++ (no call into Python per cell)."""


class PlanTreeView(QTreeView):
    first_painted = Signal()  # the rows are being painted for the first time

    def __init__(self, model: PlanTreeModel, proxy: PlanFilterProxy,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planTree")
        self.setAccessibleName("Plan tree")
        self.setAccessibleDescription("Pillars, sections and action lines with their status "
                                      "and focal-point coverage; the context-menu key or "
                                      "Shift+F10 adds a row to an agenda")
        self.plan_model = model
        self.proxy = proxy
        self.expanded_keys: set[str] = set()  # what the officer opened, outside any filter
        self.menu_providers: list[MenuProvider] = []
        self._tracking = True
        self._painted = False
        self.setModel(proxy)
        self.setItemDelegate(PlanTreeDelegate(self))
        self.focus_ring = FocusRing(self)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAnimated(False)
        self.setAllColumnsShowFocus(True)
        # Ctrl/Shift+click, Shift+arrows: several rows for "Add to Agenda" and "New Meeting
        # from Selection"; the detail pane shows the current row
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setDragEnabled(True)  # action lines and sections onto a meeting's agenda
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        header.resizeSection(COL_STATUS, metrics.horizontalAdvance("Not yet addressed") + 36)
        header.resizeSection(COL_COVERAGE, metrics.horizontalAdvance("Focal points") + 16)
        self.expanded.connect(lambda index: self._expansion_changed(index, True))
        self.collapsed.connect(lambda index: self._expansion_changed(index, False))

    def viewportEvent(self, event: QEvent) -> bool:
        # Watched here rather than by an event filter on viewport(): the first time Python
        # is handed the viewport (a QWidget made by Qt), PySide6 looks for its type among
        # every QWidget subclass, making them all (~8 ms before the first paint).
        kind = event.type()
        if not self._painted and kind == QEvent.Type.Paint:
            self._painted = True
            self.first_painted.emit()
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._tooltip(event)
            return True
        return super().viewportEvent(event)

    def _tooltip(self, event: QHelpEvent) -> None:
        """A cell's tooltip, made when asked (not kept beside every row's text)."""
        index = self.indexAt(event.pos())
        node = self.node_at(index) if index.isValid() else None
        text = self.plan_model.tooltip(node, index.column()) if node is not None else None
        if text:
            QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
        else:
            QToolTip.hideText()

    # -- rows and keys ----------------------------------------------------------------------

    def node_at(self, index: QModelIndex) -> Node | None:
        return self.plan_model.node(self.proxy.mapToSource(index))

    def index_of(self, key: str) -> QModelIndex:
        """The shown row of `key`; invalid when it is unknown or filtered out."""
        return self.proxy.mapFromSource(self.plan_model.index_for_key(key))

    def first_action_index(self) -> QModelIndex:
        index = self.proxy.index(0, 0)
        while index.isValid():
            node = self.node_at(index)
            if node is not None and node.kind == ACTION:
                break
            index = self.indexBelow(index)
        return index

    def show_current(self, key: str) -> None:
        """Make `key`'s row current and selected, or select nothing if it is not shown."""
        index = self.index_of(key)
        selection = self.selectionModel()
        if index.isValid():
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        else:  # filtered out
            selection.clear()

    def selected_nodes(self) -> list[Node]:
        """The selected rows (one entry per row), in the tree's order."""
        rows = self.selectionModel().selectedRows(0)
        nodes = [n for n in map(self.node_at, sorted(rows, key=self._order)) if n is not None]
        return list(dict.fromkeys(nodes))

    def _order(self, index: QModelIndex) -> tuple[int, ...]:
        path: list[int] = []
        while index.isValid():
            path.insert(0, index.row())
            index = index.parent()
        return tuple(path)

    # -- context menu -----------------------------------------------------------------------

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu for a row, from the registered providers; None if it would be empty."""
        node = self.node_at(index)
        if node is None:
            return None
        menu = QMenu(self)
        for provide in self.menu_providers:
            provide(node, menu)
        if menu.isEmpty():
            menu.deleteLater()
            return None
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index, at = self.indexAt(event.pos()), event.globalPos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard:  # the Menu key: current row
            index = self.currentIndex()
            at = self.viewport().mapToGlobal(self.visualRect(index).center())
        menu = self.context_menu(index)
        if menu is not None:
            show_menu(menu, at, event.reason() == QContextMenuEvent.Reason.Keyboard)
            menu.deleteLater()

    # -- expansion --------------------------------------------------------------------------

    def _expansion_changed(self, index: QModelIndex, expanded: bool) -> None:
        node = self.node_at(index) if self._tracking else None
        if node is not None:
            (self.expanded_keys.add if expanded else self.expanded_keys.discard)(node.key)

    def set_expanded_keys(self, keys: set[str] | None) -> None:
        """Open these pillars and sections (None: all of them, the first-run view)."""
        self.expanded_keys = set(self.plan_model.container_keys()) if keys is None else keys
        self.restore_expansion()

    def restore_expansion(self) -> None:
        self._tracking = False
        self.blockSignals(True)
        try:
            if self.expanded_keys >= set(self.plan_model.container_keys()):
                self.expandAll()
                return
            self.collapseAll()
            # a layout pending: each expansion below is only noted, the rows laid out once
            self.scheduleDelayedItemsLayout()
            for key in self.expanded_keys:
                index = self.index_of(key)
                if index.isValid():
                    self.setExpanded(index, True)
        finally:
            self.blockSignals(False)
            self._tracking = True

    def expand_everything(self) -> None:
        self.expandAll()
        if self._tracking:
            self.expanded_keys = set(self.plan_model.container_keys())

    def collapse_everything(self) -> None:
        self.collapseAll()
        if self._tracking:
            self.expanded_keys = set()

    # -- filtering --------------------------------------------------------------------------

    def apply_criteria(self, criteria: FilterCriteria) -> None:
        """Filter, then open what the result needs: every match when they are few enough to
        read, the officer's own expansion when the filter is cleared.

        No setUpdatesEnabled(False/True) around it: nothing is painted before the event loop
        runs again anyway, and switching updates back on repaints every child of the view
        (header, scroll bars) besides the rows that changed."""
        self.blockSignals(True)  # no expanded/collapsed signal per row
        self._tracking = False
        try:
            # Collapsed first: every expanded row is a persistent index that Qt remaps for
            # each range of rows the filter removes (quadratic on a large plan).
            self.collapseAll()
            # Thousands of matches (only the pillars opened below): as a reset of the proxy, no
            # rows kept (and filtered again) under closed sections; it leaves no row current
            # (the browser makes its row current again).
            self.proxy.set_criteria(criteria, reset_above=EXPAND_MATCHES_UP_TO)
            if criteria.active and self.proxy.accepted_count <= EXPAND_MATCHES_UP_TO:
                self.expandAll()
            elif criteria.active:  # thousands of matches: open the pillars only
                self.scheduleDelayedItemsLayout()
                for row in range(self.proxy.rowCount()):
                    self.expand(self.proxy.index(row, 0))
        finally:
            self.blockSignals(False)
        if not criteria.active:
            self.restore_expansion()  # tracking is on again after it
