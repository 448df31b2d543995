"""A page that scrolls when the window is short, and keeps the focused field in view.

A form taller than a 1280x720 laptop's window (the detail pane's action line with its focal
points, activities and history open; an agenda item's five fields) sits in a `ScrollPage`: the
window's minimum height stays small, and a field reached by Tab, an Alt+letter mnemonic or a
shortcut is scrolled into view. The page is as tall as the room when it fits (its fields share
the room as its layout says); when it does not, only as tall as its minimum (the detail pane:
its focal points in view under the notes), or, `roomy`, as its size hint (an agenda item: each
text field a few lines tall, the page scrolling to the next).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QStyle, QWidget


class ScrollPage(QScrollArea):
    def __init__(self, page: QWidget, name: str, spoken: str,
                 parent: QWidget | None = None, *, roomy: bool = False) -> None:
        super().__init__(parent)
        self.roomy = roomy
        self.setObjectName(name)
        self.setAccessibleName(spoken)
        self.setWidget(page)
        self.setWidgetResizable(False)  # sized by `_place`, not by its size hint
        self.setFrameShape(QFrame.Shape.NoFrame)
        # never sideways: the page is never narrower than it can be (`minimumSizeHint`)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.installEventFilter(self)
        self.viewport().installEventFilter(self)
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

    def page_height(self, width: int) -> int:
        """The least height of the page at `width` (`roomy`: the height it asks for)."""
        page = self.widget()
        if self.roomy and page is not None:
            return page.sizeHint().height()
        layout = page.layout() if page is not None else None
        if layout is None or page is None:
            return page.minimumSizeHint().height() if page is not None else 0
        if layout.hasHeightForWidth():
            return max(layout.minimumHeightForWidth(width), layout.minimumSize().height())
        return layout.minimumSize().height()

    def _place(self) -> None:
        page = self.widget()
        if page is None:
            return
        room = self.viewport().size()
        page.resize(room.width(), max(room.height(), self.page_height(room.width())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize) and (
                watched is self.viewport() or (event.type() == QEvent.Type.LayoutRequest
                                               and watched is self.widget())):
            self._place()
        return super().eventFilter(watched, event)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self.widget()
        if new is not None and page is not None and page.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)
