"""Issue 19: Tab ran tree -> meetings panel -> detail pane; it follows the visual order now:
search and filters, the tree, the detail pane, the meetings panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _part(window, widget) -> str:
    parent = widget
    while parent is not None:
        for name, part in (("side", window.side), ("detail", window.detail),
                           ("meetings", window.meetings.dock)):
            if parent is part:
                return name
        parent = parent.parentWidget()
    return "other"


def test_tab_follows_the_visual_order(qtbot, window):
    window.meetings.show_panel()
    window.select_key("a1.3(b)")
    window.filters.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.filters.search)
    parts: list[str] = []
    for _ in range(120):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        name = _part(window, QApplication.focusWidget())
        if not parts or parts[-1] != name:
            parts.append(name)
        if QApplication.focusWidget() is window.filters.search:
            break
    assert parts[:3] == ["side", "detail", "meetings"], parts
    assert QApplication.focusWidget() is window.filters.search  # round to the start again
