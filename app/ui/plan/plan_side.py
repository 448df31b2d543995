"""The window's left side: the filter bar over the plan tree, with the tree's Qt model and its
filter proxy, the match count and the progress figure (shown in the status bar).

It knows nothing of the database: the window gives it the plan tree, and the search's matches
when it asks for the filter criteria.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.plan.filter_bar import FilterBar
from app.ui.plan.plan_filter import FilterCriteria, PlanFilterProxy
from app.ui.plan.plan_tree_model import PlanTreeModel
from app.ui.plan.plan_tree_view import PlanTreeView
from app.ui.shell.texts import share_text
from app.ui.shell.widgets import accessible, named


class PlanSide(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlanTreeModel(self)
        self.proxy = PlanFilterProxy(self.model, self)
        self.filters = FilterBar()
        self.filters.leave_down.connect(self.go_to_first_match)
        self.tree = PlanTreeView(self.model, self.proxy)
        # the row a search in the plan's notation names ('3.5': the section), if any
        self.named_key: Callable[[str], str | None] = lambda _text: None
        self.progress_label = named(QLabel(), "progress")
        # a search or filters that find nothing: said, with the way back (not an empty tree)
        self.empty_state = named(QWidget(), "noMatch")
        self.empty_label = named(QLabel(), "noMatchText")
        self.empty_label.setWordWrap(True)
        self.empty_clear = accessible(named(QPushButton(), "noMatchClear"), "Clear",
                                      "Show every action line again")
        self.empty_clear.clicked.connect(self._clear_from_empty)
        row = QHBoxLayout(self.empty_state)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.empty_label, 1)
        row.addWidget(self.empty_clear)
        self.empty_state.hide()
        # 'x' and 'xyz' both find nothing (the filter stays as it is): the words follow
        self.filters.changed.connect(
            lambda: self._update_empty() if self.empty_state.isVisibleTo(self) else None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filters)
        layout.addWidget(self.empty_state)
        layout.addWidget(self.tree, 1)

    def criteria(self, search: Callable[[str], frozenset[int]]) -> FilterCriteria:
        """What the filter bar asks for; `search(text)`: the ids of the matching lines."""
        f = self.filters
        ids = search(f.text) if f.text.strip() else None
        return FilterCriteria(ids, f.status_code, f.country_code, f.with_focal_point, f.tag_name)

    def clear_filters(self) -> None:
        self.filters.search.clear()
        self.filters.clear()

    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def go_to_first_match(self) -> None:
        """Enter in the search box: the row the search names (a section found by '3.5' is
        the section, not its first line), else the first matching line."""
        key = self.named_key(self.filters.text)
        index = self.tree.index_of(key) if key else self.tree.first_action_index()
        if not index.isValid():
            index = self.tree.first_action_index()
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_from_empty(self) -> None:
        self.clear_filters()
        self.filters.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_empty(self) -> None:
        """"No action line matches 'xyz'." and a Clear button while nothing is shown."""
        f = self.filters
        text = " ".join(f.text.split())
        filtered = any(v is not None for v in (f.status_code, f.country_code, f.tag_name))
        empty = (self.proxy.accepted_count == 0 and self.model.action_count() > 0
                 and bool(text or filtered))
        if empty:
            quoted = f"\u2018{text}\u2019" if text else ""
            self.empty_label.setText(
                f"No action line matches {quoted} with the filters." if text and filtered
                else f"No action line matches {quoted}." if text
                else "No action line matches the filters.")
            what = " and ".join(w for w, on in (("Search", bool(text)), ("Filters", filtered))
                                if on)
            self.empty_clear.setText(f"Clear the {what}")
            self.empty_clear.setAccessibleName(f"Clear the {what.lower()}")
        self.empty_state.setVisible(empty)

    def update_counts(self) -> None:
        self._update_empty()
        self.filters.show_count(self.proxy.accepted_count, self.model.action_count())
        done, total = self.model.progress()
        self.progress_label.setText(f"{share_text(done, total)} of action lines achieved or "
                                    "being addressed")
        self.progress_label.setToolTip(f"{done} of {total} action lines achieved, being "
                                       "addressed or recurring")
