"""The Progress view's two charts, painted with QPainter: status by pillar (stacked bars, the
report's chart: app.vocab's order and colours, the value on every bar that has room for it) and
the trend since adoption (the addressed lines by month as a step line, the plan's total dashed).

Each widget keeps what it draws as plain values (`bars()`, `points`) for tooltips and tests; a
click on a bar says which pillar and status (`bar_clicked`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.activities.trend import Point
from app.vocab import STATUS_COLOURS, STATUS_INK, STATUS_LABELS, STATUS_ORDER

AXIS = QColor("#595959")
GRID = QColor("#d9d9d9")
ADDRESSED = QColor(STATUS_COLOURS["achieved"])


@dataclass(frozen=True, slots=True)
class Bar:
    row: int  # the category's index
    category: str
    code: str  # the status
    value: int
    rect: QRectF


def nice_step(top: float, ticks: int = 6) -> int:
    """A round step (1, 2, 5 times a power of ten) giving at most `ticks` intervals to `top`."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return max(1, int(factor * power))
    return int(10 * power)


class _Chart(QWidget):
    def __init__(self, name: str, spoken: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(spoken)
        self.setMinimumSize(240, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    def _painter(self) -> QPainter:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().text().color())
        return painter

    def _legend(self, painter: QPainter, items: Sequence[tuple[str, QColor, Qt.PenStyle]],
                bottom: float) -> None:
        """Keys and labels centred in one row ending at `bottom`: a swatch (NoPen) or a line
        drawn in the given style."""
        metrics = QFontMetricsF(self.font())
        box, gap = metrics.height() * 0.7, metrics.height() * 0.9
        widths = [box + 4 + metrics.horizontalAdvance(text) for text, _c, _d in items]
        x = max(0.0, (self.width() - sum(widths) - gap * (len(items) - 1)) / 2)
        y = bottom - metrics.height()
        for (text, colour, line), width in zip(items, widths, strict=True):
            swatch = QRectF(x, y + (metrics.height() - box) / 2, box, box)
            if line != Qt.PenStyle.NoPen:
                painter.setPen(QPen(colour, 2, line))
                painter.drawLine(QPointF(swatch.left(), swatch.center().y()),
                                 QPointF(swatch.right(), swatch.center().y()))
            else:
                painter.setPen(QPen(AXIS, 0.5))
                painter.setBrush(colour)
                painter.drawRect(swatch)
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(swatch.right() + 4, y, width, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width + gap


class StatusBars(_Chart):
    """Action lines by status and pillar: one stacked bar per pillar, pillar 1 at the top."""

    bar_clicked = Signal(int, str)  # the category's index, the status code

    def __init__(self) -> None:
        super().__init__("progressChart", "Chart of status by pillar")
        self.categories: list[str] = []
        self.counts: list[dict[str, int]] = []
        self._bars: list[Bar] = []

    def set_figures(self, categories: Sequence[str], counts: Sequence[dict[str, int]]) -> None:
        """`counts`: each category's number of lines by status code."""
        self.categories, self.counts = list(categories), [dict(c) for c in counts]
        self.setAccessibleDescription("; ".join(
            f"{name}: " + ", ".join(f"{STATUS_LABELS[code]} {c.get(code, 0)}"
                                    for code in STATUS_ORDER)
            for name, c in zip(self.categories, self.counts, strict=True)))
        self._bars = []
        self.update()

    def bars(self) -> list[Bar]:
        """The bars as they are drawn at the widget's size (those with a value)."""
        if not self._bars:
            self._layout()
        return list(self._bars)

    def _areas(self) -> tuple[QRectF, float, float]:
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        label_width = min(self.width() * 0.4, max(
            (metrics.horizontalAdvance(c) for c in self.categories), default=0) + 8)
        plot = QRectF(label_width + 4, 6, self.width() - label_width - 16,
                      self.height() - 6 - line * 3.6)  # ticks, axis title, legend below
        top = max((sum(c.values()) for c in self.counts), default=0)
        step = nice_step(top)
        return plot, float(step), float(max(step, math.ceil(top / step) * step))

    def _layout(self) -> None:
        plot, _step, top = self._areas()
        rows = max(1, len(self.categories))
        band = plot.height() / rows
        thickness = band * 0.62
        self._bars = []
        for row, (category, counts) in enumerate(zip(self.categories, self.counts,
                                                     strict=True)):
            x = plot.left()
            y = plot.top() + band * row + (band - thickness) / 2
            for code in STATUS_ORDER:
                value = counts.get(code, 0)
                if not value:
                    continue
                width = plot.width() * value / top
                self._bars.append(Bar(row, category, code, value,
                                      QRectF(x, y, width, thickness)))
                x += width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._bars = []

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self._painter()
        plot, step, top = self._areas()
        metrics = QFontMetricsF(self.font())
        text = self.palette().text().color()
        # grid and value ticks
        value = 0.0
        while value <= top + 0.5:
            x = plot.left() + plot.width() * value / top
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(x - 30, plot.bottom() + 2, 60, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, str(int(value)))
            value += step
        painter.drawText(QRectF(plot.left(), plot.bottom() + metrics.height() + 2,
                                plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignHCenter, "Action lines")
        # the pillars' names
        band = plot.height() / max(1, len(self.categories))
        for row, category in enumerate(self.categories):
            painter.drawText(QRectF(0, plot.top() + band * row, plot.left() - 6, band),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(category, Qt.TextElideMode.ElideRight,
                                                plot.left() - 8))
        # the bars, with their values where they fit
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetricsF(bold)
        painter.setFont(bold)
        for bar in self.bars():
            painter.setPen(QPen(AXIS, 0.5))
            painter.setBrush(QColor(STATUS_COLOURS[bar.code]))
            painter.drawRect(bar.rect)
            label = str(bar.value)
            if bold_metrics.horizontalAdvance(label) + 4 <= bar.rect.width():
                painter.setPen(QColor(STATUS_INK[bar.code]))
                painter.drawText(bar.rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.setFont(self.font())
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.topLeft(), plot.bottomLeft())
        self._legend(painter, [(STATUS_LABELS[c], QColor(STATUS_COLOURS[c]), Qt.PenStyle.NoPen)
                               for c in STATUS_ORDER], self.height() - 2)
        painter.end()

    def bar_at(self, pos: QPointF) -> Bar | None:
        return next((b for b in self.bars() if b.rect.contains(pos)), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        if bar is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{bar.category}: {STATUS_LABELS[bar.code]} {bar.value}", self)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position())
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(bar.row, bar.code)
        super().mouseReleaseEvent(event)


class TrendChart(_Chart):
    """Action lines achieved or being addressed at the end of each month, the total dashed."""

    def __init__(self) -> None:
        super().__init__("trendChart", "Chart of action lines addressed by month")
        self.points: list[Point] = []

    def set_points(self, points: Sequence[Point]) -> None:
        self.points = list(points)
        if self.points:
            last = self.points[-1]
            self.setAccessibleDescription(
                f"{self.points[0].label} {self.points[0].addressed}, {last.label} "
                f"{last.addressed} of {last.total} action lines")
        self.update()

    def plot_area(self) -> QRectF:
        metrics = QFontMetricsF(self.font())
        left = metrics.horizontalAdvance("0000") + 10
        return QRectF(left, 6, self.width() - left - 12, self.height() - 6 - metrics.height() * 2.6)

    def position(self, index: int, value: float) -> QPointF:
        """Where month `index`'s value is drawn (the step starts at the month's left edge)."""
        plot, top = self.plot_area(), self._top()
        count = max(1, len(self.points))
        return QPointF(plot.left() + plot.width() * index / count,
                       plot.bottom() - plot.height() * value / top)

    def _top(self) -> float:
        total = max((p.total for p in self.points), default=0)
        step = nice_step(total, 5)
        return float(max(step, math.ceil(total / step) * step))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = self._painter()
        plot, top = self.plot_area(), self._top()
        metrics = QFontMetricsF(self.font())
        text = self.palette().text().color()
        step = nice_step(top, 5)
        value = 0
        while value <= top:
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - metrics.height() / 2, plot.left() - 6,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(value))
            value += step
        count = len(self.points)
        every = max(1, math.ceil(count / max(1, plot.width() / (metrics.horizontalAdvance(
            "Mmm 0000") + 12))))
        for index in range(0, count, every):
            x = self.position(index, 0).x()
            painter.drawText(QRectF(x - 40, plot.bottom() + 3, 80, metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter, self.points[index].label)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.topLeft(), plot.bottomLeft())
        if self.points:  # the total dashed, then the addressed lines: drawn over the axes
            total = self.points[-1].total
            painter.setPen(QPen(AXIS, 1.2, Qt.PenStyle.DashLine))
            y = self.position(0, total).y()
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(ADDRESSED, 2.2))
            previous: QPointF | None = None
            for index, point in enumerate(self.points):
                start = self.position(index, point.addressed)
                end = self.position(index + 1, point.addressed)
                if previous is not None:
                    painter.drawLine(previous, start)
                painter.drawLine(start, end)
                previous = end
        total_text = f"All {self.points[-1].total} action lines" if self.points else ""
        items = [("Achieved or being addressed", ADDRESSED, Qt.PenStyle.SolidLine)]
        if total_text:
            items.append((total_text, AXIS, Qt.PenStyle.DashLine))
        self._legend(painter, items, self.height() - 2)
        painter.end()
