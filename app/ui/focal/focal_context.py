"""What the register and coverage windows use of the focal points part (app.ui.focal.focal_ui,
`FocalUi`), so that they need not import it (it opens them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.service import Desk
    from app.ui.focal.focal_commands import FocalEditor
    from app.ui.shell.host import Host
    from app.values import CountryInfo


class FocalContext(Protocol):
    host: Host

    @property
    def desk(self) -> Desk: ...

    @property
    def editor(self) -> FocalEditor:
        """The focal-point edits, as commands on the window's undo stack."""
        ...

    @property
    def delegation(self) -> str:
        """The officer's own delegation's country code ("" if none)."""
        ...

    def countries(self) -> list[CountryInfo]: ...

    def plan_id(self) -> int: ...

    def show_in_plan(self, key: str, plan_id: int) -> None:
        """Select an action line ("a1.3(b)") or a section ("s1.3") in the main window."""
        ...

    def filter_tree_without(self, code: str) -> None:
        """The tree's country filter on `code`, "not covered"."""
        ...
