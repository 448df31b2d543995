"""File > Import Plan…: the window's side of `poadesk import plan FILE [--dry-run] [--style S]`,
with the same core functions (app.interchange.plan_preview, app.interchange.plan_text).

The file (.pdf, .docx or .txt) is read and parsed in a worker thread (nothing stored), then
reviewed in `PlanReviewDialog`: the parsed tree with its counts per part and section, each
section's first and last action line, the introduction kept apart, every piece of text that
could not be placed (in red, shown as it is), and the numbering style detected, with a combo
that reads the file again in another style. The plan is added only on Import, in one
transaction after a backup; with text left unplaced, only once the officer ticks that it may
be left out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.shell import dialogs, screen
from app.ui.shell.core import core_imports
from app.ui.shell.jobs import NOT_UNDOABLE, choose_file_to_open, run_core, save_typed_edits
from app.ui.shell.list_dialog import ListDialog
from app.ui.shell.texts import count_of, one_line
from app.ui.shell.widgets import FocusRing, accessible, named

if TYPE_CHECKING:
    from app.errors import PoaDeskError
    from app.interchange.plan_preview import LinePreview, PlanPreview, SectionPreview
    from app.plan_parser import ParsedPlan
    from app.ui.shell.host import Host

TITLE = "Import Plan"
PLAN = "plan"  # the kind of file whose folder is remembered
PLAN_FILTER = ("Plans of action (*.pdf *.docx *.txt);;PDF files (*.pdf);;Word documents "
               "(*.docx);;Text files (*.txt);;All files (*)")
UNPLACED = QColor("#b3261e")
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 21  # the full text behind a row, for the pane below

Read = tuple["ParsedPlan", "PlanPreview"]
Reparse = Callable[[str], "Read | str"]  # a style -> the file read in it, or why not


def _flat(text: str) -> str:
    return " ".join(text.split())


def _line(line: LinePreview) -> str:
    return f"{line.ref}  {_flat(line.text)}"


class PlanTree(QTreeWidget):
    """The preview as a tree: the introduction, each part with its sections (count, first
    and last action line), the text not placed (red), the footnotes."""

    HEADERS = ("Part / section", "Lines", "First action line", "Last action line")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accessible(named(self, "planReviewTree"), "The plan as read",
                   "Parts and sections with their number of action lines and their first and "
                   "last action line; the text that could not be placed; the introduction")
        self.setColumnCount(len(self.HEADERS))
        self.setHeaderLabels(list(self.HEADERS))
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.focus_ring = FocusRing(self)
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        header = self.header()
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("n")
        for column, width in enumerate((30, 5, 42)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width * em)

    def _item(self, parent: QTreeWidgetItem | None, texts: list[str], detail: str, *,
              bold: bool = False, red: bool = False, spanned: bool = False) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts) if parent is not None \
            else QTreeWidgetItem(self, texts)
        item.setData(0, DETAIL_ROLE, detail)
        item.setFirstColumnSpanned(spanned)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for column, text in enumerate(texts):
            item.setToolTip(column, text)
        if bold:
            item.setFont(0, self._bold)
        if red:
            for column in range(self.columnCount()):
                item.setForeground(column, QBrush(UNPLACED))
        return item

    def _block(self, parent: QTreeWidgetItem | None, label: str, block: SectionPreview,
               bold: bool = False) -> QTreeWidgetItem:
        last = _line(block.last) if block.count > 1 else "(the same)"
        detail = f"{label}: {count_of(block.count, 'action line')}\n\nFirst: {_line(block.first)}"
        if block.count > 1:
            detail += f"\n\nLast: {_line(block.last)}"
        return self._item(parent, [label, str(block.count), _line(block.first), last], detail,
                          bold=bold)

    def set_preview(self, preview: PlanPreview | None) -> None:
        self.clear()
        if preview is None:
            return
        if preview.introduction.strip():
            self._item(None, ["Introduction (kept, not action lines)", "",
                              _flat(preview.introduction), ""],
                       f"{preview.introduction_line()}\n\n{preview.introduction}")
        for part in preview.parts:
            if part.own is not None and not part.sections:
                self._block(None, part.heading, part.own, bold=True)
                continue
            item = self._item(None, [part.heading, str(part.count), "", ""],
                              f"{part.heading}: {part.summary}", bold=True)
            if part.own is not None:
                self._block(item, part.own.heading, part.own)
            for section in part.sections:
                self._block(item, section.heading, section)
        if preview.unplaced:
            from app.interchange.plan_preview import unplaced_line

            group = self._item(None, [preview.unplaced_title()], preview.unplaced_title(),
                               bold=True, red=True, spanned=True)
            for piece in preview.unplaced:
                self._item(group, [unplaced_line(piece, preview.unit)],
                           f"{preview.unit.capitalize()} {piece.line} ({piece.reason}):\n\n"
                           f"{piece.text}", red=True, spanned=True)
        if preview.footnotes:
            title = (f"Footnotes (kept apart from the action text): "
                     f"{count_of(len(preview.footnotes), 'footnote')}")
            group = self._item(None, [title], title, bold=True, spanned=True)
            for note in preview.footnotes:
                self._item(group, [_flat(note)], note, spanned=True)
        self.expandAll()
        first = self.topLevelItem(0)
        if first is not None:
            self.setCurrentItem(first)

    def rows(self) -> list[list[str]]:
        """Every row's texts, top to bottom, indented by depth (tests, screen readers)."""
        out: list[list[str]] = []

        def walk(item: QTreeWidgetItem | None, depth: int) -> None:
            if item is None:
                return
            texts = [item.text(c) for c in range(self.columnCount())]
            out.append(["  " * depth + texts[0], *texts[1:]])
            for n in range(item.childCount()):
                walk(item.child(n), depth + 1)

        for n in range(self.topLevelItemCount()):
            walk(self.topLevelItem(n), 0)
        return out


