"""The form for a new meeting or a meeting's details, in two tabs: the meeting (title, date,
venue, for a new meeting its agenda, then kind and marking) and the brief's top page (purpose,
key asks, delegation, logistics and the document control: drafted by, cleared by, version,
reference). Two tabs keep it within a 1280x720 screen.

It opens with the cursor in Title; Tab goes Title -> Date -> Venue -> Agenda -> Kind -> Marking,
the order of the quick path (a SOM by default: the kind is changeable). The Agenda field
(agenda_field) takes the whole agenda in one line, as `meeting add --refs` does; Enter makes the
meeting with it.

The marking is an editable list: the markings of `app.vocab.MARKINGS`, each with what it means
(as the entry's tooltip and in a line under the list), or any text of the officer's own.

`ask_meeting()` shows it modally through `run_dialog()`, the one call tests replace (they fill
in the real form and press OK instead of waiting on `exec()`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.meetings.agenda_text import Resolver
from app.meetings.values import MEETING_FIELD_LABELS, MEETING_LINE_FIELDS, MEETING_TEXT_FIELDS
from app.ui.meetings.agenda_field import AgendaField
from app.ui.meetings.meeting_commands import MeetingFields
from app.ui.shell.date_field import DateField
from app.ui.shell.widgets import named
from app.vocab import MARKINGS, MEETING_KINDS, marking_label

NO_MARKING = "No marking: the brief is printed without one."
OWN_MARKING = "Your own marking: printed as you typed it, in every header and footer."
MARKING_MEANINGS: dict[str, str] = dict(MARKINGS)
# Alt+letters: the meeting tab's labels, the tabs and OK/Cancel are all different
LABELS: dict[str, str] = {
    "purpose": "P&urpose:", "key_asks": "Key &asks:", "delegation": "De&legation:",
    "logistics": "Lo&gistics:", "drafter": "D&rafted by:", "cleared_by": "Cleared &by:",
    "version": "Versio&n:", "reference": "Re&ference:",
}
PLACEHOLDERS: dict[str, str] = {
    "purpose": "Why we go: the meeting's purpose for us, in a sentence or two.",
    "key_asks": "What we want out of it, one ask per line.",
    "delegation": "Our delegation, one person per line: \"MD Asia-Pacific (head)\".",
    "logistics": "Time, room, format, interpretation... one per line.",
    "drafter": "e.g. ASEAN desk, J. Smith",
    "cleared_by": "e.g. Head of Division",
    "version": "e.g. 1, or 2 (final)",
    "reference": "e.g. ARES(2026)123456",
}


def marking_meaning(text: str) -> str:
    """What a marking means: the list's explanation, or that it is none or the officer's own."""
    text = text.strip()
    if not text:
        return NO_MARKING
    return MARKING_MEANINGS.get(marking_label(text), OWN_MARKING)


def _line(combo: QComboBox) -> QLineEdit:
    line = combo.lineEdit()
    assert line is not None  # an editable combo
    return line


class MeetingForm(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 initial: MeetingFields | None = None,
                 plan: tuple[Resolver, list[tuple[str, str]]] | None = None,
                 agenda: str = "") -> None:
        """`plan`: the resolver and references of the plan whose agenda a new meeting takes
        (an Agenda field, filled with `agenda`); None: no Agenda field (a meeting's details)."""
        super().__init__(parent)
        self.setObjectName("meetingForm")
        self.setWindowTitle("Meeting details" if initial else "New meeting")
        self.kind = named(QComboBox(editable=True), "kind")
        self.kind.addItems(list(MEETING_KINDS))
        _line(self.kind).setMaxLength(60)
        self.kind.setToolTip("One of the usual kinds, or type your own")
        _line(self.kind).setAccessibleName("Kind")  # the field typed in (issue 19)
        self.title_edit = named(QLineEdit(maxLength=300), "title")
        self.title_edit.setPlaceholderText("e.g. 29th ASEAN-EU Senior Officials' Meeting")
        self.date_edit = DateField()  # empty: not fixed yet
        self.date_edit.validity_changed.connect(self._check)
        self.venue = named(QLineEdit(maxLength=300), "venue")
        self.venue.setPlaceholderText("e.g. Jakarta, ASEAN Secretariat")
        self.marking = named(QComboBox(editable=True), "marking")
        self.marking.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        _line(self.marking).setAccessibleName("Handling marking")
        self.marking.addItem("", "")
        self.marking.setItemData(0, NO_MARKING, Qt.ItemDataRole.ToolTipRole)
        for name, meaning in MARKINGS:
            self.marking.addItem(name, name)
            self.marking.setItemData(self.marking.count() - 1, meaning,
                                     Qt.ItemDataRole.ToolTipRole)
        _line(self.marking).setMaxLength(120)
        _line(self.marking).setPlaceholderText("none")
        self.marking.setToolTip("Handling marking, printed in the brief's header and footer: "
                                "one of the list, or your own")
        self.marking.setAccessibleDescription("One of the list, each with what it means, or "
                                              "your own text")
        self.marking_meaning = named(QLabel(wordWrap=True), "markingMeaning")
        self.marking_meaning.setStyleSheet("color: palette(placeholder-text);")
        self.marking_meaning.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.marking.currentTextChanged.connect(self._show_meaning)

        self.agenda: AgendaField | None = None
        if plan is not None:
            self.agenda = AgendaField(*plan)
            self.agenda.set_text(agenda)
            self.agenda.validity_changed.connect(self._check)

        meeting_page = QWidget()
        form = QFormLayout(meeting_page)
        rows: list[tuple[str, QWidget]] = [("&Title:", self.title_edit), ("&Date:", self.date_edit),
                                           ("&Venue:", self.venue)]
        if self.agenda is not None:
            rows.append(("A&genda:", self.agenda))
        rows += [("&Kind:", self.kind), ("&Marking:", self.marking)]
        for text, field in rows:
            label = QLabel(text)
            label.setBuddy(field.edit if isinstance(field, DateField | AgendaField) else field)
            form.addRow(label, field)
        form.addRow("", self.marking_meaning)

        self.texts: dict[str, QPlainTextEdit] = {}
        self.lines: dict[str, QLineEdit] = {}
        top_page = QWidget()
        top_form = QFormLayout(top_page)
        for name in MEETING_TEXT_FIELDS:
            edit = named(QPlainTextEdit(), f"meeting_{name}")
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(PLACEHOLDERS[name])
            edit.setAccessibleName(MEETING_FIELD_LABELS[name])
            edit.setAccessibleDescription(PLACEHOLDERS[name])
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
            self.texts[name] = edit
            top_form.addRow(self._label(name, edit), edit)
        for name in MEETING_LINE_FIELDS:
            line = named(QLineEdit(maxLength=300), f"meeting_{name}")
            line.setPlaceholderText(PLACEHOLDERS[name])
            self.lines[name] = line
            top_form.addRow(self._label(name, line), line)
        self.tabs = named(QTabWidget(), "meetingTabs")
        self.tabs.setAccessibleName("Meeting details")
        self.tabs.addTab(meeting_page, "M&eeting")
        self.tabs.addTab(top_page, "Brief's top &page")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+Tab or Alt+E / Alt+P switch
        self.tabs.setTabToolTip(1, "What the brief's first page says, and its document control")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(540, self.sizeHint().height())

        if initial is not None:
            self.kind.setCurrentText(initial.kind)
            self.title_edit.setText(initial.title)
            self.date_edit.set_value(initial.date)
            self.venue.setText(initial.venue)
            self.marking.setCurrentText(initial.marking)
            for name, edit in self.texts.items():
                edit.setPlainText(getattr(initial, name))
            for name, line in self.lines.items():
                line.setText(getattr(initial, name))
        else:
            self.kind.setCurrentText("SOM")
            self.marking.setCurrentIndex(0)
        self._show_meaning(self.marking.currentText())
        self.kind.currentTextChanged.connect(self._check)
        self.title_edit.textChanged.connect(self._check)
        self._check()
        self._tab_order()
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_order(self) -> None:
        """Title, Date, Venue, Agenda, Kind, Marking; the calendar button after them (the
        date is typed on the quick path), then the buttons."""
        chain: list[QWidget] = [self.title_edit, self.date_edit.edit, self.venue]
        if self.agenda is not None:
            chain.append(self.agenda.edit)
        chain += [self.kind, self.marking, self.date_edit.calendar_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _label(name: str, buddy: QWidget) -> QLabel:
        label = QLabel(LABELS[name])
        label.setBuddy(buddy)
        return label

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _show_meaning(self, text: str) -> None:
        meaning = marking_meaning(text)
        self.marking_meaning.setText(meaning)
        _line(self.marking).setToolTip(meaning)

    def _check(self) -> None:
        """OK only with a kind, a title and a date or none (the core says so too, in words)."""
        self.ok_button.setEnabled(bool(self.kind.currentText().strip()
                                       and self.title_edit.text().strip()
                                       and self.date_edit.valid
                                       and (self.agenda is None or self.agenda.valid)))

    def accept(self) -> None:
        if self.ok_button.isEnabled():  # Enter with a date that is not one: stay
            super().accept()
            return
        self.tabs.setCurrentIndex(0)
        if not self.date_edit.valid:
            self.date_edit.edit.setFocus()
        elif self.agenda is not None and not self.agenda.valid:
            self.agenda.edit.setFocus()
        elif not self.title_edit.text().strip():
            self.title_edit.setFocus()

    def agenda_text(self) -> str:
        """The agenda as typed ('' without an Agenda field)."""
        return self.agenda.text() if self.agenda is not None else ""

    def fields(self) -> MeetingFields:
        when: date | None = self.date_edit.value()
        texts = {name: edit.toPlainText().strip() for name, edit in self.texts.items()}
        lines = {name: line.text().strip() for name, line in self.lines.items()}
        return MeetingFields(self.kind.currentText().strip(), self.title_edit.text().strip(),
                             when, self.venue.text().strip(),
                             self.marking.currentText().strip(), **texts, **lines)


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


def ask_new_meeting(parent: QWidget | None, plan: tuple[Resolver, list[tuple[str, str]]],
                    agenda: str = "") -> tuple[MeetingFields, str] | None:
    """The New Meeting form with its Agenda field (filled with `agenda`): the fields and the
    agenda as typed, or None if cancelled."""
    form = MeetingForm(parent, None, plan, agenda)
    try:
        return (form.fields(), form.agenda_text()) if run_dialog(form) else None
    finally:
        form.deleteLater()
