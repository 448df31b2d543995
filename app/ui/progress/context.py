"""What the progress window uses of the progress part (app.ui.progress, `ProgressUi`), so that
it need not import the package that opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.ui.shell.host import Host


class ProgressContext(Protocol):
    host: Host

    def show_lines(self, key: str, status: str | None = None) -> None:
        """A pillar's ("p1"), a section's ("s1.3") or the whole plan's ("") lines in the plan
        tree; with `status`, only those with that status."""
        ...

    def open_report(self) -> object:
        """File > Progress Report…"""
        ...
