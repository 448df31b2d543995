"""The search box and the filters above the plan tree, with the "N of 165 action lines" count."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.status import STATUS_CODES, STATUS_LABELS
from app.ui.icons import status_icon
from app.ui.plan_filter import ANY_COUNTRY
from app.ui.widgets import named
from app.values import CountryInfo

_GROUP_NAMES = {"ASEAN": "ASEAN Member States", "EU": "EU Member States",
                "institution": "Institutions"}


def _combo(name: str, tooltip: str) -> QComboBox:
    combo = named(QComboBox(), name)
    combo.setToolTip(tooltip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(4)
    return combo


class FilterBar(QWidget):
    changed = Signal()  # the search text or a filter changed
    leave_down = Signal()  # Down / Enter in the search box: go to the first match

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = named(QLineEdit(clearButtonEnabled=True), "search")
        self.search.setPlaceholderText("Search text, notes, references  (Ctrl+F)")
        self.search.setToolTip("Words match as prefixes, all required; or type a reference "
                               "such as 1.3(b), or 1.3 for a whole section")
        self.search.textChanged.connect(self.changed)
        self.search.returnPressed.connect(self.leave_down)
        for key, slot in ((Qt.Key.Key_Down, self.leave_down.emit), (Qt.Key.Key_Escape,
                                                                     self.clear)):
            shortcut = QShortcut(QKeySequence(key), self.search)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in the search box
            shortcut.activated.connect(slot)
        self.count = named(QLabel(), "matchCount")
        self.count.setStyleSheet("color: palette(placeholder-text);")

        self.status = _combo("statusFilter", "Show only action lines with this status")
        self.status.addItem("All statuses", None)
        for code in STATUS_CODES:
            self.status.addItem(status_icon(code), STATUS_LABELS[code], code)
        self.country = _combo("countryFilter", "Show action lines by focal-point coverage")
        self.mode = _combo("coverageMode", "Action lines covered, or not covered, by a focal "
                           "point from the chosen country")
        self.mode.addItem("covered", True)
        self.mode.addItem("not covered", False)
        self.mode.setEnabled(False)
        self.tag = _combo("tagFilter", "Show only action lines with this tag")
        for combo in (self.status, self.country, self.mode, self.tag):
            combo.currentIndexChanged.connect(self._combo_changed)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 2)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 3)
        grid.addWidget(self.count, 0, 3, alignment=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.status, 1, 0)
        grid.addWidget(self.country, 1, 1)
        grid.addWidget(self.mode, 1, 2)
        grid.addWidget(self.tag, 1, 3)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        self.set_countries([])
        self.set_tags([])

    def set_countries(self, countries: Sequence[CountryInfo]) -> None:
        current = self.country.currentData()
        self.country.blockSignals(True)
        self.country.clear()
        self.country.addItem("All countries", None)
        self.country.addItem("Any country", ANY_COUNTRY)
        group = None
        for c in countries:
            if c.grouping != group:
                group = c.grouping
                self.country.insertSeparator(self.country.count())
            self.country.addItem(f"{c.name} ({c.code})", c.code)
            self.country.setItemData(self.country.count() - 1,
                                     _GROUP_NAMES.get(c.grouping, c.grouping),
                                     Qt.ItemDataRole.ToolTipRole)
        self.country.setCurrentIndex(max(0, self.country.findData(current)))
        self.country.blockSignals(False)

    def set_tags(self, tags: Sequence[str]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("All tags" if tags else "No tags yet", None)
        for name in tags:
            self.tag.addItem(name, name)
        index = self.tag.findData(current) if current is not None else 0
        self.tag.setCurrentIndex(max(0, index))
        self.tag.setEnabled(bool(tags))
        self.tag.blockSignals(False)
        if current is not None and index < 0:  # the tag filtered on is gone
            self.changed.emit()

    def _combo_changed(self) -> None:
        self.mode.setEnabled(self.country.currentData() is not None)
        self.changed.emit()

    # -- what is asked ----------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.search.text()

    @property
    def status_code(self) -> str | None:
        value: str | None = self.status.currentData()
        return value

    @property
    def country_code(self) -> str | None:
        value: str | None = self.country.currentData()
        return value

    @property
    def with_focal_point(self) -> bool:
        return bool(self.mode.currentData())

    @property
    def tag_name(self) -> str | None:
        value: str | None = self.tag.currentData()
        return value

    def clear(self) -> None:
        """Esc: clear the search; a second Esc clears the filters too."""
        if self.search.text():
            self.search.clear()
            return
        for combo in (self.status, self.country, self.mode, self.tag):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.mode.setEnabled(False)
        self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        self.count.setText(f"{shown} of {total} action lines")
