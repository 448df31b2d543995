"""The focal-point register window (Focal Points > Register, Ctrl+Shift+P): non-modal.

A table of people (filtered by country, organisation, free text, inactive shown or not), the
buttons to add, edit, deactivate / reactivate and hand over, and below it everything the
selected person is assigned to; double-click an assignment to show it in the plan tree.
Edits are undo commands on the main window's stack (through FocalUi.editor); the window reloads
when the change hub says the focal points changed (its own edit, the detail pane's, an undo).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PoaDeskError
from app.focal.values import AssignmentInfo, FocalPointFields, FocalPointInfo
from app.ui.focal.focal_forms import (
    FocalPointForm,
    HandoverDialog,
    error_label,
    fill_countries,
    show_error,
)
from app.ui.shell.actions import Act
from app.ui.shell.screen import fit
from app.ui.shell.value_table import Column, ValueTableModel
from app.ui.shell.widgets import FocusRing, named
from app.values import Change

if TYPE_CHECKING:
    from app.ui.focal.focal_context import FocalContext


def people_model(parent: QWidget | None,
                 successor_name: Callable[[int], str | None]) -> ValueTableModel:
    def status(p: FocalPointInfo) -> str:
        if p.active:
            return "active"
        heir = successor_name(p.successor_id) if p.successor_id else None
        return f"inactive → {heir}" if heir else "inactive"

    return ValueTableModel([
        Column("Name", lambda p: p.name, lambda p: p.notes or None),
        Column("Country", lambda p: p.country_name, lambda p: p.country_name),
        Column("Organisation", lambda p: p.organisation, lambda p: p.organisation or None),
        Column("Title", lambda p: p.title, lambda p: p.title or None),
        Column("Email", lambda p: p.email),
        Column("Phone", lambda p: p.phone),
        Column("Assigned", lambda p: str(p.assignment_count),
               lambda p: f"{p.assignment_count} assignment(s): action lines or sections"),
        Column("Status", status, status),
    ], parent, dimmed=lambda p: not p.active)


def assignments_model(parent: QWidget | None) -> ValueTableModel:
    def covers(a: AssignmentInfo) -> str:
        n = len(a.action_ids)
        return f"whole section ({n} lines)" if a.is_section else "action line"

    return ValueTableModel([
        Column("Ref", lambda a: a.ref),
        Column("Role", lambda a: a.role),
        Column("Covers", covers),
        Column("Text", lambda a: a.title, lambda a: a.title),
    ], parent, dimmed=lambda a: not a.active)


TITLE_COLUMN = 3  # takes the room left; the others fit their text, up to (in characters):
MAX_CHARS = {0: 22, 1: 18, 2: 28, 4: 28, 7: 18}


def _table(name: str, model: ValueTableModel) -> QTableView:
    view = named(QTableView(), name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    return view


class FocalRegister(QDialog):
    def __init__(self, ui: FocalContext) -> None:
        super().__init__(ui.host.widget)
        self.setObjectName("focalRegister")
        self.setWindowTitle("Focal-point register — POA Desk")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        self.ui = ui
        self.form: QDialog | None = None  # the add / edit / hand-over form last opened
        self._names: dict[int, str] = {}

        self.country = named(QComboBox(), "registerCountry")
        fill_countries(self.country, ui.countries(), first="All countries")
        self.organisation = named(QLineEdit(clearButtonEnabled=True), "registerOrganisation")
        self.organisation.setPlaceholderText("Organisation")
        self.organisation.setAccessibleName("Filter by organisation")
        self.country.setAccessibleName("Filter by country")
        self.search = named(QLineEdit(clearButtonEnabled=True), "registerSearch")
        self.search.setPlaceholderText("Search name, title, email, phone, notes")
        self.search.setAccessibleName("Search the register")
        self.inactive = named(QCheckBox("Show &inactive"), "registerInactive")
        self.count = named(QLabel(), "registerCount")
        self.count.setStyleSheet("color: palette(placeholder-text);")
        self.country.currentIndexChanged.connect(self.reload)
        for edit in (self.organisation, self.search):
            edit.textChanged.connect(self.reload)
        self.inactive.toggled.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(self.country, 2)
        filters.addWidget(self.organisation, 2)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.inactive)

        self.add_button = named(QPushButton("&Add…"), "registerAdd")
        self.edit_button = named(QPushButton("&Edit…"), "registerEdit")
        self.active_button = named(QPushButton("&Deactivate"), "registerActive")
        self.active_button.setToolTip("An inactive focal point stays as history and no longer "
                                      "counts for coverage")
        self.handover_button = named(QPushButton("&Hand over…"), "registerHandover")
        self.handover_button.setToolTip("Move all of this person's assignments to a successor")
        self.add_button.clicked.connect(self.open_add)
        self.edit_button.clicked.connect(self.open_edit)
        self.active_button.clicked.connect(self.toggle_active)
        self.handover_button.clicked.connect(self.open_handover)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button,
                       self.handover_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)

        self.people = people_model(self, self._names.get)
        self.table = _table("registerTable", self.people)
        self.table.setAccessibleName("Focal points")
        self.table_ring = FocusRing(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        # the selection, not the current row: a click makes the row current before it selects
        self.table.selectionModel().selectionChanged.connect(self._person_changed)
        self.table.doubleClicked.connect(self.open_edit)
        self.assignments = assignments_model(self)
        self.assigned_label = named(QLabel(), "assignedLabel")
        self.assigned = _table("assignedTable", self.assignments)
        self.assigned.setAccessibleName("What the selected focal point covers")
        self.assigned_ring = FocusRing(self.assigned)
        self.assigned.setAccessibleDescription("Enter or double-click shows it in the plan")
        self.assigned.doubleClicked.connect(self._assignment_activated)
        self.assigned.activated.connect(self._assignment_activated)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.assigned_label)
        lower_layout.addWidget(self.assigned)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        self.message = error_label()  # a refused deactivation, reactivation
        layout.addWidget(self.message)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.close_buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.close)
        layout.addWidget(self.close_buttons)
        for action in (ui.host.actions[Act.UNDO], ui.host.actions[Act.REDO]):
            self.addAction(action)  # Ctrl+Z here undoes on the window's one stack
        ui.host.hub.changed.connect(self._changed)
        fit(self, 1200, 640)  # or what the screen has room for, its buttons visible
        self.reload()

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Query the register with the filters; keep the selected person if still listed."""
        chosen = self.selected()
        try:
            found = self.ui.desk.focal.people(
                country=self.country.currentData(),
                organisation=self.organisation.text().strip() or None,
                text=self.search.text().strip() or None,
                active=None if self.inactive.isChecked() else True)
            if any(not p.active for p in found):
                self._names = {p.id: p.name for p in self.ui.desk.focal.people()}
        except PoaDeskError as exc:
            self.ui.host.error(str(exc))
            found = []
        self._names.update({p.id: p.name for p in found})
        self.people.set_values(found)
        self.count.setText(f"{len(found)} focal point{'s' if len(found) != 1 else ''}")
        em = self.fontMetrics().horizontalAdvance("n")
        for column in range(self.people.columnCount()):  # long text is elided, in full as tips
            if column != TITLE_COLUMN:
                self.table.resizeColumnToContents(column)
                limit = MAX_CHARS.get(column, 0) * em
                if limit and self.table.columnWidth(column) > limit:
                    self.table.setColumnWidth(column, limit)
        self.select_person(chosen.id if chosen else None)

    def _changed(self, change: Change) -> None:
        if change.focal_points:
            self.reload()

    def selected(self) -> FocalPointInfo | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        value: FocalPointInfo | None = self.people.value(index.row())
        return value

    def select_person(self, focal_point_id: int | None) -> bool:
        row = (self.people.row_where(lambda p: p.id == focal_point_id)
               if focal_point_id is not None else -1)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.people.index(row, 0))
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        self._person_changed()
        return row >= 0

    def show_person(self, focal_point_id: int) -> None:
        """Select a person, clearing the filters if they hide them."""
        if not self.select_person(focal_point_id):
            for edit in (self.organisation, self.search):
                edit.blockSignals(True)
                edit.clear()
                edit.blockSignals(False)
            self.country.blockSignals(True)
            self.country.setCurrentIndex(0)
            self.country.blockSignals(False)
            self.inactive.setChecked(True)  # reloads, if it was not checked
            self.reload()
            self.select_person(focal_point_id)

    def _person_changed(self) -> None:
        person = self.selected()
        show_error(self.message, None)
        for button in (self.edit_button, self.active_button, self.handover_button):
            button.setEnabled(person is not None)
        self.active_button.setText("&Reactivate" if person and not person.active
                                   else "&Deactivate")
        self.handover_button.setEnabled(person is not None and person.assignment_count > 0)
        items: list[AssignmentInfo] = []
        if person is not None:
            try:
                items = self.ui.desk.focal.assignments_of(person.id)
            except PoaDeskError as exc:
                self.ui.host.error(str(exc))
        self.assignments.set_values(items)
        self.assigned.resizeColumnsToContents()
        if person is None:
            self.assigned_label.setText("Select a focal point to see what they cover.")
        elif not items:
            self.assigned_label.setText(f"{person.name} has no assignment yet: assign from an "
                                        "action line's Focal points (Assign…).")
        else:
            sections = sum(1 for a in items if a.is_section)
            what = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in (
                (len(items) - sections, "action line"), (sections, "whole section")) if n]
            self.assigned_label.setText(f"<b>{escape(person.name)}</b> is assigned to "
                                        f"{' and '.join(what)}. Double-click one to show it "
                                        "in the plan.")

    def _assignment_activated(self, index: QModelIndex) -> None:
        info: AssignmentInfo | None = self.assignments.value(index.row())
        if info is not None:
            self.ui.show_in_plan(f"s{info.ref}" if info.is_section else f"a{info.ref}",
                                 info.plan_id)

    # -- edits ------------------------------------------------------------------------------

    def _open(self, form: QDialog) -> QDialog:
        self.form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form

    def open_add(self) -> QDialog:
        def submit(fields: FocalPointFields) -> str | None:
            error, created = self.ui.editor.add(fields)
            if created is not None:
                self.show_person(created)
            return error

        return self._open(FocalPointForm(self, self.ui.countries(), submit,
                                         country=self.country.currentData()
                                         or self.ui.delegation or None))

    def open_edit(self) -> QDialog | None:
        person = self.selected()
        if person is None:
            return None

        def submit(fields: FocalPointFields) -> str | None:
            return self.ui.editor.edit(person.id, person.fields, fields)

        return self._open(FocalPointForm(self, self.ui.countries(), submit, info=person))

    def toggle_active(self) -> None:
        person = self.selected()
        if person is not None:
            show_error(self.message, self.ui.editor.set_active(person.id, person.name,
                                                               not person.active))

    def open_handover(self) -> QDialog | None:
        person = self.selected()
        if person is None:
            return None

        def submit(successor: int | FocalPointFields, name: str) -> str | None:
            error = self.ui.editor.handover(person.id, person.name, successor, name)
            heir = self.ui.desk.focal.get(person.id).successor_id if not error else None
            if heir is not None:
                self.show_person(heir)
            return error

        everyone = self.ui.desk.focal.people(active=True)
        return self._open(HandoverDialog(self, person, everyone, self.ui.countries(), submit))
