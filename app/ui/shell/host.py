"""What a part of the window (focal points, meetings, file actions) may use of the main window,
and nothing else: the main window builds one `Host` and hands it to each part.

A part never holds the window itself, so it cannot reach into its members; it asks through
these few objects and callables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from app.service import Desk
    from app.ui.shell.actions import ActionRegistry
    from app.ui.shell.commands import ChangeHub
    from app.ui.shell.settings import UiSettings


@dataclass(frozen=True)
class Host:
    widget: QMainWindow  # the parent of the parts' dialogs and docks
    hub: ChangeHub  # the undo stack, `push`, and the one change signal
    actions: ActionRegistry  # where a part registers its menu actions (Act)
    settings: UiSettings
    desk: Callable[[], Desk]  # the open database (PoaDeskError while it is still opening)
    ready: Callable[[], bool]  # the Desk is attached: edits work
    closed: Callable[[], bool]  # the window has closed
    plan_id: Callable[[], int]  # the plan shown
    status: Callable[[str, int], None]  # a status-bar message for that many ms (0: until the next)
    error: Callable[[str], None]  # a one-line error, in the status bar
    show_row: Callable[[str, int], None]  # select a row ("a1.3(b)", "s1.3") of that plan
    flush: Callable[[], bool]  # save the text being typed anywhere; False if refused
    reload: Callable[[int | None], None]  # after an import: show the database (that plan) again
    # a restore: close the database, run the callable on the closed file, open it again and
    # show it everywhere (undo cleared); False if refused (said already)
    reopen: Callable[[Callable[[], object]], bool]
