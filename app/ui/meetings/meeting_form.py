"""The form for a new meeting or a meeting's details: kind, title, date, venue, marking.

`ask_meeting()` shows it modally through `run_dialog()`, the one call tests replace (they fill
in the real form and press OK instead of waiting on `exec()`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.meetings.date_field import DateField
from app.ui.meetings.meeting_commands import MeetingFields
from app.ui.shell.widgets import named
from app.vocab import MEETING_KINDS

MARKINGS = ("", "RESTRICTED", "CONFIDENTIAL", "LIMITE")


def _line(combo: QComboBox) -> QLineEdit:
    line = combo.lineEdit()
    assert line is not None  # an editable combo
    return line


class MeetingForm(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 initial: MeetingFields | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Meeting details" if initial else "New meeting")
        self.kind = named(QComboBox(editable=True), "kind")
        self.kind.addItems(list(MEETING_KINDS))
        _line(self.kind).setMaxLength(60)
        self.kind.setToolTip("One of the usual kinds, or type your own")
        self.title_edit = named(QLineEdit(maxLength=300), "title")
        self.title_edit.setPlaceholderText("e.g. 29th ASEAN-EU Senior Officials' Meeting")
        self.date_edit = DateField()  # empty: not fixed yet
        self.date_edit.validity_changed.connect(self._check)
        self.venue = named(QLineEdit(maxLength=300), "venue")
        self.venue.setPlaceholderText("e.g. Jakarta, ASEAN Secretariat")
        self.marking = named(QComboBox(editable=True), "marking")
        self.marking.addItems(list(MARKINGS))
        _line(self.marking).setMaxLength(120)
        _line(self.marking).setPlaceholderText("none")
        self.marking.setToolTip("Handling marking, printed in the brief's header and footer")

        form = QFormLayout()
        for text, field in (("&Kind:", self.kind), ("&Title:", self.title_edit),
                            ("&Date:", self.date_edit), ("&Venue:", self.venue),
                            ("&Marking:", self.marking)):
            label = QLabel(text)
            label.setBuddy(field.edit if isinstance(field, DateField) else field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

        if initial is not None:
            self.kind.setCurrentText(initial.kind)
            self.title_edit.setText(initial.title)
            self.date_edit.set_value(initial.date)
            self.venue.setText(initial.venue)
            self.marking.setCurrentText(initial.marking)
        else:
            self.kind.setCurrentText("SOM")
        self.kind.currentTextChanged.connect(self._check)
        self.title_edit.textChanged.connect(self._check)
        self._check()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _check(self) -> None:
        """OK only with a kind, a title and a date or none (the core says so too, in words)."""
        self.ok_button.setEnabled(bool(self.kind.currentText().strip()
                                       and self.title_edit.text().strip()
                                       and self.date_edit.valid))

    def accept(self) -> None:
        if self.ok_button.isEnabled():  # Enter with a date that is not one: stay
            super().accept()
        else:
            self.date_edit.edit.setFocus()

    def fields(self) -> MeetingFields:
        when: date | None = self.date_edit.value()
        return MeetingFields(self.kind.currentText().strip(), self.title_edit.text().strip(),
                             when, self.venue.text().strip(),
                             self.marking.currentText().strip())


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog modally; True if accepted. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_meeting(parent: QWidget | None,
                initial: MeetingFields | None = None) -> MeetingFields | None:
    """The meeting form, filled with `initial`; the fields, or None if cancelled."""
    form = MeetingForm(parent, initial)
    try:
        return form.fields() if run_dialog(form) else None
    finally:
        form.deleteLater()
