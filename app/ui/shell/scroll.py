"""A page that scrolls when the window is short, and keeps the focused field in view.

A form taller than a 1280x720 laptop's window (the detail pane's action line with its focal
points, activities and history open; an agenda item's five fields) sits in a `ScrollPage`: the
window's minimum height stays small, and a field reached by Tab, an Alt+letter mnemonic or a
shortcut is scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QStyle, QWidget


class ScrollPage(QScrollArea):
    def __init__(self, page: QWidget, name: str, spoken: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(spoken)
        self.setWidget(page)
        self.setWidgetResizable(True)  # as tall as the room when there is room
        self.setFrameShape(QFrame.Shape.NoFrame)
        # never sideways: the page is never narrower than it can be (`minimumSizeHint`)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the page can be (and its scroll bar), as short as a few lines."""
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = page.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self.widget()
        if new is not None and page is not None and page.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)
