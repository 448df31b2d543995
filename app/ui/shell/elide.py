"""A label and a combo box that shorten their text with "…" when narrow, and say it in full in
their tooltip, instead of cutting it off ("All countri", "Being addresse").

Their text is never changed (`text()`, `currentText()` and what a screen reader reads stay
whole): only the painting is shortened. Their minimum width is a few characters, so a pane
that holds them can be narrow on a 1280x720 laptop with every panel open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
    QWidget,
)


def _show_tip(widget: QWidget, event: QEvent, full: str) -> bool:
    """A tooltip with the whole text first, then the widget's own tooltip."""
    if not isinstance(event, QHelpEvent):
        return False
    own = widget.toolTip()
    QToolTip.showText(event.globalPos(), f"{full}\n{own}" if own else full, widget)
    return True


class ElidedLabel(QLabel):
    """A one-line label painted with "…" when it is narrower than its text."""

    def __init__(self, text: str = "", min_chars: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._min_chars = min_chars
        self.elided = False

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().averageCharWidth() * self._min_chars
        return QSize(min(hint.width(), narrow), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             rect.width())
        self.elided = text != self.text()
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(),
                                  self.isEnabled(), text, self.foregroundRole())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.elided:
            return _show_tip(self, event, self.text())
        return super().event(event)


class ElidingCombo(QComboBox):
    """A combo box as narrow as `min_chars` characters, its current text painted with "…"
    when it does not fit (the list that drops down shows every item whole)."""

    def __init__(self, min_chars: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(min_chars)
        self.elided = False

    def sizeHint(self) -> QSize:
        """As wide as its longest item when there is room (the minimum stays small)."""
        hint = super().sizeHint()
        widest = max((self.fontMetrics().horizontalAdvance(self.itemText(i))
                      for i in range(self.count())), default=0)
        short = self.fontMetrics().horizontalAdvance("x") * self.minimumContentsLength()
        return QSize(hint.width() + max(0, widest - short), hint.height())

    def shown_text(self) -> str:
        """The current text as painted (with "…" when shortened)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elide(option)

    def _elide(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        room = field.width()
        if not option.currentIcon.isNull():
            room -= option.iconSize.width() + 4
        return option.fontMetrics.elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                             max(room, 0))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.isEditable():  # its line edit shows the text
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        text = self._elide(option)
        self.elided = text != option.currentText
        option.currentText = text
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.shown_text() != self.currentText():
            return _show_tip(self, event, self.currentText())
        return super().event(event)
