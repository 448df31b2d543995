"""Edit > Undo and Redo over the window's one undo stack (`ChangeHub.stack`).

Text typed and not saved yet (the detail pane's notes, an agenda item's fields) is saved first:
it is undone with the rest of its burst. If the database refuses it, undo and redo do nothing,
else they would take back an older edit. The actions name the step they would take back
("Undo status change on 1.3(b)"), or the typing still waiting for its pause.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Protocol

from PySide6.QtGui import QAction, QUndoStack


class TypedText(Protocol):
    """An editor whose typing is saved after a pause (the detail pane, the agenda item's)."""

    @property
    def has_pending(self) -> bool: ...

    def flush(self) -> bool: ...

    def pending_undo_text(self) -> str: ...


class UndoRedo:
    def __init__(self, stack: QUndoStack, undo_action: QAction, redo_action: QAction,
                 editors: Sequence[TypedText], refused: Callable[[], None],
                 done: Callable[[bool], None]) -> None:
        """`refused()`: the typed text could not be saved; `done(undone)`: a step was undone
        (or redone)."""
        self.stack = stack
        self.undo_action, self.redo_action = undo_action, redo_action
        self.editors = list(editors)
        self._refused, self._done = refused, done
        for signal in (self.stack.indexChanged, self.stack.cleanChanged):
            signal.connect(self._stack_changed)
        self.update()

    def _stack_changed(self) -> None:
        with suppress(RuntimeError):  # the stack is being destroyed with the window
            self.update()

    def flush(self) -> bool:
        """Save the text being typed in every editor; False if the database refused some."""
        return all([editor.flush() for editor in self.editors])  # each, whatever the first says

    def undo(self) -> None:
        if self._saved() and self.stack.canUndo():
            self.stack.undo()
            self._done(True)

    def redo(self) -> None:
        if self._saved() and self.stack.canRedo():
            self.stack.redo()
            self._done(False)

    def _saved(self) -> bool:
        if self.flush():
            return True
        self._refused()
        return False

    def update(self) -> None:
        """The actions' texts and states, after any change on the stack or in the editors."""
        pending = any(editor.has_pending for editor in self.editors)
        text = next((t for t in (e.pending_undo_text() for e in self.editors) if t),
                    self.stack.undoText())
        self.undo_action.setText(f"Undo {text}" if text else "Undo")
        self.undo_action.setEnabled(pending or self.stack.canUndo())
        redo = self.stack.redoText()
        self.redo_action.setText(f"Redo {redo}" if redo and not pending else "Redo")
        self.redo_action.setEnabled(self.stack.canRedo() and not pending)
