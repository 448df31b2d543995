"""Small widget helpers shared by the window's parts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (tests and style sheets find it by that) and return it."""
    widget.setObjectName(name)
    return widget


def accessible(widget: W, name: str, description: str = "") -> W:
    """Give a widget the name (and description) a screen reader says for it."""
    widget.setAccessibleName(name)  # type: ignore[attr-defined]
    if description:
        widget.setAccessibleDescription(description)  # type: ignore[attr-defined]
    return widget


class FocusShown(QObject):
    """Installed on a dialog: its focused field is outlined as soon as it opens. The styles
    draw the focus outline (of a combo, a check box, a button) only once a key has moved the
    focus, and Qt clears that mark when a window is activated; a dialog opened with the
    keyboard that puts the focus in its first field should show where it is at once."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and isinstance(watched, QWidget):
            # after the activation's own focus change, which clears the mark
            QTimer.singleShot(0, watched, lambda: self._outline(watched))
        return super().eventFilter(watched, event)

    @staticmethod
    def _outline(window: QWidget) -> None:
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
        focused = window.focusWidget()
        if focused is not None:
            focused.update()


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


class EndOfSession(QObject):
    """Installed on a text field: when the focus leaves it (not for a menu popping up), the
    typing session there ends: `ended()` saves it and seals its undo step, so the next
    session in the same field is undone on its own."""

    def __init__(self, parent: QObject, ended: Callable[[], object]) -> None:
        super().__init__(parent)
        self._ended = ended

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent)
                and event.reason() != Qt.FocusReason.PopupFocusReason):
            self._ended()
        return super().eventFilter(watched, event)


def first_entry(menu: QMenu) -> QAction | None:
    return next((a for a in menu.actions() if a.isEnabled() and not a.isSeparator()
                 and a.isVisible()), None)


def show_menu(menu: QMenu, at: QPoint, keyboard: bool) -> None:
    """Show a context menu at `at`; opened with the keyboard (the Menu key, Shift+F10), its
    first entry is highlighted at once, so Enter chooses it without an extra Down."""
    if keyboard:
        def highlight() -> None:
            entry = first_entry(menu)
            if entry is not None and menu.isVisible():
                menu.setActiveAction(entry)

        menu.aboutToShow.connect(lambda: QTimer.singleShot(0, menu, highlight))
    menu.exec(at)


class FocusRing(QWidget):
    """A highlight-coloured frame drawn over a list while it has the keyboard focus (the
    style's own focus marks are faint, or missing, on item views). It takes no input and
    paints only its border, so the list under it looks and works as before."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.setGeometry(watched.rect())  # type: ignore[attr-defined]
            self.show()
            self.raise_()
        elif kind == QEvent.Type.FocusOut:
            self.hide()
        elif kind == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(watched.rect())  # type: ignore[attr-defined]
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()
