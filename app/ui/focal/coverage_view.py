"""Coverage (Focal Points > Coverage): sections x countries, "n/total" action lines with an
active focal point of that country, coloured none / some / all. Click a cell to list the
action lines without one, and jump to them in the plan tree.

The ASEAN Member States come first, then the EU side (the 27 as one "EU27" column counting a
focal point of any of them, or all 27 columns), then the institutions (EU, ASEAN Secretariat).
The model reads only the `CoverageMatrix` value it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.focal.values import ActionLineRef, CoverageMatrix, CoverageRow
from app.ui.shell.screen import fit, own_window
from app.ui.shell.value_table import Column, ValueTableModel
from app.ui.shell.widgets import FocusRing, named
from app.values import Change, display_title

if TYPE_CHECKING:
    from app.ui.focal.focal_context import FocalContext

_ANY_INDEX = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
NONE, SOME, ALL = QColor("#f8d3ce"), QColor("#fbe09a"), QColor("#b9e2c6")
INK = QColor("#1d2125")  # dark text on the light cell colours, in any theme


def cell_color(n: int, total: int) -> QColor:
    return ALL if total and n >= total else (SOME if n else NONE)


@dataclass(frozen=True)
class CoverageColumn:
    label: str  # "ID", "EU27"
    name: str  # "Indonesia", "any EU Member State"
    codes: frozenset[str]


class CoverageTableModel(QAbstractTableModel):
    """Row per matrix row plus a total; column 0 the section, then one per country column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: CoverageMatrix | None = None
        self.columns: list[CoverageColumn] = []
        self._rows: list[CoverageRow] = []
        self._counts: list[list[int]] = []  # [row][column - 1], the total row last
        self._gaps: dict[tuple[int, int], tuple[ActionLineRef, ...]] = {}
        self.mine = ""  # my delegation's code: its column header is bold
        self._bold = QFont()
        self._bold.setBold(True)

    def set_matrix(self, matrix: CoverageMatrix, all_eu: bool = False, mine: str = "") -> None:
        self.beginResetModel()
        self.matrix, self.mine = matrix, mine
        names = {c.code: c.name for c in matrix.countries}
        columns = [CoverageColumn(c, names[c], frozenset({c})) for c in matrix.codes("ASEAN")]
        if all_eu:
            columns += [CoverageColumn(c, names[c], frozenset({c})) for c in matrix.codes("EU")]
        elif matrix.codes("EU"):
            columns.append(CoverageColumn("EU27", "any EU Member State",
                                          frozenset(matrix.codes("EU"))))
        columns += [CoverageColumn(c, names[c], frozenset({c}))
                    for c in matrix.codes("institution")]
        self.columns = columns
        self._rows = list(matrix.rows)
        self._counts = [[row.count_any(col.codes) for col in columns] for row in self._rows]
        self._counts.append([sum(r[i] for r in self._counts) for i in range(len(columns))])
        self._gaps = {}
        self.endResetModel()

    # -- values -----------------------------------------------------------------------------

    def total_row(self) -> int:
        return len(self._rows)

    def count(self, row: int, column: int) -> tuple[int, int]:
        """(action lines covered, action lines) of a cell (column >= 1)."""
        total = (sum(r.total for r in self._rows) if row == self.total_row()
                 else self._rows[row].total)
        return self._counts[row][column - 1], total

    def row_label(self, row: int) -> str:
        return "All" if row == self.total_row() else self._rows[row].label

    def gaps(self, row: int, column: int) -> tuple[ActionLineRef, ...]:
        """The cell's action lines with no active focal point of its country (or the 27)."""
        key = (row, column)
        if key not in self._gaps:
            codes = self.columns[column - 1].codes
            rows = self._rows if row == self.total_row() else [self._rows[row]]
            self._gaps[key] = tuple(
                a for r in rows for a, covered in zip(r.actions, r.covered_by, strict=True)
                if not covered & codes)
        return self._gaps[key]

    def cell_text(self, row: int, column: int) -> str:
        n, total = self.count(row, column)
        return f"{n}/{total}"

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return 0 if parent.isValid() or self.matrix is None else len(self._rows) + 1

    def columnCount(self, parent: _ANY_INDEX = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns) + 1

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= len(self.columns):
            return None
        column = self.columns[section - 1] if section else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.label if column else "Section"
        if role == Qt.ItemDataRole.ToolTipRole and column is not None:
            return column.name
        if role == Qt.ItemDataRole.FontRole and column and column.label == self.mine:
            return self._bold
        return None

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row <= len(self._rows) and 0 <= column <= len(self.columns)):
            return None
        is_total = row == self.total_row()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return "All sections" if is_total else f"{self._rows[row].label}  " + (
                    display_title(self._rows[row].title))
            if role == Qt.ItemDataRole.ToolTipRole and not is_total:
                r = self._rows[row]
                return f"{r.label} {display_title(r.title)} ({r.total} action lines)"
            if role == Qt.ItemDataRole.FontRole and is_total:
                return self._bold
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_color(*self.count(row, column))
        if role == Qt.ItemDataRole.ForegroundRole:
            return INK
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and is_total:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            n, total = self.count(row, column)
            where = "the plan" if is_total else self._rows[row].label
            tip = (f"{self.columns[column - 1].name}: {n} of {total} action lines of {where} "
                   "have a focal point")
            return tip + (f"; click to list the {total - n} without" if n < total else "")
        return None


