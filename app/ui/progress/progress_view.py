"""View > Progress: how far the plan has come, at a glance. Status by pillar as a chart (the
report's chart, painted with QPainter: app.ui.progress.charts), the figures by pillar and section
in a table (the share achieved or being addressed, ASEAN's measure: Recurring counted), and the
trend by month since the plan's adoption, read back from the history (app.activities.trend).

Clicking a pillar or a section shows its lines in the plan tree (a section is searched for by
its number, so only its lines stay); clicking a status's count shows only those lines (the
status filter). Refreshed when the change hub says statuses changed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.activities.trend import Point, adoption, monthly_trend
from app.errors import PoaDeskError
from app.ui.progress.charts import StatusBars, TrendChart
from app.ui.shell.core import core_imports
from app.ui.shell.jobs import busy
from app.ui.shell.screen import fit, own_window
from app.ui.shell.texts import share_text
from app.ui.shell.widgets import FocusRing, accessible, named
from app.vocab import STATUS_LABELS, STATUS_ORDER

if TYPE_CHECKING:
    from app.export.report_content import Figures, ReportContent
    from app.ui.progress.context import ProgressContext as ProgressUi

KEY_ROLE = Qt.ItemDataRole.UserRole + 30  # "p1", "s1.3", "" (overall)
CODE_ROLE = Qt.ItemDataRole.UserRole + 31  # the status code of a count's column
HEADERS = ("Pillar or section", "Lines", *(STATUS_LABELS[c] for c in STATUS_ORDER),
           "Addressed", "Share")


def _table(name: str, description: str) -> QTreeView:
    view = accessible(named(QTreeView(), name), description)
    view.setAlternatingRowColors(True)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class ProgressWindow(QDialog):
    def __init__(self, ui: ProgressUi) -> None:
        super().__init__(ui.host.widget)
        self.ui = ui
        self.setObjectName("progressWindow")
        self.setWindowTitle("Progress — POA Desk")
        self.setModal(False)
        own_window(self)  # not kept above the plan that "Show in Plan" brings forward
        self.setSizeGripEnabled(True)
        self.content: ReportContent | None = None
        self.points: list[Point] = []
        self.pillar_numbers: list[int] = []
        self.heading = named(QLabel(wordWrap=True), "progressHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = QStandardItemModel(self)
        self.table = _table("progressTable", "Figures by pillar and section")
        self.table.setAccessibleDescription("Click a pillar or section to show its lines in the "
                                            "plan; click a count to show those lines only")
        self.table.setModel(self.model)
        self.table_ring = FocusRing(self.table)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.chart = StatusBars()
        self.chart.bar_clicked.connect(self._bar_clicked)
        status_page = named(QSplitter(Qt.Orientation.Vertical), "statusSplitter")
        status_page.addWidget(self.chart)
        status_page.addWidget(self.table)
        status_page.setStretchFactor(0, 1)
        status_page.setStretchFactor(1, 1)
        status_page.setSizes([330, 330])

        self.trend_model = QStandardItemModel(self)
        self.trend_table = _table("trendTable", "Action lines addressed by month")
        self.trend_table.setRootIsDecorated(False)
        self.trend_table.setModel(self.trend_model)
        self.trend_ring = FocusRing(self.trend_table)
        self.trend_chart = TrendChart()
        self.trend_note = named(QLabel(wordWrap=True), "trendNote")
        self.trend_note.setStyleSheet("color: palette(placeholder-text);")
        trend_page = QWidget()
        trend_layout = QVBoxLayout(trend_page)
        trend_layout.addWidget(self.trend_chart, 3)
        trend_layout.addWidget(self.trend_note)
        trend_layout.addWidget(self.trend_table, 2)

        self.tabs = accessible(named(QTabWidget(), "progressTabs"), "Progress")
        self.tabs.addTab(status_page, "&Status by pillar and section")
        self.tabs.addTab(trend_page, "T&rend since adoption")
        self.hint = QLabel("Click a pillar or section to show its lines in the plan; click a "
                           "count to show only the lines with that status.", wordWrap=True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox()
        self.report_button = buttons.addButton("Progress Re&port…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.setToolTip("Write the progress report for a period (Word or Excel)")
        self.report_button.clicked.connect(lambda _c=False: self.ui.open_report())
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self._later = QTimer(self, singleShot=True, interval=300)
        self._later.timeout.connect(self.reload)
        ui.host.hub.changed.connect(self._changed)
        fit(self, 900, 720)  # or what the screen has room for, its buttons visible

    # -- the figures ------------------------------------------------------------------------

    def _changed(self, change: object) -> None:
        if self.isVisible() and (getattr(change, "action_ids", None)
                                 or getattr(change, "plan_structure", False)):
            self._later.start()

    def reload(self) -> None:
        """Read the figures and the history again, and draw both charts."""
        with core_imports():
            from app.export.report_content import load_report

        host = self.ui.host
        today = date.today()
        try:
            with busy(host, "Drawing the progress charts…"), core_imports():
                desk, plan_id = host.desk(), host.plan_id()
                content = load_report(desk, today, today, plan_id)
                tree = desk.plan_tree(plan_id)
                statuses = {a.id: a.status for a in tree.all_actions()}
                history = [h for h in desk.history() if h.kind == "action_line"
                           and h.field == "status"]
                start = adoption(tree.plan.title, history, today)
                points = monthly_trend(statuses, history, start, today)
        except PoaDeskError as exc:
            host.error(str(exc))
            return
        self.content, self.points = content, points
        self.pillar_numbers = [part.number for part in tree.parts]
        self._fill(content, [(f"p{part.number}", [f"s{s.number}" for s in part.sections])
                             for part in tree.parts])
        self._fill_trend(points, start)
        o = content.overall
        self.heading.setText(f"{content.plan_title}: {o.addressed} of {o.total} action lines "
                             f"({share_text(o.addressed, o.total)}) achieved or being addressed "
                             "(Recurring counted as addressed)")
        self.chart.set_figures([p.label for p in content.pillars],
                               [dict(p.counts) for p in content.pillars])
        self.trend_chart.set_points(points)

    def _row(self, figures: Figures, key: str, bold: bool = False) -> list[QStandardItem]:
        texts = [figures.label, str(figures.total),
                 *(str(figures.count(code)) for code in STATUS_ORDER), str(figures.addressed),
                 share_text(figures.addressed, figures.total)]
        items = [QStandardItem(text) for text in texts]
        for column, item in enumerate(items):
            item.setData(key, KEY_ROLE)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
        for offset, code in enumerate(STATUS_ORDER, start=2):
            items[offset].setData(code, CODE_ROLE)
            items[offset].setToolTip(f"{figures.label}: the lines {STATUS_LABELS[code]}")
        items[0].setToolTip(f"{figures.label}: show its lines in the plan")
        return items

    def _fill(self, content: ReportContent, keys: list[tuple[str, list[str]]]) -> None:
        """The rows: overall, then each pillar (`keys`: its key and its sections' keys, in the
        order of the content's figures) with its sections under it."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        root = self.model.invisibleRootItem()
        root.appendRow(self._row(content.overall, "", bold=True))
        sections = iter(content.sections)
        for (key, section_keys), pillar in zip(keys, content.pillars, strict=True):
            row = self._row(pillar, key, bold=True)
            for s_key in section_keys:
                row[0].appendRow(self._row(next(sections), s_key))
            root.appendRow(row)
        self.table.expandAll()
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setColumnWidth(0, self.fontMetrics().horizontalAdvance("n") * 40)

    def _fill_trend(self, points: list[Point], start: date) -> None:
        self.trend_model.clear()
        self.trend_model.setHorizontalHeaderLabels(["Month", "Addressed", "Share"])
        for point in reversed(points):  # newest first
            items = [QStandardItem(point.label), QStandardItem(str(point.addressed)),
                     QStandardItem(share_text(point.addressed, point.total))]
            self.trend_model.appendRow(items)
        self.trend_note.setText(
            f"Since {start:%B %Y}, from the status changes recorded in the history; before the "
            "first recorded change a line counts with the status it was changed from.")

    # -- through to the lines ---------------------------------------------------------------

    def figures_texts(self) -> dict[str, list[str]]:
        """Each row's texts by its first column (tests, screen readers)."""
        out = {}

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                out[index.data()] = [self.model.index(row, c, parent).data()
                                     for c in range(1, self.model.columnCount())]
                walk(index)

        walk(QModelIndex())
        return out

    def index_of(self, key: str, code: str | None = None) -> QModelIndex:
        """The cell of row `key` ("p1", "s1.3", "" overall), in `code`'s column if given."""
        column = 2 + STATUS_ORDER.index(code) if code else 0
        found = self.model.match(self.model.index(0, 0), KEY_ROLE, key, 1,
                                 Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0].siblingAtColumn(column) if found else QModelIndex()

    def _bar_clicked(self, row: int, code: str) -> None:
        """A pillar's bar for a status: its lines with that status in the plan."""
        self.ui.show_lines(f"p{self.pillar_numbers[row]}", code)

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ui.show_lines(index.data(KEY_ROLE) or "", index.data(CODE_ROLE))
