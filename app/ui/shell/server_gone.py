"""A team database that goes away while the window is open (the network lost, the server
restarted): one clear line, nothing typed lost, and a Retry.

A save refused because the server cannot be reached (app.errors.ServerUnreachable, known by the
driver's codes, never by its text) keeps the typed text where it was typed (the editors never drop
refused text) and puts it on the clipboard too, as a stale edit does; then it asks once, with
Retry (app.ui.shell.dialogs.offer_retry), which saves the typing again (`flush`). Cancel: until
a change goes through again, further refusals go to the status bar only, never another dialog.
The change watcher's poll failing the same way is said once in the status bar, and once more
when the database answers again (`watch`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from app.errors import ServerUnreachable
from app.ui.shell import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.ui.shell.commands import ChangeHub
    from app.ui.shell.watcher import ChangeWatcher
    from app.values import Change

TITLE = "Team database"
KEPT = ("Your text stays where you typed it, and is on the clipboard (Ctrl+V puts it back "
        "anywhere).")


def is_unreachable(error: BaseException | None) -> bool:
    """The database's server cannot be reached (not: refused, locked, changed elsewhere)."""
    return isinstance(error, ServerUnreachable)


class ServerGone(QObject):
    def __init__(self, parent: QWidget, hub: ChangeHub, flush: Callable[[], bool],
                 status: Callable[[str, int], None], closed: Callable[[], bool]) -> None:
        """`flush()` saves the typing anywhere in the window (False if refused); `status`
        shows a status-bar line for that many ms; `closed()`: the window has closed."""
        super().__init__(parent)
        self._widget, self._hub = parent, hub
        self._flush, self._status, self._closed = flush, status, closed
        self.asking = False  # the Retry question is up, or about to be
        self.quiet = False  # Cancel was chosen: the status bar only, until a change lands
        self.message = ""  # the last refusal of this kind
        hub.changed.connect(self._landed)

    def refused(self, message: str, error: BaseException | None = None) -> bool:
        """A refusal the window was told of (`message`, one line; `error`, the exception, by
        default the last push's refusal when it is this one): True if it is the server gone.
        A save of typed text then gets its text on the clipboard and the offer to retry."""
        pushed = self._hub.refusal_error
        mine = pushed is not None and str(pushed) == message
        if not is_unreachable(error if error is not None else pushed if mine else None):
            return False
        self.message = message
        typed = self._hub.refused_text if mine else ""
        if typed:
            QGuiApplication.clipboard().setText(typed)
        if self.asking:
            return True  # a retry that failed again: the question comes back by itself
        if not typed or self.quiet:
            self._status(f"Not saved: {message}. {KEPT if typed else ''}".strip(), 0)
            return True
        self.asking = True
        QTimer.singleShot(0, self, self._ask)  # after the editor has kept its text
        return True

    def _ask(self) -> None:
        try:
            while not self._closed():
                if not dialogs.offer_retry(self._widget, TITLE, self.message, KEPT):
                    self.quiet = True
                    self._status(f"Not saved: {self.message}. {KEPT} It is saved with your "
                                 "next edit once the team database answers.", 0)
                    return
                self.message = ""
                if self._flush():
                    self._status("Saved: the team database answers again.", 8000)
                    return
                if not self.message:
                    return  # refused for another reason: said already
        finally:
            self.asking = False

    def _landed(self, _change: Change) -> None:
        self.quiet = False  # the database answers: the next time it goes, ask again

    # -- the change watcher -------------------------------------------------------------------

    def watch(self, watcher: ChangeWatcher) -> None:
        """The watcher's poll failing: one status-bar line until it works again."""
        watcher.lost.connect(lambda message: self._status(
            f"{message}. POA Desk keeps trying; edits wait until it answers.", 0))
        watcher.back.connect(lambda: self._status("The team database answers again.", 8000))