class CoverageWindow(QDialog):
    def __init__(self, ui: FocalContext) -> None:
        super().__init__(ui.host.widget)
        self.setObjectName("coverageWindow")
        self.setWindowTitle("Focal-point coverage — POA Desk")
        self.setModal(False)
        own_window(self)  # not kept above the plan that "Show in Plan" brings forward
        self.ui = ui
        intro = QLabel("Action lines with an active focal point of each country, per section "
                       "(directly or through a whole-section assignment). Click a cell to see "
                       "the action lines without one.", wordWrap=True)
        self.all_eu = named(QCheckBox("Show all 27 EU Member States"), "allEu")
        self.all_eu.toggled.connect(self.reload)
        head = QHBoxLayout()
        head.addWidget(self.all_eu)
        head.addStretch(1)
        for color, text in ((NONE, "none"), (SOME, "some"), (ALL, "all")):
            chip = QLabel(f" {text} ")
            chip.setStyleSheet(f"background: {color.name()}; color: {INK.name()}; "
                               "border-radius: 3px; padding: 1px 6px;")
            head.addWidget(chip)

        self.model = CoverageTableModel(self)
        self.table = named(QTableView(), "coverageTable")
        self.table.setAccessibleName("Coverage by section and country")
        self.table_ring = FocusRing(self.table)
        self.table.setAccessibleDescription("Each cell: action lines with an active focal point "
                                            "of that country, of the section's total")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.clicked.connect(self.show_gaps)
        self.table.selectionModel().currentChanged.connect(self.show_gaps)

        self.gap_label = named(QLabel(wordWrap=True), "gapLabel")
        self.gap_model = ValueTableModel([Column("Ref", lambda a: a.ref),
                                          Column("Action line", lambda a: a.text,
                                                 lambda a: a.text)], self)
        self.gap_list = named(QTableView(), "gapList")
        self.gap_list.setAccessibleName("Action lines without a focal point")
        self.gap_ring = FocusRing(self.gap_list)
        self.gap_list.setModel(self.gap_model)
        self.gap_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gap_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gap_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gap_list.verticalHeader().hide()
        self.gap_list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.gap_list.horizontalHeader().setStretchLastSection(True)
        self.gap_list.setWordWrap(False)
        self.gap_list.doubleClicked.connect(self.go_to_gap)
        self.gap_list.activated.connect(self.go_to_gap)
        self.go_button = named(QPushButton("&Show in Plan"), "showGap")
        self.go_button.clicked.connect(self.go_to_gap)
        self.filter_button = named(QPushButton("&Filter the Plan Tree"), "filterGaps")
        self.filter_button.setToolTip("Show in the tree every action line without a focal "
                                      "point of this country")
        self.filter_button.clicked.connect(self.filter_tree)
        buttons = QHBoxLayout()
        buttons.addWidget(self.gap_label, 1)
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.filter_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.gap_list)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.close)
        layout.addWidget(self.close_buttons)
        self._cell: tuple[int, int] | None = None
        self._section_width_set = False
        ui.host.hub.changed.connect(self._changed)
        fit(self, 1240, 660)  # or what the screen has room for, its buttons visible
        self.reload()

    def reload(self) -> None:
        cell = self._cell
        label = self.model.columns[cell[1] - 1].label if cell and self.model.columns else None
        self.model.set_matrix(self.ui.desk.focal.coverage(self.ui.plan_id()),
                              self.all_eu.isChecked(), self.ui.delegation)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(8)
        bold = QFont(self.font())
        bold.setBold(True)
        width = QFontMetrics(bold).horizontalAdvance("000/000") + 10  # the totals row, too
        for column in range(1, self.model.columnCount()):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        if not self._section_width_set:  # the officer may widen it; keep that
            header.resizeSection(0, self.fontMetrics().horizontalAdvance("n") * 40)
            self._section_width_set = True
        columns = [c.label for c in self.model.columns]
        if cell is not None and label in columns:
            self.show_gaps(self.model.index(cell[0], columns.index(label) + 1))
        else:
            self.show_gaps(QModelIndex())

    def _changed(self, change: Change) -> None:
        if change.focal_points:
            self.reload()

    def show_gaps(self, index: QModelIndex) -> None:
        """List the clicked cell's action lines without a focal point of its country."""
        if not index.isValid() or index.column() == 0:
            self._cell = None
            self.gap_model.set_values([])
            self.gap_label.setText("Click a cell to list its action lines without a focal "
                                   "point of that country.")
            self.go_button.setEnabled(False)
            self.filter_button.setEnabled(False)
            return
        row, column = index.row(), index.column()
        self._cell = (row, column)
        gaps = self.model.gaps(row, column)
        self.gap_model.set_values(gaps)
        self.gap_list.resizeColumnToContents(0)
        country = self.model.columns[column - 1]
        where = ("the plan" if row == self.model.total_row()
                 else f"section {self.model.row_label(row)}")
        n = len(gaps)
        self.gap_label.setText(
            f"<b>{country.name}</b>: {n} action line{'s' if n != 1 else ''} of {where} "
            "without a focal point" + (":" if n else " — fully covered."))
        self.go_button.setEnabled(bool(n))
        self.filter_button.setEnabled(len(country.codes) == 1)
        if n:
            self.gap_list.selectRow(0)

    def go_to_gap(self) -> None:
        index = self.gap_list.currentIndex()
        gap: ActionLineRef | None = self.gap_model.value(index.row()) if index.isValid() else None
        if gap is not None:
            self.ui.show_in_plan(f"a{gap.ref}", self.ui.plan_id())

    def filter_tree(self) -> None:
        if self._cell is not None:
            (code,) = self.model.columns[self._cell[1] - 1].codes
            self.ui.filter_tree_without(code)
