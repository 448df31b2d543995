"""The export buttons under the meetings panel: 'Export: Word brief… Excel brief… Matrix…
Options Template', and what the next export will use said under them.

Options (as the command line's `export brief|matrix` options, see meeting_export): desk notes
in briefs (Word and Excel), private notes, the full-text annex of a Word brief, and the marking
of the matrix (one of app.vocab.MARKINGS, each with what it means).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QVBoxLayout, QWidget

from app.ui.meetings.meeting_export import Exporter
from app.ui.shell.widgets import named, tool_button
from app.vocab import DEFAULT_WORKBOOK_MARKING, MARKINGS


class ExportBar(QWidget):
    """'Export: Word brief… Excel brief… Matrix… Options Template' under the meetings panel."""

    def __init__(self, exporter: Exporter, brief: Callable[[str], object],
                 matrix: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exporter = exporter
        self.word_action = QAction("&Word brief…", self)
        self.word_action.triggered.connect(lambda _c=False: brief(".docx"))
        self.excel_action = QAction("E&xcel brief…", self)
        self.excel_action.triggered.connect(lambda _c=False: brief(".xlsx"))
        self.matrix_action = QAction("&Matrix…", self)
        self.matrix_action.setToolTip("The implementation matrix of the whole plan (.xlsx)")
        self.matrix_action.triggered.connect(lambda _c=False: matrix())
        self.template_action = QAction("&Template", self)
        self.template_action.setToolTip("The Word document whose styles Word briefs use")
        menu = QMenu(self)
        self.choose_template_action = menu.addAction("&Choose Word Template…",
                                                     self.choose_template)
        self.house_style_action = menu.addAction("Use the &House Style (No Template)",
                                                 self.use_house_style)
        self.template_action.setMenu(menu)
        self.notes_action = QAction("Opti&ons", self)
        self.notes_action.setToolTip("What the exports include: notes, the full text of whole "
                                     "sections, the matrix's marking")
        notes_menu = QMenu(self)
        self.include_notes_action = notes_menu.addAction("Include &Desk Notes in Briefs")
        self.include_notes_action.setCheckable(True)
        self.include_notes_action.setChecked(exporter.include_notes)
        self.include_notes_action.setToolTip(
            "Word and Excel briefs: the desk notes of each item's action lines, not those "
            "marked private. (The matrix always has them.)")
        self.include_notes_action.toggled.connect(self._notes_toggled)
        self.include_private_action = notes_menu.addAction("Include &Private Notes")
        self.include_private_action.setCheckable(True)
        self.include_private_action.setToolTip(
            "Notes marked private too: in the matrix, and in briefs with desk notes (the brief "
            "then says so). Off each time POA Desk starts.")
        self.include_private_action.toggled.connect(self._private_toggled)
        notes_menu.addSeparator()
        self.full_text_action = notes_menu.addAction(
            "&Full Text of Whole Sections in an Annex (Word)")
        self.full_text_action.setCheckable(True)
        self.full_text_action.setChecked(exporter.full_text)
        self.full_text_action.setToolTip(
            "A Word brief quotes only the chosen lines of a whole section; this adds an annex "
            "with all of them. (An Excel brief quotes the same lines and names the others.)")
        self.full_text_action.toggled.connect(self._full_text_toggled)
        notes_menu.addSeparator()
        self.marking_menu = notes_menu.addMenu("Matrix &Marking")
        self.marking_menu.setToolTipsVisible(True)
        self.marking_group = QActionGroup(self)
        self.marking_actions: dict[str, QAction] = {}
        for name, meaning in MARKINGS:
            text = name + (" (the default)" if name == DEFAULT_WORKBOOK_MARKING else "")
            action = self.marking_menu.addAction(text.replace("&", "&&"))
            action.setCheckable(True)
            action.setToolTip(meaning)
            action.setChecked(name == exporter.matrix_marking)
            action.setData(name)
            action.triggered.connect(lambda _c=False, n=name: self.set_matrix_marking(n))
            self.marking_group.addAction(action)
            self.marking_actions[name] = action
        notes_menu.setToolTipsVisible(True)
        self.notes_action.setMenu(notes_menu)
        self.notes_label = named(QLabel(), "notesIncluded")
        self.template_label = named(QLabel(), "templateName")
        self.template_label.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.notes_label, self.template_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Export:"))
        for action, name in ((self.word_action, "exportWord"), (self.excel_action, "exportExcel"),
                             (self.matrix_action, "exportMatrix"),
                             (self.notes_action, "exportNotes"),
                             (self.template_action, "chooseTemplate")):
            row.addWidget(tool_button(action, name))
        row.addStretch(1)
        said = QHBoxLayout()  # what the next export will use, under the buttons
        said.setContentsMargins(0, 0, 0, 0)
        said.addWidget(self.notes_label)
        said.addWidget(self.template_label, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(row)
        column.addLayout(said)
        self.show_template()
        self.show_notes()

    def _notes_toggled(self, checked: bool) -> None:
        self.exporter.include_notes = checked
        self.show_notes()

    def _private_toggled(self, checked: bool) -> None:
        self.exporter.include_private = checked
        self.show_notes()

    def _full_text_toggled(self, checked: bool) -> None:
        self.exporter.full_text = checked
        self.show_notes()

    def set_matrix_marking(self, name: str) -> None:
        self.exporter.matrix_marking = name
        self.marking_actions[name].setChecked(True)
        self.show_notes()

    def show_notes(self) -> None:
        """Said under the buttons while the exports take more than the default; private notes
        in bold."""
        private = self.exporter.include_private
        notes = self.exporter.include_notes
        if private:
            said = ["Private notes included" if notes else "Private notes in the matrix"]
        else:
            said = ["Briefs: with desk notes"] if notes else []
        if self.exporter.full_text:
            said.append("Word: full-text annex")
        if self.exporter.matrix_marking != DEFAULT_WORKBOOK_MARKING:
            said.append(f"Matrix: {self.exporter.matrix_marking}")
        text = " · ".join(said)
        self.notes_label.setText(text)
        self.notes_label.setStyleSheet("font-weight: bold;" if private else
                                       "color: palette(placeholder-text);")
        self.notes_label.setVisible(bool(text))

    def choose_template(self) -> None:
        self.exporter.choose_template()
        self.show_template()

    def use_house_style(self) -> None:
        self.exporter.clear_template()
        self.show_template()

    def show_template(self) -> None:
        template = self.exporter.template
        self.house_style_action.setEnabled(template is not None)
        self.template_label.setText(f"Word template: {template.name}" if template
                                    else "Word: house style")
        self.template_label.setToolTip(str(template) if template else "")
