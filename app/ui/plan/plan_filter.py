"""Filtering the plan tree: search matches, status, country coverage and tag.

The criteria are turned into a set of accepted action ids once per keystroke; the model then
shows those lines and the sections and pillars that hold them (`PlanTreeModel.set_filter`: one
model reset, the view lays the rows out once). The proxy in front of the model passes its rows
through as they are (QIdentityProxyModel: its mapping is Qt's own, no Python per row) and holds
the criteria.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QIdentityProxyModel

from app.ui.plan.plan_tree_model import PlanTreeModel
from app.values import ActionSummary

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


class PlanFilterProxy(QIdentityProxyModel):
    def __init__(self, source: PlanTreeModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._criteria = FilterCriteria()
        self.setSourceModel(source)

    @property
    def criteria(self) -> FilterCriteria:
        return self._criteria

    @property
    def accepted_count(self) -> int:
        """Action lines shown (all of them when no filter is set)."""
        return self._source.accepted_count

    def set_criteria(self, criteria: FilterCriteria) -> None:
        self._criteria = criteria
        self._source.set_filter(self._accepted(criteria))

    def refilter(self) -> None:
        """Apply the same criteria to changed values (after an edit)."""
        self.set_criteria(self._criteria)

    def _accepted(self, criteria: FilterCriteria) -> set[int] | None:
        if not criteria.active:
            return None
        if criteria == FilterCriteria(criteria.matching_ids):  # a search alone: set algebra
            return set(criteria.matching_ids or ())
        accepts = criteria.accepts
        return {a.id for a in self._source.actions() if accepts(a)}
