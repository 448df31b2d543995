"""The plan tree's rows as plain Python: a node per plan, pillar, section and action line, with
its parent, its children and the totals under it. `PlanTreeModel` presents them (each node holds
its row's Qt items), the detail pane and the browser read them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.values import ActionSummary
from app.vocab import PROGRESS_STATUSES

PLAN, PART, SECTION, ACTION, ROOT = "plan", "part", "section", "action", "root"


class Node:
    """One row: a plan (when several are shown), a part, a section or an action line, with
    the totals of what is under it."""

    __slots__ = ("kind", "value", "parent", "row", "children", "key", "counts", "covered",
                 "items")

    def __init__(self, kind: str, value: Any, parent: Node | None, row: int, key: str) -> None:
        self.kind = kind
        self.value = value  # PlanInfo | PartNode | SectionNode | ActionSummary | None (root)
        self.parent = parent
        self.row = row
        self.children: list[Node] = []
        self.key = key
        self.counts: Counter[str] = Counter()  # status code -> action lines under this node
        self.covered = 0  # action lines under this node with at least one focal point
        self.items: list[Any] = []  # its row's QStandardItems, one per column (the model's)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def progress(self) -> int:
        return sum(n for code, n in self.counts.items() if code in PROGRESS_STATUSES)

    def add(self, kind: str, value: Any, key: str) -> Node:
        child = Node(kind, value, self, len(self.children), key)
        self.children.append(child)
        return child

    def recount(self) -> None:
        self.counts = Counter()
        self.covered = 0
        for child in self.children:
            if child.kind == ACTION:
                self.counts[child.value.status] += 1
                self.covered += child.value.coverage > 0
            else:
                self.counts.update(child.counts)
                self.covered += child.covered


def action_key(summary: ActionSummary) -> str:
    return f"a{summary.ref}"


def in_plan(key: str, plan_id: int) -> str:
    """A row's key in a tree showing several plans: "a1.3(b)@2" (its plan's node: "P2")."""
    return f"{key}@{plan_id}"



def node_ref(node: Node) -> str | None:
    """What an agenda takes for a row: '1.3(b)', or '3.5' for a whole section."""
    if node.kind == ACTION:
        return str(node.value.ref)
    return str(node.value.number) if node.kind == SECTION else None
