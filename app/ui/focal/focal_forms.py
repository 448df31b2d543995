"""The focal-point forms: add or edit a person, assign one to an action line, hand over.

Each form asks its `submit` callback when OK is pressed; the callback pushes the undo command
and returns the database's one-line refusal (InputError) or None. A refusal is shown in the
form, which stays open with what was typed: nothing was saved. Forms are opened with `open()`
(window-modal, no nested event loop), so tests drive them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.focal.values import FocalPointFields, FocalPointInfo
from app.ui.shell.widgets import FocusShown, named
from app.values import CountryInfo, TargetInfo
from app.vocab import ROLES

GROUP_NAMES = {"ASEAN": "ASEAN Member States", "EU": "EU Member States",
               "institution": "Institutions"}
NEW_PERSON = -1  # the person combo's "New focal point…" item


def fill_countries(combo: QComboBox, countries: Sequence[CountryInfo],
                   current: str | None = None, first: str | None = None) -> None:
    """Countries grouped (ASEAN, EU, institutions) with separators; `first` is a None item."""
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(first, None)
    group = None
    for c in countries:
        if c.grouping != group:
            if group is not None or first is not None:
                combo.insertSeparator(combo.count())
            group = c.grouping
        combo.addItem(f"{c.name} ({c.code})", c.code)
        combo.setItemData(combo.count() - 1, GROUP_NAMES.get(c.grouping, c.grouping),
                          Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
    combo.blockSignals(False)


def error_label() -> QLabel:
    label = named(QLabel(wordWrap=True), "formError")
    label.setStyleSheet("color: #b3261e;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_error(label: QLabel, message: str | None) -> None:
    """One line, as the core wrote it, as a sentence; hidden when there is nothing to say."""
    text = (message or "").strip()
    if text:
        text = text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
    label.setText(text)
    label.setVisible(bool(text))


class PersonFields(QWidget):
    """Name, title, organisation, email, phone (and country, notes when asked for)."""

    def __init__(self, countries: Sequence[CountryInfo] | None = None, notes: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.name = named(QLineEdit(), "name")
        self.name.setPlaceholderText("A person, or an office (\"ASEAN Desk\")")
        self.country: QComboBox | None = None
        self.title = named(QLineEdit(), "title")
        self.title.setPlaceholderText("e.g. Director, ASEAN Cooperation")
        self.organisation = named(QLineEdit(), "organisation")
        self.organisation.setPlaceholderText("Ministry, agency or office")
        self.email = named(QLineEdit(), "email")
        self.email.setPlaceholderText("name@ministry.gov")
        self.phone = named(QLineEdit(), "phone")
        form.addRow("&Name", self.name)
        if countries is not None:
            self.country = named(QComboBox(), "country")
            fill_countries(self.country, countries)
            form.addRow("Co&untry", self.country)
        form.addRow("&Title", self.title)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Email", self.email)
        form.addRow("&Phone", self.phone)
        self.notes: QPlainTextEdit | None = None
        if notes:
            self.notes = named(QPlainTextEdit(), "notes")
            self.notes.setTabChangesFocus(True)
            self.notes.setFixedHeight(self.notes.fontMetrics().height() * 4)
            form.addRow("Note&s", self.notes)

    def set_country(self, code: str) -> None:
        if self.country is not None:
            self.country.setCurrentIndex(max(0, self.country.findData(code)))

    def load(self, info: FocalPointInfo) -> None:
        for edit, value in ((self.name, info.name), (self.title, info.title),
                            (self.organisation, info.organisation), (self.email, info.email),
                            (self.phone, info.phone)):
            edit.setText(value)
        self.set_country(info.country_code)
        if self.notes is not None:
            self.notes.setPlainText(info.notes)

    def fields(self, country: str = "") -> FocalPointFields:
        if self.country is not None:
            country = self.country.currentData() or ""
        return FocalPointFields(self.name.text(), country, self.title.text(),
                                self.organisation.text(), self.email.text(), self.phone.text(),
                                self.notes.toPlainText() if self.notes is not None else "")


class _Form(QDialog):
    """OK asks `_submit()`; a message keeps the form open and shows it."""

    def __init__(self, parent: QWidget | None, title: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        FocusShown(self)  # the first field's outline, before any Tab

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def _submit(self) -> str | None:
        raise NotImplementedError

    def accept(self) -> None:
        message = self._submit()
        show_error(self.error, message)
        if not message:
            super().accept()


class FocalPointForm(_Form):
    """Add a focal point, or edit one (`info`)."""

    def __init__(self, parent: QWidget | None, countries: Sequence[CountryInfo],
                 submit: Callable[[FocalPointFields], str | None],
                 info: FocalPointInfo | None = None, country: str | None = None) -> None:
        super().__init__(parent, f"Edit {info.name}" if info else "Add a focal point",
                         "Save" if info else "Add")
        self.setObjectName("focalPointForm")
        self._submit_fields = submit
        self.person = PersonFields(countries)
        if info is not None:
            self.person.load(info)
        elif country:
            self.person.set_country(country)
        self.layout_.addWidget(self.person)
        self.finish_layout()
        self.resize(460, self.sizeHint().height())

    def _submit(self) -> str | None:
        return self._submit_fields(self.person.fields())


@dataclass(frozen=True)
class AssignRequest:
    focal_point_id: int | None  # None: a new person, `new`
    name: str
    new: FocalPointFields | None
    target: TargetInfo
    role: str


class AssignDialog(_Form):
    """Pick a country, then a person (or make one), a role, and the line or its section."""

    def __init__(self, parent: QWidget | None, countries: Sequence[CountryInfo],
                 people: Callable[[str], list[FocalPointInfo]], line: TargetInfo | None,
                 section: TargetInfo | None, submit: Callable[[AssignRequest], str | None],
                 country: str | None = None) -> None:
        """`line` None: a section's row was selected, the assignment is for `section`."""
        shown = line or section
        assert shown is not None
        super().__init__(parent, f"Assign a focal point to {'section ' if line is None else ''}"
                         f"{shown.ref}", "Assign")
        self.setObjectName("assignDialog")
        self._people = people
        self._submit_request = submit
        self.line, self.section = line, section
        form = QFormLayout()
        self.country = named(QComboBox(), "country")
        fill_countries(self.country, countries, country)
        self.country.currentIndexChanged.connect(self._country_changed)
        self.person = named(QComboBox(), "person")
        self.person.currentIndexChanged.connect(self._person_changed)
        self.person.activated.connect(self._person_picked)
        self.new_person = PersonFields(notes=False)
        self.role = named(QComboBox(), "role")
        for role in ROLES:
            self.role.addItem(role, role)
        self.on_line = named(QRadioButton(f"This action line, {line.ref}" if line else
                                          "This action line (a section is selected)"),
                             "onLine")
        self.on_line.setEnabled(line is not None)
        self.on_section = named(QRadioButton(), "onSection")
        if section is not None:
            n = len(section.action_ids)
            self.on_section.setText(f"The whole section {section.ref} ({n} action lines)")
            self.on_section.setToolTip(section.title)
        else:
            self.on_section.setText("The whole section (this line is not in a section)")
            self.on_section.setEnabled(False)
        (self.on_line if line is not None else self.on_section).setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.on_line)
        scope.addButton(self.on_section)
        form.addRow("Co&untry", self.country)
        form.addRow("&Focal point", self.person)
        form.addRow("", self.new_person)
        form.addRow("&Role", self.role)
        form.addRow("Covers", self.on_line)
        form.addRow("", self.on_section)
        self.layout_.addLayout(form)
        self.finish_layout()
        self._country_changed()
        self.resize(520, self.sizeHint().height())

    def _country_changed(self) -> None:
        code = self.country.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for info in self._people(code) if code else []:
            label = info.name + (f" — {info.organisation}" if info.organisation else "")
            self.person.addItem(label, info.id)
        self.person.addItem("New focal point…", NEW_PERSON)
        self.person.blockSignals(False)
        self._person_changed()

    def _person_changed(self) -> None:
        """Show the new person's fields when "New focal point…" is current; the focus stays
        where the officer is (typing a country's name must not land in Name)."""
        self.new_person.setVisible(self.person.currentData() == NEW_PERSON)
        self.resize(self.width(), self.sizeHint().height())

    def _person_picked(self, _index: int) -> None:
        """"New focal point…" chosen in the list itself: on to its Name."""
        if self.person.currentData() == NEW_PERSON:
            self.new_person.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_person(self, name: str) -> None:
        """Select an existing person by name, or "New focal point…" by that text."""
        index = self.person.findText(name, Qt.MatchFlag.MatchStartsWith)
        self.person.setCurrentIndex(index)

    def request(self) -> AssignRequest:
        target = self.section if self.on_section.isChecked() and self.section else self.line
        assert target is not None
        role = self.role.currentData()
        person = self.person.currentData()
        if person == NEW_PERSON:
            fields = self.new_person.fields(self.country.currentData() or "")
            return AssignRequest(None, fields.name.strip(), fields, target, role)
        name = self.person.currentText().split(" — ")[0]
        return AssignRequest(person, name, None, target, role)

    def _submit(self) -> str | None:
        if self.person.currentData() is None:
            return "choose a focal point, or New focal point…"
        return self._submit_request(self.request())


