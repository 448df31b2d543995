"""The summary shown for a selected section or pillar: counts by status and its action lines."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.plan.plan_tree_model import ACTION, PART, PLAN, Node
from app.ui.shell.icons import STATUS_COLORS, status_icon
from app.ui.shell.widgets import FocusRing, named
from app.vocab import STATUS_LABELS, STATUS_ORDER


def progress_sentence(progress: int, total: int) -> str:
    share = round(100 * progress / total) if total else 0
    return (f"{progress} of {total} action lines achieved or being addressed ({share}%)")


class StatusBarChart(QWidget):
    """One horizontal bar split by status, in the status colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(300, 14)

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        self.setToolTip(", ".join(f"{STATUS_LABELS[c]}: {counts.get(c, 0)}"
                                  for c in STATUS_ORDER))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        total = sum(self._counts.values())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e5e7eb"))
        painter.drawRoundedRect(rect, 4, 4)
        x = rect.left()
        for code in STATUS_ORDER:
            n = self._counts.get(code, 0)
            if not n or not total:
                continue
            width = rect.width() * n / total
            painter.setBrush(QColor(STATUS_COLORS[code]))
            painter.drawRect(QRectF(x, rect.top(), width, rect.height()))
            x += width
        painter.end()


class SectionSummary(QWidget):
    action_activated = Signal(int)  # an action line's id, clicked in the list
    key_activated = Signal(str)  # a section's key, clicked in a pillar's list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.breadcrumb = named(QLabel(wordWrap=True), "summaryBreadcrumb")
        self.breadcrumb.setStyleSheet("color: palette(placeholder-text);")
        self.heading = named(QLabel(wordWrap=True), "summaryHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # one line, or two in a narrow pane (never wider than the pane)
        self.progress = named(QLabel(wordWrap=True), "summaryProgress")
        self.chart = StatusBarChart()
        self.coverage = named(QLabel(wordWrap=True), "summaryCoverage")
        layout.addWidget(self.breadcrumb)
        layout.addWidget(self.heading)
        layout.addSpacing(4)
        layout.addWidget(self.progress)
        layout.addWidget(self.chart)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.count_labels: dict[str, QLabel] = {}
        for row, code in enumerate(STATUS_ORDER):
            icon = QLabel()
            icon.setPixmap(status_icon(code).pixmap(QSize(14, 14), self.devicePixelRatioF()))
            count = named(QLabel("0"), f"count-{code}")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(icon, row, 0)
            grid.addWidget(QLabel(STATUS_LABELS[code]), row, 1)
            grid.addWidget(count, row, 2)
            self.count_labels[code] = count
        grid.setColumnStretch(3, 1)
        layout.addLayout(grid)
        layout.addWidget(self.coverage)

        self.list = named(QTextBrowser(), "summaryList")
        self.list.setAccessibleName("Action lines of this section")
        self.focus_ring = FocusRing(self.list)
        self.list.setOpenLinks(False)
        self.list.setFrameShape(QFrame.Shape.StyledPanel)
        self.list.anchorClicked.connect(self._clicked)
        layout.addWidget(self.list, 1)
        self.node: Node | None = None  # the pillar or section shown

    def show_node(self, node: Node) -> None:
        """Show a plan's (all plans shown), a pillar's or a section's node from the plan tree
        model (current values)."""
        self.node = node
        value = node.value
        if node.kind == PLAN:
            self.breadcrumb.setText("Plan")
            self.heading.setText(value.title)
        elif node.kind == PART:
            self.breadcrumb.setText("Pillar" if value.sections else "Part")
            self.heading.setText(value.heading)
        else:
            part = node.parent.value if node.parent is not None else None
            self.breadcrumb.setText(part.heading if part is not None else "")
            self.heading.setText(f"{value.number} {value.title}")
        self.progress.setText(progress_sentence(node.progress, node.total))
        self.chart.set_counts(dict(node.counts))
        for code, label in self.count_labels.items():
            label.setText(str(node.counts.get(code, 0)))
        self.coverage.setText(f"{node.covered} of {node.total} action lines have a focal point")
        self.list.setHtml(self._list_html(node))

    def counts(self) -> dict[str, int]:
        """What the status counts show (for tests and accessibility)."""
        return {code: int(label.text()) for code, label in self.count_labels.items()}

    @staticmethod
    def _list_html(node: Node) -> str:
        rows = []
        for child in node.children:
            v = child.value
            if child.kind == ACTION:
                color = STATUS_COLORS.get(v.status, "#888")
                text = v.text if len(v.text) <= 220 else v.text[:217].rstrip() + "…"
                rows.append(
                    f'<tr><td style="white-space:nowrap"><a href="action:{v.id}">'
                    f"{escape(v.ref)}</a></td>"
                    f'<td style="white-space:nowrap"><span style="color:{color}">●</span> '
                    f"{escape(STATUS_LABELS.get(v.status, v.status))}</td>"
                    f"<td>{escape(text)}</td></tr>")
            else:
                rows.append(
                    f'<tr><td style="white-space:nowrap"><a href="key:{escape(child.key)}">'
                    f"{escape(str(v.number))}</a></td>"
                    f'<td style="white-space:nowrap">{child.progress}/{child.total}</td>'
                    f"<td>{escape(v.title)}</td></tr>")
        head = ("Action line" if any(c.kind == ACTION for c in node.children)
                else "Pillar" if node.kind == PLAN else "Section")
        progress_head, text_head = (("Status", "Text") if head == "Action line"
                                    else ("Addressed", "Title"))
        return ('<table cellspacing="0" cellpadding="4" width="100%">'
                f"<tr><th align=left>{head}</th><th align=left>{progress_head}</th>"
                f"<th align=left>{text_head}</th></tr>" + "".join(rows) + "</table>")

    def _clicked(self, url: QUrl) -> None:
        target = url.toString()
        kind, _, rest = target.partition(":")
        if kind == "action" and rest.isdigit():
            self.action_activated.emit(int(rest))
        elif kind == "key":
            self.key_activated.emit(rest)
