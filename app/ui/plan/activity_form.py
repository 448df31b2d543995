"""The small form for an activity: title, kind, start and end dates, place, lead, programme,
link and notes, and (for a new one) whether it is under the action line or its whole section.

Opened with `open()` (window-modal, no nested event loop), so tests fill in the real form and
press OK. OK asks `submit(target, fields)`, which pushes the command: its refusal (a message)
stays in the form, which stays open; None closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.activities.values import ActivityFields, ActivityInfo
from app.ui.shell.date_field import DateField
from app.ui.shell.widgets import accessible, named
from app.values import Target
from app.vocab import ACTIVITY_KINDS

Submit = Callable[[Target, ActivityFields], str | None]


def _date_field(name: str, spoken: str, description: str) -> DateField:
    field = named(DateField(), name)
    field.edit.setObjectName(f"{name}Edit")
    accessible(field.edit, spoken, description)
    field.calendar_button.setAccessibleName(f"Choose the {spoken.lower()} on a calendar")
    field.edit.setPlaceholderText("YYYY-MM-DD, or 5 March 2026")
    return field


class ActivityForm(QDialog):
    def __init__(self, parent: QWidget | None, targets: Sequence[tuple[str, Target]],
                 submit: Submit, initial: ActivityInfo | None = None) -> None:
        """`targets`: where a new activity may go ("1.3(b) (this action line)", its section);
        `initial`: the activity edited (its place cannot change)."""
        super().__init__(parent)
        self.setObjectName("activityForm")
        self.setWindowTitle(("Edit activity" if initial else "New activity") + " — POA Desk")
        self._submit = submit
        self.under = accessible(named(QComboBox(), "activityUnder"), "Under",
                                "The action line, or its whole section (the activity then "
                                "counts for each of its lines)")
        for text, target in targets:
            self.under.addItem(text, target)
        self.title_edit = accessible(named(QLineEdit(maxLength=300), "activityTitle"), "Title")
        self.title_edit.setPlaceholderText("e.g. ASEAN-EU dialogue on haze")
        self.kind = accessible(named(QComboBox(), "activityKind"), "Kind")
        for code, kind_label in ACTIVITY_KINDS.items():
            self.kind.addItem(kind_label, code)
        self.start = _date_field("activityStart", "Start date",
                                 "The first day, e.g. 2026-03-04; empty if undated")
        self.end = _date_field("activityEnd", "End date",
                               "The last day of a several-day activity; empty for one day")
        self.place = accessible(named(QLineEdit(maxLength=300), "activityPlace"), "Place")
        self.lead = accessible(named(QLineEdit(maxLength=120), "activityLead"), "Lead",
                               "The side or country leading it: EU, ASEAN, Indonesia…")
        self.lead.setPlaceholderText("EU, ASEAN, or a country")
        self.programme = accessible(named(QLineEdit(maxLength=300), "activityProgramme"),
                                    "Programme or funding")
        self.programme.setPlaceholderText("e.g. E-READI")
        self.link = accessible(named(QLineEdit(maxLength=1000), "activityLink"),
                               "Link or file reference")
        self.notes = accessible(named(QPlainTextEdit(), "activityNotes"), "Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.error = named(QLabel(wordWrap=True), "activityError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        form = QFormLayout()
        rows: list[tuple[str, QWidget, QWidget]] = [
            ("&Under:", self.under, self.under), ("&Title:", self.title_edit, self.title_edit),
            ("&Kind:", self.kind, self.kind), ("&Starts:", self.start, self.start.edit),
            ("&Ends:", self.end, self.end.edit), ("&Place:", self.place, self.place),
            ("&Lead:", self.lead, self.lead), ("P&rogramme:", self.programme, self.programme),
            ("L&ink:", self.link, self.link), ("&Notes:", self.notes, self.notes)]
        for text, field, buddy in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # a message goes once what it is about is typed again (the title, a date, any field
        # after a refusal)
        self._error_about: tuple[object, ...] = ()
        for edit in (self.title_edit, self.place, self.lead, self.programme, self.link,
                     self.start.edit, self.end.edit):
            edit.textChanged.connect(lambda _text, e=edit: self._edited(e))
        self.notes.textChanged.connect(lambda: self._edited(self.notes))
        self.kind.currentIndexChanged.connect(lambda _i: self._edited(self.kind))
        self.under.currentIndexChanged.connect(lambda _i: self._edited(self.under))
        if initial is not None:
            self._load(initial)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("n") * 60)
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, info: ActivityInfo) -> None:
        f = info.fields
        self.under.clear()
        self.under.addItem(f"{info.ref}", info.target)
        self.under.setEnabled(False)
        self.title_edit.setText(f.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(f.kind)))
        self.start.set_value(f.start_date)
        self.end.set_value(f.end_date)
        for edit, value in ((self.place, f.place), (self.lead, f.lead),
                            (self.programme, f.programme), (self.link, f.link)):
            edit.setText(value)
        self.notes.setPlainText(f.notes)

    def fields(self) -> ActivityFields:
        """What the form says; ValueError (a message) for a date that is not one."""
        try:
            start = self.start.value()
        except ValueError as exc:
            raise ValueError(f"Starts: {exc}") from None
        try:
            end = self.end.value()
        except ValueError as exc:
            raise ValueError(f"Ends: {exc}") from None
        return ActivityFields(self.title_edit.text(), self.kind.currentData() or "other",
                              start, end, self.place.text(), self.lead.text(),
                              self.programme.text(), self.link.text(),
                              self.notes.toPlainText())

    def target(self) -> Target:
        target: Target = self.under.currentData()
        return target

    def show_error(self, message: str, *about: object) -> None:
        """Show `message` until one of the widgets it is `about` changes (any, if none)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self._error_about = about

    def _edited(self, widget: object) -> None:
        if self.error.isVisible() and (not self._error_about or widget in self._error_about):
            self.show_error("")

    def accept(self) -> None:
        try:
            fields = self.fields()
        except ValueError as exc:
            self.show_error(str(exc), self.start.edit, self.end.edit)
            return
        if not fields.title.strip():
            self.show_error("An activity needs a title.", self.title_edit)
            self.title_edit.setFocus()
            return
        refusal = self._submit(self.target(), fields)
        if refusal is not None:
            self.show_error(refusal[:1].upper() + refusal[1:])
            return
        self.show_error("")
        super().accept()
