"""The plan tree (pillars > sections > action lines) as a Qt item model.

A thin adapter over the core's frozen values (`PlanTree`, `ActionSummary`): a plain node per row
(app/ui/plan/plan_nodes.py, for lookups by key and action id, the totals, what the pane shows)
and the row's cells held in Qt's own `QStandardItemModel`, built once per plan shown. Laying out
and painting the rows then never calls into Python: no `index`, `parent`, `flags` or `data` per
row laid out or cell painted. An edit replaces one action's value, rewrites its row's cells and
the totals above it, and emits one `dataChanged` for each of those rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

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

_ANY_INDEX = QModelIndex | QPersistentModelIndex
_COLUMNS = len(HEADERS)
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DRAG_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsDragEnabled  # sections and action lines: onto an agenda
# Action lines are leaves: the view then never asks for their children.
_LEAF_FLAGS = _DRAG_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
_KIND_FLAGS = {ACTION: _LEAF_FLAGS, SECTION: _DRAG_FLAGS, PART: _FLAGS, PLAN: _FLAGS}
_CENTER = Qt.AlignmentFlag.AlignCenter
_KEY = int(KEY_ROLE)
_FONT_ROLE = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_ICON_ROLE = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
_CENTER_INT = int(_CENTER.value)
_FLAGS_ROLE = int(Qt.ItemDataRole.UserRole) - 1  # where a QStandardItem keeps its flags
_KIND_FLAG_INTS = {kind: flags.value for kind, flags in _KIND_FLAGS.items()}


class PlanTreeModel(QStandardItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, _COLUMNS, parent)
        self.setHorizontalHeaderLabels(list(HEADERS))
        self._root = Node(ROOT, None, None, 0, "")
        self._trees: tuple[PlanTree, ...] = ()
        self._by_action: dict[int, Node] = {}
        self._by_key: dict[str, Node] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._grey = QBrush(QColor("#80858c"))

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
        top-level row with its title, the keys of the rows under it ending in "@<plan id>".
        One model reset."""
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
        # The rows' items, built detached (no signal per row), handed over in one reset.
        for node in self._by_key.values():  # (in plan order: each after its parent)
            node.items = self._make_items(node)
            if node.parent is not None and node.parent.kind != ROOT:
                node.parent.items[0].appendRow(node.items)
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.removeRows(0, self.rowCount())
            root = self.invisibleRootItem()
            for top in self._root.children:
                root.appendRow(top.items)
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def _register(self, node: Node) -> Node:
        self._by_key[node.key] = node
        if node.kind == ACTION:
            self._by_action[node.value.id] = node
        return node

    def _make_items(self, node: Node) -> list[QStandardItem]:
        # (roles and flags as plain ints: converting an enum costs more than the call; Qt
        # keeps an item's flags in the role UserRole - 1, which is what setFlags sets)
        flags = _KIND_FLAG_INTS[node.kind]
        items = []
        for column in range(_COLUMNS):
            item = QStandardItem(self._display(node, column))
            item.setData(flags, _FLAGS_ROLE)
            item.setData(node.key, _KEY)
            items.append(item)
        if node.kind in (PART, PLAN):
            items[COL_TITLE].setData(self._bold, _FONT_ROLE)
        items[COL_COVERAGE].setData(_CENTER_INT, _ALIGNMENT_ROLE)
        if node.kind == ACTION:
            items[COL_STATUS].setData(status_icon(node.value.status), _ICON_ROLE)
            if not node.value.coverage:  # grey: "no focal point"
                items[COL_COVERAGE].setData(self._grey, _FOREGROUND_ROLE)
        else:  # the totals of plans, pillars and sections
            items[COL_STATUS].setData(self._grey, _FOREGROUND_ROLE)
            items[COL_COVERAGE].setData(self._grey, _FOREGROUND_ROLE)
        return items

    def _refill(self, node: Node) -> None:
        """A row's cells after its value or its totals changed (signals blocked by the caller:
        one `dataChanged` per row follows)."""
        items = node.items
        if node.kind == ACTION:
            items[COL_TITLE].setText(self._display(node, COL_TITLE))
            items[COL_STATUS].setIcon(status_icon(node.value.status))
            if node.value.coverage:
                items[COL_COVERAGE].setData(None, _FOREGROUND)
            else:
                items[COL_COVERAGE].setForeground(self._grey)
        items[COL_STATUS].setText(self._display(node, COL_STATUS))
        items[COL_COVERAGE].setText(self._display(node, COL_COVERAGE))

    def update_action(self, summary: ActionSummary) -> bool:
        """Show a new value for one action line; False if it is not in this tree."""
        node = self._by_action.get(summary.id)
        if node is None:
            return False
        if node.value == summary:
            return True
        node.value = summary
        above: list[Node] = []
        self.blockSignals(True)
        try:
            self._refill(node)
            up = node.parent
            while up is not None:
                up.recount()
                if up.kind != ROOT:
                    self._refill(up)
                    above.append(up)
                up = up.parent
        finally:
            self.blockSignals(False)
        self.dataChanged.emit(self._index(node, COL_TITLE), self._index(node, COL_COVERAGE))
        for up in above:
            self.dataChanged.emit(self._index(up, COL_STATUS), self._index(up, COL_COVERAGE))
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
        return self._by_key.get(index.data(KEY_ROLE))

    def actions(self) -> list[ActionSummary]:
        """Every action line's current value, in plan order."""
        return [node.value for node in self._by_action.values()]

    def action_count(self) -> int:
        return len(self._by_action)

    def progress(self) -> tuple[int, int]:
        """(action lines achieved, being addressed or recurring; all action lines)."""
        return self._root.progress, self._root.total

    def index_for_key(self, key: str, column: int = 0) -> QModelIndex:
        node = self._by_key.get(key)
        return self._index(node, column) if node is not None else QModelIndex()

    def index_for_action(self, action_id: int, column: int = 0) -> QModelIndex:
        node = self._by_action.get(action_id)
        return self._index(node, column) if node is not None else QModelIndex()

    def node_for_action(self, action_id: int) -> Node | None:
        return self._by_action.get(action_id)

    def action_nodes(self) -> Mapping[int, Node]:
        """Every action line's row by action id (read only: the model's own mapping)."""
        return self._by_action

    def node_for_key(self, key: str) -> Node | None:
        return self._by_key.get(key)

    def nodes(self) -> list[Node]:
        """Every row, in plan order."""
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

    @staticmethod
    def _index(node: Node, column: int) -> QModelIndex:
        index: QModelIndex = node.items[column].index()
        return index

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
            return str(value.heading)
        if column == COL_STATUS:
            if node.kind == ACTION:
                return str(STATUS_LABELS.get(value.status, value.status))
            return f"{node.progress}/{node.total}"
        if node.kind == ACTION:
            return str(value.coverage) if value.coverage else "–"
        return f"{node.covered}/{node.total}"

    @staticmethod
    def tooltip(node: Node, column: int) -> str | None:
        """A cell's tooltip (the view asks on hover; not kept in the items)."""
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
