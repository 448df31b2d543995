"""Issue 19: Tab follows the window's visual order: the search and filters, the plan tree, the
detail pane, the meetings panel (it ran tree, meetings panel, detail pane, search)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import click_row
from tests.ui.meetings_helpers import add_som, open_panel


def _region(window, widget) -> str:
    for name, part in (("filters", window.filters), ("tree", window.tree),
                       ("detail", window.detail), ("meetings", window.meetings.dock)):
        if widget is part or part.isAncestorOf(widget):
            return name
    return type(widget).__name__


def test_tab_walks_the_window_in_its_visual_order(qtbot, window):
    meeting = add_som(window, "1.3(b)")
    panel = open_panel(window)
    panel.reload(meeting)
    click_row(qtbot, window, "a1.3(b)")
    QApplication.processEvents()  # what the window does once the page is shown
    window.filters.search.setFocus()
    qtbot.waitUntil(window.filters.search.hasFocus)
    regions: list[str] = []
    for _ in range(80):
        focused = QApplication.focusWidget()
        region = _region(window, focused)
        if not regions or regions[-1] != region:
            regions.append(region)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is window.filters.search:
            break
    assert regions[:4] == ["filters", "tree", "detail", "meetings"], regions
    assert QApplication.focusWidget() is window.filters.search  # round again
