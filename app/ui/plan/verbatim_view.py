"""The verbatim text of an action line: read-only, selectable, search matches highlighted and
glossary abbreviations explained on hover."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QToolTip, QWidget

from app.ui.plan.text_marks import acronym_spans, match_spans

if TYPE_CHECKING:
    from app.glossary import Acronym

HIGHLIGHT = QColor("#ffe45c")


class VerbatimView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None, max_height: int = 320) -> None:
        super().__init__(parent)
        self._max_height = max_height
        self._highlights: list[str] = []
        self._shown: tuple[str, list[tuple[int, int]]] | None = None
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.12)
        self.setFont(font)
        self.document().setDocumentMargin(2)

    def show_text(self, text: str, glossary: Sequence[Acronym], words: Sequence[str]) -> None:
        spans = match_spans(text, words)
        if (text, spans) == self._shown:
            return  # the same text and marks (the next keystroke of a search, often)
        self._shown = (text, spans)
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        for start, end, entry in acronym_spans(text, glossary):
            fmt = QTextCharFormat()
            fmt.setToolTip(f"{entry.abbr}: {entry.expansion}")
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor("#6b7280"))
            self._format(cursor, start, end, fmt)
        self._highlights = []
        for start, end in spans:
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT)
            self._format(cursor, start, end, fmt)
            self._highlights.append(text[start:end])
        self._fit()

    def forget(self) -> None:
        """Render again on the next `show_text` (the glossary changed)."""
        self._shown = None

    @staticmethod
    def _format(cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def highlighted_words(self) -> list[str]:
        return list(self._highlights)

    def tooltip_at(self, pos: QPoint) -> str:
        """The glossary tooltip for the character at `pos` (viewport coordinates), or ""."""
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(QPointF(pos) + offset,
                                                       Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return ""
        cursor = QTextCursor(self.document())
        last = self.document().characterCount() - 1
        for position in (hit + 1, hit):  # the character after the hit point, else before it
            if 0 < position <= last:
                cursor.setPosition(position)
                tip = cursor.charFormat().toolTip()
                if tip:
                    return tip
        return ""

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- as tall as the text, up to a limit --------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as the text wrapped at the full width; a scroll bar only past the limit
        (measured without one, so that its own width never makes the text one line longer)."""
        doc = self.document()
        frame = 2 * self.frameWidth()
        doc.setTextWidth(max(50, self.width() - frame))
        height = int(doc.size().height()) + frame + 2
        fits = height <= self._max_height
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits
                                        else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if not fits:
            doc.setTextWidth(max(50, self.viewport().width()))
        self.setFixedHeight(max(40, min(height, self._max_height)))
