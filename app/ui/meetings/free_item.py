"""Meeting > Add Free-Text Item…: an agenda item that is no action line or section ("Adoption of
the agenda", "Any other business", or the officer's own title), with the same fields as the
others. `ask_free_title()` shows the small form through `run_dialog()` (tests replace it).

Also the panel's small helpers about an agenda's contents (what counts as written).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.meetings.values import ITEM_FIELDS, AgendaItemView, MeetingInfo
from app.ui.shell.widgets import named

USUAL_TITLES = ("Adoption of the agenda", "Any other business", "Date and place of the next "
                "meeting", "Adoption of the report")


class FreeItemForm(QDialog):
    """The title of a new free-text item: one of the usual ones, or the officer's own; and
    where it goes (the start, after the selected item, or the end)."""

    def __init__(self, parent: QWidget | None, taken: set[str], selected: int | None) -> None:
        super().__init__(parent)
        self.setObjectName("freeItemForm")
        self.setWindowTitle("Add Free-Text Item")
        self._taken = {t.casefold() for t in taken}
        self.title = named(QComboBox(editable=True), "freeTitle")
        self.title.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.title.addItems([t for t in USUAL_TITLES if t.casefold() not in self._taken])
        line = self.title.lineEdit()
        assert line is not None
        line.setAccessibleName("Title of the item")
        line.setMaxLength(300)
        line.setPlaceholderText("e.g. Any other business")
        self.title.setAccessibleDescription("One of the usual items, or type your own title")
        self.place = named(QComboBox(), "freePlace")
        self.place.addItem("At the end of the agenda", None)
        self.place.addItem("At the start of the agenda", 0)
        if selected is not None:
            self.place.addItem(f"After item {selected + 1}", selected + 1)
        self.place.setCurrentIndex(1 if not self._taken and self.title.currentText()
                                   == USUAL_TITLES[0] else 0)
        self.title.currentTextChanged.connect(self._check)
        self.note = named(QLabel(wordWrap=True), "freeNote")
        self.note.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        for text, field in (("&Title:", self.title), ("&Place:", self.place)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("An item that is no action line of the plan, with the same "
                                "fields as the others.", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())
        self._check()

    def _check(self) -> None:
        text = " ".join(self.title.currentText().split())
        taken = text.casefold() in self._taken
        self.note.setText(f"Already on the agenda: {text}" if taken else "")
        self.note.setVisible(taken)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text) and not taken)

    def accept(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            super().accept()

    def chosen(self) -> tuple[str, int | None]:
        """The title and the position (None: the end)."""
        position = self.place.currentData()
        return " ".join(self.title.currentText().split()), (
            position if isinstance(position, int) else None)


def run_dialog(dialog: QDialog) -> bool:
    """Show a dialog modally; True if accepted. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_free_title(parent: QWidget | None, items: tuple[AgendaItemView, ...],
                   selected: int | None) -> tuple[str, int | None] | None:
    """The new free-text item's title and position, or None if cancelled."""
    form = FreeItemForm(parent, {i.title for i in items if i.is_free}, selected)
    try:
        return form.chosen() if run_dialog(form) else None
    finally:
        form.deleteLater()


# -- what the panel asks about an agenda --------------------------------------------------------

def typed(item: AgendaItemView, field: str) -> bool:
    """The officer wrote something there (points to make that are just the action line's
    standing lines to take, as a new item starts, do not count)."""
    value = item.field(field).strip()
    if not value:
        return False
    if field == "points_to_make":
        standing = "\n".join(a.lines_to_take.strip() for a in item.actions
                             if a.lines_to_take.strip())
        return value != standing
    return True


def has_content(item: AgendaItemView) -> bool:
    return any(typed(item, field) for field in ITEM_FIELDS)


def rows_height(view: QWidget, rows: int) -> int:
    """The height an item view needs to show `rows` rows under its header."""
    row = max(view.fontMetrics().height() + 4, 18)
    return rows * row + 30


def combo_text(info: MeetingInfo) -> str:
    """'SOM, 5 March 2026 — 29th ASEAN-EU SOM' (an undated meeting's label has its title)."""
    return f"{info.label} — {info.title}" if info.date is not None else info.label
