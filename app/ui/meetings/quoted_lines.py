"""Which lines of a whole-section agenda item its brief quotes: a checkable list of the section's
letters ("a) Enhance ...", "b) ..."), the default choice ticked until the officer changes it.

The value is the item's `quoted_lines` (app.meetings.values): "" the default (the lines with a
note, lines to take or focal points of their own), "*" every line, "-" none, else the letters
"a,c,h". Ticking or unticking a line asks for the new value (`chosen`); "Default choice" asks
for "". The editor turns each into one undoable command. The full text of every line goes to
an annex of the Word brief when asked at export (an option of the export, not of the item).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.meetings.values import ALL_LINES, NO_LINES, AgendaItemView
from app.ui.shell.widgets import FocusRing, bold_label, named

DEFAULT_HELP = ("The default: the lines with a note, lines to take or focal points of their "
                "own. The others are listed by reference.")
LETTER_ROLE = Qt.ItemDataRole.UserRole + 1


def choice_of(letters: list[str], ticked: list[str]) -> str:
    """The `quoted_lines` value for `ticked` of the section's `letters`."""
    if not ticked:
        return NO_LINES
    if len(ticked) == len(letters):
        return ALL_LINES
    return ",".join(ticked)


class QuotedLines(QWidget):
    chosen = Signal(str)  # the new quoted_lines value the officer asks for

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._view: AgendaItemView | None = None
        self.list = named(QListWidget(), "quotedLines")
        self.list.setAccessibleName("Lines quoted in the brief")
        self.list.setAccessibleDescription("Tick the lines of the section the brief quotes in "
                                           "full (Space ticks the selected line)")
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(self.list.fontMetrics().height() * 6 + 12)
        self.focus_ring = FocusRing(self.list)
        self.list.itemChanged.connect(self._ticked)
        self.summary = named(QLabel(wordWrap=True), "quotedSummary")
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        self.default_button = named(QPushButton("Default &choice"), "quotedDefault")
        self.default_button.setToolTip(DEFAULT_HELP)
        self.default_button.setAccessibleDescription(DEFAULT_HELP)
        self.default_button.clicked.connect(lambda _checked=False: self.chosen.emit(""))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(bold_label("Lines &quoted", self.list))
        head.addStretch(1)
        head.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self.setVisible(False)

    def show_item(self, view: AgendaItemView | None) -> None:
        """Show a whole section's lines (hidden for any other item)."""
        self._view = view
        visible = view is not None and view.is_section
        self.setVisible(visible)
        if view is None or not visible:
            return
        quoted = {a.letter for a in view.quoted()}
        row = self.list.currentRow()
        self._loading = True
        try:
            self.list.clear()
            for action in view.actions:
                text = " ".join(action.text.split())
                item = QListWidgetItem(f"{action.mark} {text}")
                item.setToolTip(f"<p>{action.ref}: {text}</p>")
                item.setData(LETTER_ROLE, action.letter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if action.letter in quoted
                                   else Qt.CheckState.Unchecked)
                self.list.addItem(item)
            if 0 <= row < self.list.count():
                self.list.setCurrentRow(row)
        finally:
            self._loading = False
        default = not view.quoted_lines.strip()
        self.default_button.setEnabled(not default)
        self.summary.setText(f"{len(quoted)} of {len(view.actions)} lines quoted in full"
                             + (" (the default choice)" if default else " (your choice)")
                             + "; the others are listed by reference.")

    def letters(self) -> list[str]:
        return [str(self.list.item(r).data(LETTER_ROLE)) for r in range(self.list.count())]

    def ticked(self) -> list[str]:
        return [str(self.list.item(r).data(LETTER_ROLE)) for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]

    def _ticked(self, _item: QListWidgetItem) -> None:
        if self._loading or self._view is None:
            return
        self.chosen.emit(choice_of(self.letters(), self.ticked()))
