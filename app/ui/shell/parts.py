"""What the window's parts offer one another, as the ground floor sees it.

The features (plan, meetings, focal, files, progress) never import one another: the window
(app.ui.window) builds them and hands each what it needs of the others through these
protocols, or wires their signals to one another's slots.

- `Navigator`: the plan browser (app.ui.plan.browser.PlanBrowser): the plan shown, its rows,
  its filters. The focal points, progress and meetings parts show things in the plan through it.
- `FocalBox`: the focal points of the action line shown, in the detail pane; the focal part
  makes it (app.ui.focal.focal_pane) and the window hands the maker to the detail pane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel, QWidget

    from app.values import ActionDetail


class Navigator(Protocol):
    @property
    def filters_changed(self) -> SignalInstance:
        """The plan's filters changed (the officer's, or through this navigator)."""
        ...

    def plan_id(self) -> int:
        """The plan shown."""
        ...

    def show_row(self, key: str, plan_id: int) -> None:
        """Select a row ("a1.3(b)", "s1.3", "p1") of a plan, switching to it, and raise the
        window."""
        ...

    def shown(self) -> tuple[ActionDetail | None, str | None]:
        """What the detail pane shows: the action line, or the section whose summary it is."""
        ...

    def show_lines(self, key: str, status: str | None = None) -> None:
        """The tree filtered to a pillar's ("p1"), a section's ("s1.3") or the whole plan's
        ("") lines, with that status only if given."""
        ...

    def filter_without(self, code: str) -> None:
        """The tree's country filter on `code`, "not covered"."""
        ...

    def set_delegation(self, code: str | None) -> None:
        """The officer's own delegation (None: none), for "Show our gaps"."""
        ...

    def show_our_gaps(self, on: bool) -> None:
        ...

    def gaps(self) -> tuple[str, bool]:
        """The delegation's name for "Show Our Gaps" ("" if none), and whether it is on."""
        ...


class FocalBox(Protocol):
    """What the detail pane needs of the focal-points box it shows."""

    empty_label: QLabel

    def set_detail(self, detail: ActionDetail | None) -> None: ...


FocalBoxMaker = Callable[[], "QWidget"]  # builds the box: a QWidget that is a FocalBox, its
# requests (assign, remove, change a role, show a person) wired to the focal part by its maker