class HandoverDialog(_Form):
    """Hand all of one person's assignments to a successor: an existing one or a new one."""

    def __init__(self, parent: QWidget | None, old: FocalPointInfo,
                 people: Sequence[FocalPointInfo], countries: Sequence[CountryInfo],
                 submit: Callable[[int | FocalPointFields, str], str | None]) -> None:
        super().__init__(parent, f"Hand over from {old.name}", "Hand over")
        self.setObjectName("handoverDialog")
        self._submit_successor = submit
        n = old.assignment_count
        intro = QLabel(f"{old.name} ({old.country_name}) has {n} assignment"
                       f"{'s' if n != 1 else ''}. All of them move to the successor; "
                       f"{old.name} stays in the register as inactive history.", wordWrap=True)
        self.existing = named(QRadioButton("An e&xisting focal point"), "existing")
        self.successor = named(QComboBox(), "successor")
        self.successor.setAccessibleName("Successor")
        others = [p for p in people if p.id != old.id and p.active]
        others.sort(key=lambda p: p.country_code != old.country_code)  # same country first
        for p in others:
            self.successor.addItem(f"{p.name} ({p.country_code})"
                                   + (f" — {p.organisation}" if p.organisation else ""), p.id)
        self.new = named(QRadioButton("A ne&w focal point"), "newSuccessor")
        self.person = PersonFields(countries)
        self.person.set_country(old.country_code)
        self.person.title.setText(old.title)
        self.person.organisation.setText(old.organisation)
        group = QButtonGroup(self)
        group.addButton(self.existing)
        group.addButton(self.new)
        self.existing.setEnabled(bool(others))
        (self.existing if others else self.new).setChecked(True)
        self.existing.toggled.connect(self._mode_changed)
        for widget in (intro, self.existing, self.successor, self.new, self.person):
            self.layout_.addWidget(widget)
        self.finish_layout()
        self._mode_changed()
        self.resize(480, self.sizeHint().height())

    def _mode_changed(self) -> None:
        self.successor.setEnabled(self.existing.isChecked())
        self.person.setEnabled(self.new.isChecked())

    def _submit(self) -> str | None:
        if self.existing.isChecked():
            if self.successor.currentData() is None:
                return "choose the successor"
            name = self.successor.currentText().split(" (")[0]
            return self._submit_successor(self.successor.currentData(), name)
        fields = self.person.fields()
        return self._submit_successor(fields, fields.name.strip())
