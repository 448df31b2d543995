"""What the user sees in the window, for the tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.ui.window import MainWindow


def row_text(window: MainWindow, index: QModelIndex, column: int = 0) -> str:
    return index.sibling(index.row(), column).data(Qt.ItemDataRole.DisplayRole)


def top_level_texts(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def visible_rows(window: MainWindow) -> list[str]:
    """Every row the tree would show when scrolled through, depth-first (column 0 text)."""
    out: list[str] = []
    index = window.tree.model().index(0, 0)
    while index.isValid():
        out.append(index.data())
        index = window.tree.indexBelow(index)
    return out


def visible_action_refs(window: MainWindow) -> list[str]:
    return [text.split()[0] for text in visible_rows(window) if "(" in text.split()[0]]


def proxy_index(window: MainWindow, key: str, column: int = 0) -> QModelIndex:
    return window.proxy.mapFromSource(window.model.index_for_key(key, column))


def click_row(qtbot, window: MainWindow, key: str) -> None:
    index = proxy_index(window, key)
    assert index.isValid(), f"{key} is not shown"
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tree.currentIndex() == index


def choose_status(qtbot, window: MainWindow, label: str) -> None:
    """Open the status drop-down and pick `label` with the keyboard."""
    combo = window.detail.status_combo
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    steps = combo.findText(label) - combo.currentIndex()
    key = Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up
    for _ in range(abs(steps)):
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)
