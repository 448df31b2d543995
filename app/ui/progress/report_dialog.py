"""File > Progress Report…: the period (from, to), the marking and Word or Excel. Opened with
`open()` (window-modal, no nested event loop), so tests fill in the real form and press OK;
OK then asks where to write it (app.ui.progress.ProgressUi.write_report), the file's name
deciding Word (.docx) or Excel (.xlsx)."""

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

from app.ui.shell.date_field import DateField
from app.ui.shell.widgets import accessible, named
from app.vocab import MARKINGS

FORMATS = (("Word document (.docx)", ".docx"), ("Excel workbook (.xlsx)", ".xlsx"))


def _date_field(name: str, spoken: str, when: date) -> DateField:
    field = named(DateField(), name)
    field.edit.setObjectName(f"{name}Edit")
    accessible(field.edit, spoken, "e.g. 2026-01-01 or 1 January 2026")
    field.calendar_button.setAccessibleName(f"Choose the {spoken.lower()} on a calendar")
    field.edit.setPlaceholderText("YYYY-MM-DD")
    field.set_value(when)
    return field


class ReportDialog(QDialog):
    def __init__(self, parent: QWidget | None, today: date | None = None) -> None:
        super().__init__(parent)
        today = today or date.today()
        self.setObjectName("reportDialog")
        self.setWindowTitle("Progress Report — POA Desk")
        intro = QLabel("The progress report to the ASEAN-EU Ministerial Meeting for a period: "
                       "the figures by pillar and section with a chart, what changed in the "
                       "period, and each action line with its activities.", wordWrap=True)
        self.date_from = _date_field("reportFrom", "From", date(today.year, 1, 1))
        self.date_to = _date_field("reportTo", "To", today)
        self.marking = accessible(named(QComboBox(editable=True), "reportMarking"), "Marking",
                                  "Printed in the header of every page; empty for none")
        self.marking.addItem("")
        for name, meaning in MARKINGS:
            self.marking.addItem(name)
            self.marking.setItemData(self.marking.count() - 1, meaning)
        line = self.marking.lineEdit()
        if isinstance(line, QLineEdit):
            line.setPlaceholderText("none")
            line.setAccessibleName("Marking")
        self.format = accessible(named(QComboBox(), "reportFormat"), "Format")
        for text, suffix in FORMATS:
            self.format.addItem(text, suffix)
        self.error = named(QLabel(wordWrap=True), "reportError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form = QFormLayout()
        for text, field, buddy in (("&From:", self.date_from, self.date_from.edit),
                                   ("&To:", self.date_to, self.date_to.edit),
                                   ("&Marking:", self.marking, self.marking),
                                   ("F&ormat:", self.format, self.format)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("&Write Report…",
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter writes the report: Cancel never takes the default (an auto-default button
        # does once it has had the focus, and Qt gives the first one the default on show)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("n") * 56)

    def period(self) -> tuple[date, date]:
        """From and to; ValueError (a message) if either is missing or wrong."""
        values = []
        for name, field in (("From", self.date_from), ("To", self.date_to)):
            try:
                when = field.value()
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from None
            if when is None:
                raise ValueError(f"{name}: a report needs the period's {name.lower()} date")
            values.append(when)
        if values[1] < values[0]:
            raise ValueError(f"The period ends ({values[1]}) before it starts ({values[0]})")
        return values[0], values[1]

    def marking_text(self) -> str:
        return " ".join(self.marking.currentText().split())

    def suffix(self) -> str:
        suffix: str = self.format.currentData()
        return suffix

    def accept(self) -> None:
        try:
            self.period()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        super().accept()
