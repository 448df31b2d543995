"""A dialog that explains one step and lists its lines: an import's preview (Import / Cancel),
a refused file's problems (Close), a restore's confirmation.

The lines sit in a scrollable list that word-wraps and can be copied (a refused register goes
back to the colleague who sent it with its problems pasted into the reply).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell.widgets import FocusRing, named


class _Lines(QListWidget):
    """A list as tall as its first 16 lines (a long line counted as wrapping once)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        texts = [self.item(row).text() for row in range(self.count())]
        rows = min(sum(1 + (len(t) > 110) for t in texts), 16)
        hint.setHeight(max(rows, 3) * (self.fontMetrics().height() + 4) + 2 * self.frameWidth()
                       + 4)
        return hint


class ListDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, heading: str, text: str,
                 lines: Sequence[str], *, ok_text: str | None = None,
                 notes: Sequence[str] = (), lines_title: str = "",
                 warning: bool = False, cancel_text: str | None = None) -> None:
        """`ok_text` names the button that goes ahead ("Import"; then there is a Cancel too);
        None: the dialog only informs (Close). `notes`: warnings shown under the list."""
        super().__init__(parent)
        self.setObjectName("listDialog")
        self.setWindowTitle(f"{title} — POA Desk")
        self.setModal(True)
        self.setSizeGripEnabled(True)

        style = self.style()
        icon = QLabel()
        pixmap = (QStyle.StandardPixmap.SP_MessageBoxWarning if warning
                  else QStyle.StandardPixmap.SP_MessageBoxQuestion if ok_text
                  else QStyle.StandardPixmap.SP_MessageBoxInformation)
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(style.standardIcon(pixmap, None, self).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.heading = named(QLabel(heading), "listHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = named(QLabel(text), "listText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QWidget()
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(0, 0, 0, 0)
        top_row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(self.heading)
        words.addWidget(self.text)
        top_row.addLayout(words, 1)

        self.lines_label = named(QLabel(lines_title), "listTitle")
        self.lines_label.setVisible(bool(lines_title))
        self.lines = named(_Lines(), "listLines")
        self.lines.setAccessibleName(lines_title.rstrip(":") or heading)
        self.lines.setAlternatingRowColors(True)
        self.focus_ring = FocusRing(self.lines)
        self.lines.setWordWrap(True)
        self.lines.setUniformItemSizes(False)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.addItems(list(lines))
        self.lines.setVisible(bool(lines))
        self.lines_label.setBuddy(self.lines)

        self.notes = named(QLabel("\n".join(f"• {n}" for n in notes)), "listNotes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        self.notes.setStyleSheet("color: palette(placeholder-text);")

        buttons = QDialogButtonBox()
        self.ok_button: QPushButton | None = None
        if ok_text:
            self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
            self.cancel_button = (
                buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
                if cancel_text else buttons.addButton(QDialogButtonBox.StandardButton.Cancel))
        else:
            self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("Cop&y List", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Copy every line of the list, to paste into an email")
        self.copy_button.setVisible(bool(lines))
        self.copy_button.clicked.connect(self.copy_lines)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.lines_label)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        (self.ok_button or self.cancel_button).setDefault(True)  # in the dialog by now
        em = self.fontMetrics().horizontalAdvance("n")
        self.setMinimumWidth(min(60 * em, 640))
        self.resize(max(90 * em, 700), 0)  # as tall as the words and the list's rows need
        self.resize(self.width(), self.heightForWidth(self.width()) if self.hasHeightForWidth()
                    else self.minimumSizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # focus on the list: arrows and Page Down scroll it, Enter goes ahead (or closes)
        button = self.ok_button or self.cancel_button
        (self.lines if self.lines.count() else button).setFocus()

    def line_texts(self) -> list[str]:
        return [self.lines.item(row).text() for row in range(self.lines.count())]

    def copy_lines(self) -> None:
        QApplication.clipboard().setText("\n".join(self.line_texts()))

    def press_ok(self) -> None:
        """Press the button that goes ahead (tests, keyboard users: Enter)."""
        if self.ok_button is not None:
            self.ok_button.click()