class PlanReviewDialog(ListDialog):
    """The plan as read, to add (Import) or not (Cancel); another style re-reads the file."""

    def __init__(self, parent: QWidget | None, path: Path, read: Read,
                 styles: dict[str, str], reparse: Reparse) -> None:
        super().__init__(parent, TITLE, f"Add the plan in “{path.name}”?", "", (),
                         ok_text="&Import", lines_title="The plan as &read:")
        self.setObjectName("planReviewDialog")
        self.path = path
        self._reparse = reparse
        self.parsed: ParsedPlan | None = None
        self.preview: PlanPreview | None = None
        self.detected = read[1].style

        self.style_combo = named(QComboBox(), "planStyle")
        for key, text in styles.items():
            shown = f"{key}: {text}" + (" (detected)" if key == self.detected else "")
            self.style_combo.addItem(shown, key)
        if self.style_combo.findData(self.detected) < 0:
            self.style_combo.addItem(f"{self.detected} (detected)", self.detected)
        self.style_combo.setCurrentIndex(self.style_combo.findData(self.detected))
        accessible(self.style_combo, "Numbering style",
                   "The style the numbering is read in; choose another to read the file again")
        style_label = QLabel("Numbering &style:")
        style_label.setBuddy(self.style_combo)
        self.problem = named(QLabel(wordWrap=True), "planReviewProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"color: {UNPLACED.name()};")
        self.tree = PlanTree()
        self.lines_label.setBuddy(self.tree)
        self.detail = named(QPlainTextEdit(readOnly=True), "planReviewDetail")
        accessible(self.detail, "The row's full text")
        self.detail.setTabChangesFocus(True)
        line = self.fontMetrics().height()
        self.detail.setFixedHeight(5 * line + 12)
        self.accept_unplaced = named(QCheckBox("&Leave out the text that could not be placed "
                                               "and import the rest"), "acceptUnplaced")
        self.accept_unplaced.toggled.connect(lambda _on: self._update())
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(style_label)
        row.addWidget(self.style_combo, 1)
        layout = cast(QVBoxLayout, self.layout())
        at = layout.indexOf(self.lines_label)
        layout.insertLayout(at, row)
        at = layout.indexOf(self.lines)
        layout.insertWidget(at + 1, self.problem)
        layout.insertWidget(at + 2, self.tree, 1)
        layout.insertWidget(at + 3, self.detail)
        layout.insertWidget(at + 4, self.accept_unplaced)
        self.copy_button.setVisible(True)
        self.tree.setMinimumHeight(8 * (line + 6))
        self._set(read)
        self.style_combo.currentIndexChanged.connect(lambda _i: self.read_again())
        # Tab in the order the eye reads: the style, the tree, its row's text, the consent,
        # then the buttons (the widgets were made in another order)
        order: list[QWidget] = [self.style_combo, self.tree, self.detail, self.accept_unplaced]
        order += [b for b in (self.ok_button, self.cancel_button, self.copy_button) if b]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        em = self.fontMetrics().horizontalAdvance("n")
        screen.fit(self, 150 * em, 48 * (line + 6))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.tree.setFocus()

    # -- what is shown ----------------------------------------------------------------------

    def _set(self, read: Read | str) -> None:
        if isinstance(read, str):
            self.parsed = self.preview = None
            self.problem.setText(f"Read as {self.chosen_style() or 'detected'}: {read}")
            self.text.setText("Nothing can be imported in this style: choose another one.")
        else:
            self.parsed, self.preview = read
            self.problem.setText("")
            self.text.setText(self._words(self.preview))
        self.problem.setVisible(bool(self.problem.text()))
        self.tree.set_preview(self.preview)
        unplaced = bool(self.preview and self.preview.unplaced)
        self.accept_unplaced.setVisible(unplaced)
        self.accept_unplaced.setChecked(False)
        notes = list(self.preview.warnings) if self.preview else []
        self.notes.setText("\n".join(f"• {n}" for n in notes))
        self.notes.setVisible(bool(notes))
        self._show_current()
        self._update()

    def _words(self, preview: PlanPreview) -> str:
        text = (f"“{preview.title}”: {preview.summary()}, {preview.style_line()}. It will be "
                "added beside the plans already in this database, with its acronyms; View > "
                "Plan then switches between them. Your plans and notes are not changed.")
        if preview.unplaced:
            text += (f" {count_of(len(preview.unplaced), 'piece')} of text could not be "
                     "placed (in red): check the numbering style, or leave it out.")
        return f"{text}\n\n{NOT_UNDOABLE}"

    def _show_current(self) -> None:
        item = self.tree.currentItem()
        self.detail.setPlainText(str(item.data(0, DETAIL_ROLE) or "") if item else "")

    def _update(self) -> None:
        ready = self.preview is not None and (not self.preview.unplaced
                                              or self.accept_unplaced.isChecked())
        if self.ok_button is not None:
            self.ok_button.setEnabled(ready)

    # -- another style ----------------------------------------------------------------------

    def chosen_style(self) -> str:
        return str(self.style_combo.currentData() or "")

    def read_again(self) -> None:
        """Read the file again in the style chosen in the combo."""
        self._set(self._reparse(self.chosen_style()))

    def choose_style(self, key: str) -> None:
        """Choose a style as the officer would in the combo (tests, scripts)."""
        self.style_combo.setCurrentIndex(self.style_combo.findData(key))

    # -- ListDialog -------------------------------------------------------------------------

    def line_texts(self) -> list[str]:
        return self.preview.lines() if self.preview is not None else [self.problem.text()]

    @property
    def left_out(self) -> bool:
        """Whether the officer accepted leaving the unplaced text out."""
        return bool(self.preview and self.preview.unplaced and self.accept_unplaced.isChecked())


def import_plan(host: Host) -> int | None:
    """Read a plan (.pdf, .docx, .txt), review it, add it beside the plans already here
    (`poadesk import plan`); its id."""
    if not save_typed_edits(host, TITLE):
        return None
    path = choose_file_to_open(host, PLAN, "Import a plan of action (.pdf, .docx or .txt)",
                               PLAN_FILTER)
    if path is None:
        return None
    with core_imports():
        from app.interchange.plan_preview import read_preview, styles
        from app.interchange.plan_text import add_plan

    read = run_core(host, f"Reading {path.name}…", TITLE, lambda: read_preview(path))
    if read is None:
        return None

    def reparse(style: str) -> Read | str:
        why: list[str] = []

        def refused(exc: PoaDeskError) -> bool:
            why.append(one_line(exc))
            return True

        again = run_core(host, f"Reading {path.name} as {style}…", TITLE,
                         lambda: read_preview(path, style), refused)
        return again if again is not None else (why[0] if why else "it could not be read")

    dialog = PlanReviewDialog(host.widget, path, read, styles(), reparse)
    if not dialogs.run_dialog(dialog) or dialog.parsed is None:
        host.status(f"Not imported: {path.name}", 8000)
        return None
    parsed, left_out = dialog.parsed, dialog.left_out
    info = run_core(host, f"Adding {parsed.title}…", TITLE,
                    lambda: add_plan(host.desk(), parsed, path.name, allow_unplaced=left_out))
    if info is None:
        return None
    host.reload(None)
    host.status(f"Added plan “{info.title}” ({info.action_count} action lines): View > Plan "
                "switches to it", 15000)
    shown = ListDialog(host.widget, TITLE, f"Added “{info.title}”",
                       f"{info.action_count} action lines. View > Plan switches between the "
                       "plans.", (), ok_text="&Show It Now", cancel_text="&Later")
    if dialogs.run_dialog(shown):
        host.reload(info.id)
    return info.id
