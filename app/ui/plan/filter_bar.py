"""The search box and the filters above the plan tree, with the "N of 165 action lines" count."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from app.ui.plan.plan_filter import ANY_COUNTRY
from app.ui.shell.elide import ElidedLabel, ElidingCombo
from app.ui.shell.icons import status_icon
from app.ui.shell.widgets import named
from app.values import CountryInfo
from app.vocab import STATUS_CODES, STATUS_LABELS

_GROUP_NAMES = {"ASEAN": "ASEAN Member States", "EU": "EU Member States",
                "institution": "Institutions"}


def _combo(name: str, tooltip: str, spoken: str) -> QComboBox:
    """A filter: as narrow as four letters, its choice shortened with "…" (said in full in
    its tooltip) when the side is narrow."""
    combo = named(ElidingCombo(4), name)
    combo.setToolTip(tooltip)
    combo.setAccessibleName(spoken)
    combo.setAccessibleDescription(tooltip)
    return combo


class FilterBar(QWidget):
    changed = Signal()  # the search text or a filter changed
    leave_down = Signal()  # Down / Enter in the search box: go to the first match

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = named(QLineEdit(clearButtonEnabled=True), "search")
        self.search.setAccessibleName("Search the plan")
        self.search.setAccessibleDescription("Words, or a reference such as 2.1(c) or 2.1; Down "
                                             "goes to the first match, Esc clears")
        self.search.setPlaceholderText("Search text, notes, references  (Ctrl+F)")
        self.search.setToolTip("Words match as prefixes, all required; or type a reference "
                               "such as 1.3(b), or 1.3 for a whole section")
        self.search.textChanged.connect(self.changed)
        for button in self.search.findChildren(QToolButton):  # the clear button's name
            button.setAccessibleName("Clear the search")
        self.search.returnPressed.connect(self.leave_down)
        for key, slot in ((Qt.Key.Key_Down, self.leave_down.emit), (Qt.Key.Key_Escape,
                                                                     self.clear)):
            shortcut = QShortcut(QKeySequence(key), self.search)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in the search box
            shortcut.activated.connect(slot)
        self.count = named(ElidedLabel(min_chars=8), "matchCount")
        self.count.setStyleSheet("color: palette(placeholder-text);")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.status = _combo("statusFilter", "Show only action lines with this status",
                             "Status filter")
        self.status.addItem("All statuses", None)
        for code in STATUS_CODES:
            self.status.addItem(status_icon(code), STATUS_LABELS[code], code)
        self.country = _combo("countryFilter", "Show action lines by focal-point coverage",
                              "Country filter")
        self.mode = _combo("coverageMode", "Action lines covered, or not covered, by a focal "
                           "point from the chosen country", "Covered or not covered")
        self.mode.addItem("covered", True)
        self.mode.addItem("not covered", False)
        self.mode.setEnabled(False)
        self.tag = _combo("tagFilter", "Show only action lines with this tag", "Tag filter")
        for combo in (self.status, self.country, self.mode, self.tag):
            combo.currentIndexChanged.connect(self._combo_changed)
        self._delegation: str | None = None  # Focal Points > My Delegation
        self.our_gaps = named(QCheckBox("Our gaps"), "ourGaps")
        self.our_gaps.setAccessibleDescription("Only the action lines without a focal point of "
                                               "my delegation (Focal Points > My Delegation)")
        self.our_gaps.clicked.connect(self.show_our_gaps)
        self.set_delegation(None)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 2)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 2)
        grid.addWidget(self.our_gaps, 0, 2)  # above the country filter's covered / not
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
        self._update_our_gaps()

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
        self._sync_our_gaps()
        self.changed.emit()

    # -- "Our gaps": the country filter set to my delegation, not covered -------------------

    def set_delegation(self, code: str | None) -> None:
        """The officer's own country or institution, which "Our gaps" filters on."""
        following = self.showing_our_gaps
        self._delegation = code or None
        self._update_our_gaps()
        if following and self._delegation is not None:
            self.show_our_gaps(True)  # follow the new delegation
        else:
            self._sync_our_gaps()

    @property
    def delegation_name(self) -> str:
        """My delegation's name ("" if none, or until the countries are known)."""
        index = self.country.findData(self._delegation) if self._delegation else -1
        return self.country.itemText(index).rsplit(" (", 1)[0] if index >= 0 else ""

    def _update_our_gaps(self) -> None:
        name = self.delegation_name
        self.our_gaps.setEnabled(bool(name))
        self.our_gaps.setToolTip(f"Action lines without a focal point of {name}" if name
                                 else "Choose your delegation first: Focal Points > My "
                                 "Delegation")

    @property
    def showing_our_gaps(self) -> bool:
        return (self._delegation is not None and self.country_code == self._delegation
                and not self.with_focal_point)

    def show_our_gaps(self, on: bool) -> None:
        """Filter to the action lines without a focal point of my delegation, or undo that."""
        index = self.country.findData(self._delegation) if self._delegation else -1
        for combo in (self.country, self.mode):
            combo.blockSignals(True)
        if on and index >= 0:
            self.country.setCurrentIndex(index)
            self.mode.setCurrentIndex(self.mode.findData(False))
        elif not on and self.showing_our_gaps:
            self.country.setCurrentIndex(0)
            self.mode.setCurrentIndex(0)
        for combo in (self.country, self.mode):
            combo.blockSignals(False)
        self._combo_changed()

    def _sync_our_gaps(self) -> None:
        self.our_gaps.blockSignals(True)
        self.our_gaps.setChecked(self.showing_our_gaps)
        self.our_gaps.blockSignals(False)

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
        self._sync_our_gaps()
        self.changed.emit()

    def show_count(self, shown: int, total: int) -> None:
        self.count.setText(f"{shown} of {total} action lines")
