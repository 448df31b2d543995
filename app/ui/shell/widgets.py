"""Small widget helpers shared by the window's parts."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton, QWidget

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (tests and style sheets find it by that) and return it."""
    widget.setObjectName(name)
    return widget


def tool_button(action: QAction, name: str) -> QToolButton:
    """A text button for `action` (its menu, if it has one, opens on click)."""
    button = named(QToolButton(), name)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    if action.menu() is not None:
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return button


def bold_label(text: str, buddy: QWidget | None = None) -> QLabel:
    """A bold field label; with `buddy`, its "&" mnemonic (Alt+letter) focuses that widget."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    if buddy is not None:
        label.setBuddy(buddy)
    return label


class WindowUndoKeys(QObject):
    """Installed on a text field: Ctrl+Z / Ctrl+Shift+Z go to the window's undo stack (every
    edit is a command there), not to the field's own undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def replace_text(edit: QPlainTextEdit, text: str) -> None:
    """Show `text` in `edit` (a value saved elsewhere, an undo) with the cursor kept where it
    was, as far as the new text allows."""
    position = edit.textCursor().position()
    edit.setPlainText(text)
    cursor = edit.textCursor()
    cursor.setPosition(min(position, len(text)))
    edit.setTextCursor(cursor)
