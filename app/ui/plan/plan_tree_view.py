"""The plan tree view: keyboard-friendly, remembers which pillars and sections are open, and
re-filters without the quadratic cost Qt has on large trees."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from app.ui.plan.plan_filter import FilterCriteria, PlanFilterProxy
from app.ui.plan.plan_tree_model import ACTION, COL_COVERAGE, COL_STATUS, Node, PlanTreeModel
from app.ui.shell.widgets import FocusRing, show_menu

EXPAND_MATCHES_UP_TO = 2000  # action lines; with more, the sections of matches stay closed

# Adds a row's entries to its context menu (each part of the window registers its own).
MenuProvider = Callable[[Node, QMenu], None]

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_HAS_DECORATION = QStyleOptionViewItem.ViewItemFeature.HasDecoration
# (plain ints: tested against a state's value without making enums)
_ENABLED, _SELECTED = QStyle.StateFlag.State_Enabled.value, QStyle.StateFlag.State_Selected.value
_OPEN = QStyle.StateFlag.State_Open.value
_ALIGNMENTS = {int(Qt.AlignmentFlag.AlignCenter): Qt.AlignmentFlag.AlignCenter}
_TEXT = QPalette.ColorRole.Text


class PlanTreeDelegate(QStyledItemDelegate):
    """Paints the tree's cells as QStyledItemDelegate does, from the model's cached cell (one
    call into Python per painted cell; the base class asks for seven roles, each through the
    filter proxy: a source `index()` and a `data()` call per role, some 2,000 calls a paint)."""

    def __init__(self, view: PlanTreeView) -> None:
        super().__init__(view)
        self._proxy = view.proxy
        self._model = view.plan_model

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        source = self._proxy.mapToSource(index)
        if not source.isValid():
            super().initStyleOption(option, index)
            return
        cell = self._model.cell(source.internalPointer(), source.column())
        option.index = index  # type: ignore[assignment]  # (the view passes a QModelIndex)
        font = cell.get(_FONT)
        if font is not None:
            option.font = font.resolve(option.font)
            option.fontMetrics = QFontMetrics(option.font)
        alignment = cell.get(_ALIGNMENT)
        if alignment is not None:  # (an enum made once per value: making one costs ~3 µs)
            option.displayAlignment = _ALIGNMENTS.get(alignment) or Qt.AlignmentFlag(alignment)
        color = cell.get(_FOREGROUND)
        if color is not None:
            palette = option.palette
            palette.setColor(_TEXT, color)  # (not a QBrush: its first use costs ~1 ms)
            option.palette = palette
        icon: QIcon | None = cell.get(_DECORATION)
        text = cell.get(_DISPLAY)
        # the features read and written once (each read makes a Python enum)
        features = option.features
        if icon is not None and not icon.isNull():
            features |= _HAS_DECORATION
            option.icon = icon
            state = option.state.value
            mode = (QIcon.Mode.Disabled if not state & _ENABLED else
                    QIcon.Mode.Selected if state & _SELECTED else QIcon.Mode.Normal)
            size = option.decorationSize
            actual = icon.actualSize(size, mode, QIcon.State.On if state & _OPEN
                                     else QIcon.State.Off)
            # as Qt does: a high-DPI icon's actual size may be larger than the decoration size
            option.decorationSize = QSize(min(size.width(), actual.width()),
                                          min(size.height(), actual.height()))
        if text is not None:
            features |= _HAS_DISPLAY
            option.text = text.replace("\n", "\u2028")  # as displayText() does
        option.features = features
        option.styleObject = None  # type: ignore[assignment]  # no style animations (as Qt)


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
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.first_painted.emit()
        return super().viewportEvent(event)

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
            # a model reset: nothing stays expanded, nothing for Qt to remap row by row
            self.proxy.set_criteria(criteria)
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
