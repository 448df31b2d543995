"""What a part of the window (focal points, meetings, files, progress, activities) may use of
the rest, and nothing else: the window (app.ui.window) builds one `Host`, by keyword, from a few
named objects, and hands it to each part.

A part never holds the window itself: it asks the session for the Desk, the navigator for the
plan, the frame for the status bar, the saving of typed text and the reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from app.service import Desk
    from app.ui.shell.actions import ActionRegistry
    from app.ui.shell.commands import ChangeHub
    from app.ui.shell.parts import Navigator
    from app.ui.shell.session import DeskSession
    from app.ui.shell.settings import UiSettings


class Frame(Protocol):
    """The window as its parts see it."""

    @property
    def closed(self) -> bool: ...

    def status(self, message: str, ms: int = 0) -> None:
        """A status-bar message for that many ms (0: until the next)."""
        ...

    def show_error(self, message: str) -> None:
        """A one-line error, in the status bar."""
        ...

    def flush(self) -> bool:
        """Save the text being typed anywhere; False if refused."""
        ...

    def report_unsaved(self) -> None:
        """Say that the text typed could not be saved (and stays where it was typed)."""
        ...

    def reload_from_database(self, plan_id: int | None = None) -> None:
        """After an import: show the database (that plan) again everywhere."""
        ...

    def reopen_database(self, work: Callable[[], object]) -> bool:
        """A restore: close the database, run `work` on the closed file, open it again and
        show it everywhere (undo cleared); False if refused (said already)."""
        ...


@dataclass(frozen=True, kw_only=True)
class Host:
    widget: QMainWindow  # the parent of the parts' dialogs and docks
    frame: Frame  # the status bar, saving the typing, reloads
    hub: ChangeHub  # the undo stack, `push`, and the one change signal
    actions: ActionRegistry  # where a part registers its menu actions (Act)
    settings: UiSettings
    session: DeskSession  # the open database (and `desk_changed`)
    navigator: Navigator  # the plan shown, its rows and filters

    def desk(self) -> Desk:
        """The open database (PoaDeskError while it is still opening)."""
        return self.session.desk

    def ready(self) -> bool:
        """The Desk is attached: edits work."""
        return self.session.ready

    def closed(self) -> bool:
        return self.frame.closed

    def plan_id(self) -> int:
        return self.navigator.plan_id()

    def status(self, message: str, ms: int = 0) -> None:
        self.frame.status(message, ms)

    def error(self, message: str) -> None:
        self.frame.show_error(message)

    def show_row(self, key: str, plan_id: int) -> None:
        self.navigator.show_row(key, plan_id)

    def flush(self) -> bool:
        return self.frame.flush()

    def reload(self, plan_id: int | None) -> None:
        self.frame.reload_from_database(plan_id)

    def reopen(self, work: Callable[[], object]) -> bool:
        return self.frame.reopen_database(work)
