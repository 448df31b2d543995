"""Filtering the plan tree: search matches, status, country coverage and tag.

The criteria are turned into a set of accepted action ids (and the sections and pillars that
hold them) once per keystroke; `filterAcceptsRow` is then a list lookup, one call per row Qt
filters (laying out and painting the rows that pass stays in Qt). Pillars and sections of a
match stay visible, as with `setRecursiveFilteringEnabled(True)`, without Qt asking every child
of every non-matching section again. With thousands of matches the window filters as a reset
(`set_criteria(reset_above=...)`): Qt then filters only the rows of the parents a view opens, a
closed pillar or section telling whether it has rows from the accepted set (`hasChildren`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from app.ui.plan.plan_tree_model import ACTION, KEY_ROLE, PlanTreeModel
from app.values import ActionSummary

_KEY = int(KEY_ROLE)
_ROOT = QModelIndex()
ANY_COUNTRY = "*"  # `country` value meaning: a focal point from any country


@dataclass(frozen=True)
class FilterCriteria:
    """What the officer asked to see. None means "no condition"."""

    matching_ids: frozenset[int] | None = None  # from Desk.search_ids, when a search is typed
    status: str | None = None
    country: str | None = None  # a country code, or ANY_COUNTRY
    with_focal_point: bool = True  # with / without a focal point from `country`
    tag: str | None = None

    @property
    def active(self) -> bool:
        return (self.matching_ids is not None or self.status is not None
                or self.country is not None or self.tag is not None)

    def accepts(self, action: ActionSummary) -> bool:
        if self.matching_ids is not None and action.id not in self.matching_ids:
            return False
        if self.status is not None and action.status != self.status:
            return False
        if self.tag is not None and self.tag not in action.tags:
            return False
        if self.country is not None:
            has = bool(action.countries) if self.country == ANY_COUNTRY else (
                self.country in action.countries)
            if has != self.with_focal_point:
                return False
        return True


class PlanFilterProxy(QSortFilterProxyModel):
    def __init__(self, source: PlanTreeModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._criteria = FilterCriteria()
        self._accepted: set[int] | None = None  # action ids; None: everything
        self._containers: set[str] = set()  # keys of pillars/sections holding an accepted line
        self._settled = True  # the rows Qt shows are those of the criteria
        self.setDynamicSortFilter(False)  # re-filtered explicitly, once per change
        # Qt asks for the rows of one parent in a row: they are decided together, once, and
        # each call is then a list lookup (one Python call per row is what a filter costs)
        self._parent_id: tuple[int, int] | None = None
        self._parent_accepts: list[bool] = []
        self.setSourceModel(source)

    @property
    def criteria(self) -> FilterCriteria:
        return self._criteria

    @property
    def accepted_count(self) -> int:
        """Action lines shown (all of them when no filter is set)."""
        if self._accepted is None:
            return self._source.action_count()
        return len(self._accepted)

    def set_criteria(self, criteria: FilterCriteria, *, reset_above: int | None = None) -> None:
        """Filter by `criteria`. `reset_above`: when a filter is set and it accepts more lines
        than that, as a model reset: the rows Qt keeps for each parent dropped (a view then asks
        only for the rows it shows: with a search matching thousands of lines and only the
        pillars open, the pillars' rows, not every line's), no row-by-row removal and insertion
        signalled; the view loses its expansion, selection and current row (the tree's
        `apply_criteria` sets them again)."""
        self._parent_id = None  # (the rows may have been rebuilt since)
        self._settled = False  # (hasChildren asks Qt's own rows until the change is done)
        accepted, containers = self._decide(criteria)
        if reset_above is not None and accepted is not None and len(accepted) > reset_above:
            self.beginResetModel()
            try:
                self._criteria, self._accepted, self._containers = criteria, accepted, containers
                self._settled = True  # (no rows kept: the view asks again after the reset)
            finally:
                self.endResetModel()
        elif hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._criteria, self._accepted, self._containers = criteria, accepted, containers
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._criteria, self._accepted, self._containers = criteria, accepted, containers
            self.invalidateRowsFilter()
        self._settled = True

    def refilter(self) -> None:
        """Apply the same criteria to changed values (after an edit)."""
        self.set_criteria(self._criteria)

    def _decide(self, criteria: FilterCriteria) -> tuple[set[int] | None, set[str]]:
        """(The action ids accepted, None for all; the keys of the pillars and sections
        holding them.)"""
        source = self._source
        if not criteria.active:
            return None, set()
        by_action = source.action_nodes()
        if criteria == FilterCriteria(criteria.matching_ids):  # a search alone: set algebra
            accepted = by_action.keys() & (criteria.matching_ids or frozenset())
        else:
            accepts = criteria.accepts
            accepted = {a.id for a in source.actions() if accepts(a)}
        containers: set[str] = set()
        for action_id in accepted:
            up = by_action[action_id].parent
            while up is not None and up.key and up.key not in containers:
                containers.add(up.key)
                up = up.parent
        return accepted, containers

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._accepted is None:
            return True
        # (a parent is column 0 of its row: its parent's item and its row tell it apart)
        at = (source_parent.internalId(), source_parent.row())
        if at != self._parent_id:
            parent = self._source.node(source_parent) if source_parent.isValid() else None
            children = (parent.children if parent is not None
                        else self._source.root_children())
            accepted, containers = self._accepted, self._containers
            self._parent_accepts = [node.value.id in accepted if node.kind == ACTION
                                    else node.key in containers for node in children]
            self._parent_id = at
        return self._parent_accepts[source_row]

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        # While a filter is set, a pillar or section is shown only when it holds a line shown:
        # answered from that, without filtering its rows (a view asks this of every row it lays
        # out, sections left closed included).
        if (self._accepted is None or not self._settled or not parent.isValid()
                or parent.column() != 0):
            return super().hasChildren(parent)
        return parent.data(_KEY) in self._containers
