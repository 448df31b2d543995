"""Walking every window, dialog and menu as a screen reader and a keyboard user meet them:
the interactive widgets without an accessible name, and the Alt+letter mnemonics that clash."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
               QPlainTextEdit, QSlider, QTabBar, QTextEdit)
_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found[1].lower() if found else None


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.window() is top


def _inner(widget: QWidget) -> bool:
    """Parts of a composite widget a screen reader reaches through it (a combo's line edit,
    a spin box's, an item view's viewport and scroll bars)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return widget.accessibleName()
    return (interface.text(QAccessible.Text.Name) or "").strip()


def unnamed(top: QWidget) -> list[str]:
    """The visible interactive widgets of window `top` that a screen reader has no name for."""
    out = []
    for widget in top.findChildren(QWidget):
        if (isinstance(widget, INTERACTIVE) and _shown(widget, top) and not _inner(widget)
                and not accessible_name(widget)):
            out.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return out


def clashes(top: QWidget) -> dict[str, list[str]]:
    """Mnemonic letters used more than once in window `top` (its menu bar's titles, labels
    with a buddy, buttons, group boxes, tabs)."""
    seen: dict[str, list[str]] = defaultdict(list)

    def note(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            seen[letter].append(text)

    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            note(action.text())
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top):
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelled or isinstance(widget, QAbstractButton):
            note(widget.text())
        elif isinstance(widget, QGroupBox):
            note(widget.title())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                note(widget.tabText(i))
    return {k: v for k, v in seen.items() if len(v) > 1}


def literal_ampersands(top: QWidget) -> list[str]:
    """Labels showing an '&' as it was typed (a mnemonic without a buddy: "&Date:")."""
    return [w.text() for w in top.findChildren(QLabel)
            if _shown(w, top) and w.buddy() is None and mnemonic(w.text())
            and w.textFormat() != w.textFormat().RichText]


def menu_clashes(menu: QMenu, path: str = "") -> dict[str, list[str]]:
    """Clashing mnemonics in `menu` and every submenu under it."""
    where = f"{path} > {menu.title().replace('&', '')}" if path else menu.title().replace("&", "")
    seen: dict[str, list[str]] = defaultdict(list)
    out: dict[str, list[str]] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        letter = mnemonic(action.text())
        if letter:
            seen[letter].append(action.text())
        if action.menu() is not None:
            out.update(menu_clashes(action.menu(), where))
    out.update({f"{where}: {k}": v for k, v in seen.items() if len(v) > 1})
    return out
