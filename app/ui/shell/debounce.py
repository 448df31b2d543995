"""Save-as-you-type: one timer that fires a save once typing pauses.

Shared by the detail pane (notes, lines to take) and the agenda item editor (objective, points
to make, ...). The owner calls `poke()` on every keystroke; the save runs `delay_ms` after the
last one. The owner's own `flush()` calls `take()` to cancel the timer and learn whether there
was anything typed, so a flush on selection change, undo or close saves at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Debounce(QObject):
    def __init__(self, parent: QObject, delay_ms: int, save: Callable[[], object]) -> None:
        super().__init__(parent)
        self.pending = False  # typed, not saved yet
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._save = save
        self._timer.timeout.connect(self._fire)

    def _fire(self) -> None:
        from app.ui.shell.jobs import running  # a job in a worker has the Desk: after it

        if running():
            self._timer.start()
        else:
            self._save()

    def poke(self) -> None:
        """Something was typed: (re)start the pause."""
        self.pending = True
        self._timer.start()

    def take(self) -> bool:
        """Stop the timer; whether something typed was waiting (the caller saves it now)."""
        was_pending, self.pending = self.pending, False
        self._timer.stop()
        return was_pending
