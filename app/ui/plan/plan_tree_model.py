"""The plan tree (pillars > sections > action lines) as a Qt item model.

A thin adapter over the core's frozen values (`PlanTree`, `ActionSummary`): plain nodes with
parent pointers and their row, so `parent()` is O(1); no database query from `data()`. An edit
replaces one action's value and emits `dataChanged` for its row and the totals above it.

The model filters itself (`set_filter`): each node keeps the children shown under the filter,
and a new filter is one model reset. The view then lays the rows out once, asking the model
two things per row (`index`, `flags`): no proxy re-mapping every row through Python, no
persistent indexes moved range by range, nothing to collapse first.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.ui.plan.plan_nodes import (
    ACTION,
    PART,
    PLAN,
    ROOT,
    SECTION,
    Node,
    action_key,
    in_plan,
    node_ref,
)
from app.ui.shell.icons import status_icon
from app.ui.shell.plan_refs import REFS_MIME
from app.values import ActionSummary, PartNode, PlanTree, SectionNode
from app.vocab import STATUS_LABELS

__all__ = ["ACTION", "COL_COVERAGE", "COL_STATUS", "COL_TITLE", "HEADERS", "KEY_ROLE", "PART",
           "PLAN", "ROOT", "SECTION", "Node", "PlanTreeModel", "action_key", "in_plan",
           "node_ref"]

COL_TITLE, COL_STATUS, COL_COVERAGE = range(3)
HEADERS = ("Action line", "Status", "Focal points")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # a stable key: "p1", "s1.3", "a1.3(b)"

_GREY = QColor("#80858c")
_ANY_INDEX = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the default parent (an invalid index is a plain value)
_COLUMNS = len(HEADERS)

# Roles as plain ints: `data()` runs for every painted cell, and comparing with the enum members
# (attribute lookups on Python enums) costs more than the rest of the lookup.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_KEY = int(KEY_ROLE)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DRAG_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsDragEnabled  # sections and action lines: onto an agenda
# Action lines are leaves: the view then never asks for their children (through the proxy, that
# is a source index, a rowCount, a columnCount and a mapping per action line it lays out).
_LEAF_FLAGS = _DRAG_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_KIND_FLAGS = {ACTION: _LEAF_FLAGS, SECTION: _DRAG_FLAGS, PART: _FLAGS, PLAN: _FLAGS}


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = Node(ROOT, None, None, 0, "")
        self._trees: tuple[PlanTree, ...] = ()
        self._by_action: dict[int, Node] = {}
        self._by_key: dict[str, Node] = {}
        self._accepted: set[int] | None = None  # the action ids shown; None: all of them
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading and refreshing -------------------------------------------------------------

    @property
    def tree(self) -> PlanTree | None:
        """The plan shown (None when several are)."""
        return self._trees[0] if len(self._trees) == 1 else None

    @property
    def trees(self) -> tuple[PlanTree, ...]:
        return self._trees

    @property
    def several(self) -> bool:
        """True when more than one plan is shown, each under its own top-level row."""
        return len(self._trees) > 1

    def set_tree(self, tree: PlanTree) -> None:
        self.set_trees((tree,))

    def set_trees(self, trees: Sequence[PlanTree]) -> None:
        """Show one plan (its pillars at the top), or several side by side: each plan a
        top-level row with its title, the keys of the rows under it ending in "@<plan id>"."""
        self.beginResetModel()
        self._trees = tuple(trees)
        self._root = Node(ROOT, None, None, 0, "")
        self._by_action = {}
        self._by_key = {}
        several = len(self._trees) > 1
        for tree in self._trees:
            top, at = self._root, ""
            if several:
                top = self._register(self._root.add(PLAN, tree.plan, f"P{tree.plan.id}"))
                at = f"@{tree.plan.id}"
            for part in tree.parts:
                pnode = self._register(top.add(PART, part, f"p{part.number}{at}"))
                for action in part.actions:
                    self._register(pnode.add(ACTION, action, action_key(action) + at))
                for section in part.sections:
                    snode = self._register(pnode.add(SECTION, section, f"s{section.number}{at}"))
                    for action in section.actions:
                        self._register(snode.add(ACTION, action, action_key(action) + at))
                    snode.recount()
                pnode.recount()
            if several:
                top.recount()
        self._root.recount()
        if self._accepted is not None:
            self._accepted &= self._by_action.keys()
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, accepted: set[int] | None) -> None:
        """Show only these action lines, and the pillars and sections that hold them (None:
        everything). One model reset, none when nothing changes."""
        if accepted is None and self._accepted is None:
            return
        self.beginResetModel()
        self._accepted = None if accepted is None else accepted & self._by_action.keys()
        self._apply_filter()
        self.endResetModel()

    @property
    def accepted_count(self) -> int:
        """The action lines shown (all of them without a filter)."""
        return len(self._by_action) if self._accepted is None else len(self._accepted)

    def _apply_filter(self) -> None:
        accepted = self._accepted
        if accepted is None:
            for node in (self._root, *self._by_key.values()):
                node.shown = node.children
                for row, child in enumerate(node.children):
                    child.row = row
            return
        self._root.shown = []
        for node in self._by_key.values():
            node.row = -1
            if node.kind != ACTION:
                node.shown = []
        # in plan order (each node after its parent): a shown line is added to its parent's
        # rows, and so is each pillar or section above it the first time
        for node in self._by_key.values():
            if node.kind != ACTION or node.value.id not in accepted:
                continue
            up = node.parent
            while up is not None:
                node.row = len(up.shown)
                up.shown.append(node)
                if up.row >= 0 or up.parent is None:
                    break
                node, up = up, up.parent

    def _register(self, node: Node) -> Node:
        self._by_key[node.key] = node
        if node.kind == ACTION:
            self._by_action[node.value.id] = node
        return node

    def update_action(self, summary: ActionSummary) -> bool:
        """Show a new value for one action line; False if it is not in this tree."""
        node = self._by_action.get(summary.id)
        if node is None:
            return False
        if node.value == summary:
            return True
        node.value = summary
        node.cells = None
        if node.row >= 0:  # (a row the filter hides has nothing on screen to change)
            self.dataChanged.emit(self._index(node, COL_TITLE), self._index(node, COL_COVERAGE))
        up = node.parent
        while up is not None:
            up.recount()
            if up.kind != ROOT and up.row >= 0:
                self.dataChanged.emit(self._index(up, COL_STATUS), self._index(up, COL_COVERAGE))
            up = up.parent
        return True

    def refresh(self, tree: PlanTree | Sequence[PlanTree]) -> None:
        """Take freshly read trees: row updates when only values changed, else a reset."""
        trees = (tree,) if isinstance(tree, PlanTree) else tuple(tree)
        if self._shape(self._trees) != self._shape(trees):
            self.set_trees(trees)
            return
        self._trees = trees
        for one in trees:
            for action in one.all_actions():
                self.update_action(action)

    @staticmethod
    def _shape(trees: Sequence[PlanTree]) -> list[object]:
        """What decides the rows: the plans, their pillars and sections, their lines."""
        return [(t.plan.id, t.plan.title, [(p.number, [s.number for s in p.sections])
                                           for p in t.parts],
                 [a.id for a in t.all_actions()]) for t in trees]

    # -- lookups ----------------------------------------------------------------------------

    def node(self, index: _ANY_INDEX) -> Node | None:
        if not index.isValid() or index.model() is not self:
            return None
        node: Node = index.internalPointer()
        return node

    def actions(self) -> list[ActionSummary]:
        """Every action line's current value, in plan order."""
        return [node.value for node in self._by_action.values()]

    def action_count(self) -> int:
        return len(self._by_action)

    def progress(self) -> tuple[int, int]:
        """(action lines achieved, being addressed or recurring; all action lines)."""
        return self._root.progress, self._root.total

    def index_for_key(self, key: str, column: int = 0) -> QModelIndex:
        """The row of `key`; invalid when there is none or the filter hides it."""
        node = self._by_key.get(key)
        return self._index(node, column) if node is not None else QModelIndex()

    def index_for_action(self, action_id: int, column: int = 0) -> QModelIndex:
        node = self._by_action.get(action_id)
        return self._index(node, column) if node is not None else QModelIndex()

    def node_for_action(self, action_id: int) -> Node | None:
        return self._by_action.get(action_id)

    def node_for_key(self, key: str) -> Node | None:
        return self._by_key.get(key)

    def nodes(self) -> list[Node]:
        """Every row (shown or not), in plan order."""
        return list(self._by_key.values())

    def plan_of(self, node: Node) -> int | None:
        """The id of the plan a row belongs to (None for the root, or with no plan)."""
        if not self.several:
            return self._trees[0].plan.id if self._trees else None
        while node.parent is not None and node.kind != PLAN:
            node = node.parent
        return node.value.id if node.kind == PLAN else None

    def root_children(self) -> list[Node]:
        return self._root.children

    def container_keys(self) -> list[str]:
        return [key for key, n in self._by_key.items() if n.kind != ACTION]

    def _index(self, node: Node, column: int) -> QModelIndex:
        if node.row < 0:  # hidden by the filter
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    # -- QAbstractItemModel -----------------------------------------------------------------

    def _parent_node(self, parent: _ANY_INDEX) -> Node:
        return parent.internalPointer() if parent.isValid() else self._root

    def index(self, row: int, column: int, parent: _ANY_INDEX = _NO_PARENT) -> QModelIndex:
        # Runs for every row laid out and every painted cell: kept short.
        if parent.isValid():
            if parent.column():
                return QModelIndex()
            children = parent.internalPointer().shown
        else:
            children = self._root.shown
        if 0 <= row < len(children) and 0 <= column < _COLUMNS:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: _ANY_INDEX) -> QModelIndex:  # type: ignore[override]
        # Runs for every painted row and each level above it (the branch lines).
        node = index.internalPointer()  # (None for an invalid index)
        up = node.parent if node is not None else None
        if up is None or up.parent is None:  # the root has no parent
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        if parent.column() > 0:
            return 0
        return len(self._parent_node(parent).shown)

    def hasChildren(self, parent: _ANY_INDEX = _NO_PARENT) -> bool:
        # one call where Qt's own asks rowCount and columnCount
        if not parent.isValid():
            return bool(self._root.shown)
        return not parent.column() and bool(parent.internalPointer().shown)

    def columnCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return len(HEADERS)

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        # Runs two or three times for every row laid out or painted: one call into Qt.
        node = index.internalPointer()  # (None for an invalid index)
        return _NO_FLAGS if node is None else _KIND_FLAGS[node.kind]

    # -- dragging action lines and sections out (to a meeting's agenda) ---------------------

    def mimeTypes(self) -> list[str]:
        return [REFS_MIME, "text/plain"]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:  # type: ignore[override]
        refs: list[str] = []
        plan: int | None = None
        for index in indexes:
            node = self.node(index)
            ref = node_ref(node) if node is not None else None
            if node is None or ref is None:
                continue
            if plan is None:
                plan = self.plan_of(node)
            if ref not in refs and self.plan_of(node) == plan:  # one plan's references
                refs.append(ref)
        if not refs or plan is None:
            return None
        import json  # (here, not at the top: start-up does not need it)

        data = QMimeData()
        data.setData(REFS_MIME, json.dumps({"plan": plan, "refs": refs}).encode())
        data.setText(", ".join(refs))
        return data

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _ANY_INDEX, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        role = int(role)
        if role == _TOOLTIP:
            return self._tooltip(node, index.column())
        if role == _KEY:
            return node.key
        return self.cell(node, index.column()).get(role)

    def cell(self, node: Node, column: int) -> dict[int, Any]:
        """A cell's display text, icon, font, colour and alignment, by role (what a delegate
        paints; not the tooltip, asked for on hover only). Built once per node and kept until
        its value or its totals change."""
        cells = node.cells if node.cells is not None else self._cells(node)
        return cells[column]

    def _cells(self, node: Node) -> list[dict[int, Any]]:
        cells: list[dict[int, Any]] = []
        for column in range(_COLUMNS):
            cell: dict[int, Any] = {_DISPLAY: self._display(node, column)}
            if column == COL_STATUS and node.kind == ACTION:
                cell[_DECORATION] = status_icon(node.value.status)
            if node.kind in (PART, PLAN) and column == COL_TITLE:
                cell[_FONT] = self._bold
            if node.kind == ACTION:  # grey: "no focal point"; the totals of pillars and sections
                grey = column == COL_COVERAGE and not node.value.coverage
            else:
                grey = column != COL_TITLE
            if grey:
                cell[_FOREGROUND] = _GREY
            if column == COL_COVERAGE:
                cell[_ALIGNMENT] = _CENTER
            cells.append(cell)
        node.cells = cells
        return cells

    @staticmethod
    def _display(node: Node, column: int) -> str:
        value = node.value
        if column == COL_TITLE:
            if node.kind == ACTION:
                return f"{value.ref}  {value.text[:120]}"
            if node.kind == SECTION:
                return f"{value.number}  {value.title}"
            if node.kind == PLAN:
                return str(value.title)
            return f"{value.number}. {value.display_title}"
        if column == COL_STATUS:
            if node.kind == ACTION:
                return str(STATUS_LABELS.get(value.status, value.status))
            return f"{node.progress}/{node.total}"
        if node.kind == ACTION:
            return str(value.coverage) if value.coverage else "–"
        return f"{node.covered}/{node.total}"

    @staticmethod
    def _tooltip(node: Node, column: int) -> str | None:
        value = node.value
        if node.kind == ACTION:
            if column == COL_TITLE:
                extra = "<br><i>Has notes</i>" if value.has_notes else ""
                tags = f"<br>Tags: {escape(', '.join(value.tags))}" if value.tags else ""
                return f"<p><b>{escape(value.ref)}</b> {escape(value.text)}{extra}{tags}</p>"
            if column == COL_COVERAGE:
                if not value.countries:
                    return "No focal point assigned"
                return "Focal points in: " + ", ".join(value.countries)
            return str(STATUS_LABELS.get(value.status, value.status))
        if column == COL_STATUS:
            return (f"{node.progress} of {node.total} action lines achieved or being addressed")
        if column == COL_COVERAGE:
            return f"{node.covered} of {node.total} action lines have a focal point"
        if isinstance(value, SectionNode | PartNode):
            return f"{node.total} action lines"
        if node.kind == PLAN:
            return f"{escape(value.title)}: {node.total} action lines"
        return None
