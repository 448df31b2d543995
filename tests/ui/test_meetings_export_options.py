"""The export options of the window (the full-text annex of a Word brief, the matrix's marking,
remembered) and Meeting > My Acronyms…, the user's glossary: read back from the files written
and through the desk; every glossary edit undoes."""

from __future__ import annotations

import docx
import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from app.ui.shell.settings import UiSettings
from tests.ui.file_helpers import trigger
from tests.ui.meetings_helpers import add_som, open_panel, undo_text
from tests.ui.test_meetings_export import Dialogs, _docx_text


def _click(qtbot, panel, name: str) -> None:
    qtbot.mouseClick(panel.findChild(QToolButton, name), Qt.MouseButton.LeftButton)


def test_the_full_text_annex_of_a_word_brief_is_an_option_remembered(
        qtbot, open_window, tmp_path, monkeypatch, settings_path):
    window = open_window()
    meeting_id = add_som(window, "2.1(c),3.5")
    section = window.desk.meetings.get(meeting_id).items[1]
    last_line = section.actions[-1].text
    answers = Dialogs(monkeypatch, tmp_path / "quoted.docx")
    panel = open_panel(window)
    bar = panel.export_bar
    assert not bar.full_text_action.isChecked()
    _click(qtbot, panel, "exportWord")
    assert last_line not in _docx_text(tmp_path / "quoted.docx")  # quoted lines only

    bar.full_text_action.trigger()
    assert bar.notes_label.text() == "Word: full-text annex"
    answers.target = tmp_path / "full.docx"
    _click(qtbot, panel, "exportWord")
    text = _docx_text(tmp_path / "full.docx")
    assert last_line in text  # every line of 3.5, in the annex
    assert UiSettings(settings_path).brief_full_text
    window.close()

    bar = open_panel(open_window()).export_bar
    assert bar.full_text_action.isChecked() and bar.exporter.full_text


def test_the_matrix_marking_is_chosen_from_the_list_and_remembered(
        qtbot, open_window, tmp_path, monkeypatch, settings_path):
    window = open_window()
    answers = Dialogs(monkeypatch, tmp_path / "default.xlsx")
    answers.choice = ""
    panel = open_panel(window)
    bar = panel.export_bar
    assert bar.marking_actions["SENSITIVE"].isChecked()  # the default: it lists contacts
    assert bar.marking_actions["LIMITE"].toolTip().startswith("EU (Council) distribution")
    _click(qtbot, panel, "exportMatrix")
    assert _title(tmp_path / "default.xlsx").endswith("SENSITIVE")

    bar.marking_actions["LIMITE"].trigger()
    assert bar.marking_actions["LIMITE"].isChecked()
    assert not bar.marking_actions["SENSITIVE"].isChecked()
    assert bar.notes_label.text() == "Matrix: LIMITE"
    answers.target = tmp_path / "limite.xlsx"
    _click(qtbot, panel, "exportMatrix")
    assert _title(tmp_path / "limite.xlsx").endswith("LIMITE")
    assert UiSettings(settings_path).matrix_marking == "LIMITE"
    window.close()

    bar = open_panel(open_window()).export_bar
    assert bar.marking_actions["LIMITE"].isChecked()
    bar.marking_actions["SENSITIVE"].trigger()  # back to the default: nothing remembered
    assert UiSettings(settings_path).matrix_marking is None
    assert bar.notes_label.isHidden()


def _title(path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return str(next(book["Implementation matrix"].values)[0])
    finally:
        book.close()


def test_my_acronyms_are_added_changed_removed_and_undone(qtbot, window):
    trigger(window, "Meeting", "My Acronyms…")
    dialog = window.meetings.glossary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.values == [] and not dialog.empty.isHidden()
    assert not dialog.save_button.isEnabled() and not dialog.remove_button.isEnabled()

    qtbot.keyClicks(dialog.abbr, "EUDR")
    qtbot.keyClick(dialog.abbr, Qt.Key.Key_Return)  # on to the full name
    qtbot.keyClicks(dialog.expansion, "EU Deforestation Regulation")
    qtbot.keyClick(dialog.expansion, Qt.Key.Key_Return)  # added
    assert [(a.abbr, a.expansion) for a in window.desk.user_acronyms()] == [
        ("EUDR", "EU Deforestation Regulation")]
    assert dialog.acronyms() == {"EUDR": "EU Deforestation Regulation"}
    assert undo_text(window) == "Undo add acronym EUDR"

    dialog.abbr.setText("ASEC")
    dialog.expansion.setText("ASEAN Secretariat")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.select_row(dialog.model.row_where(lambda a: a.abbr == "EUDR"))
    assert dialog.abbr.text() == "EUDR"  # the selected one, to change
    dialog.expansion.setText("EU Regulation on deforestation-free products")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert undo_text(window) == "Undo change acronym EUDR"
    assert dialog.acronyms() == {"ASEC": "ASEAN Secretariat",
                                 "EUDR": "EU Regulation on deforestation-free products"}

    dialog.select_row(dialog.model.row_where(lambda a: a.abbr == "ASEC"))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [a.abbr for a in window.desk.user_acronyms()] == ["EUDR"]
    assert dialog.acronyms() == {"EUDR": "EU Regulation on deforestation-free products"}

    window.undo()  # the removal
    assert dialog.acronyms()["ASEC"] == "ASEAN Secretariat"  # the list follows
    window.undo()  # the change
    assert {a.abbr: a.expansion for a in window.desk.user_acronyms()}["EUDR"] == (
        "EU Deforestation Regulation")
    window.undo()
    window.undo()
    assert window.desk.user_acronyms() == [] and dialog.model.values == []


def test_my_acronyms_go_into_the_brief_and_quiet_its_warning(qtbot, window, tmp_path,
                                                            monkeypatch):
    meeting_id = add_som(window, "2.1(c)")
    window.desk.meetings.edit_item(window.desk.meetings.find_item(meeting_id, "2.1(c)"),
                                   objective="Raise the EUDR with ASEC.")
    answers = Dialogs(monkeypatch, tmp_path / "before.docx")
    answers.choice = ""
    panel = open_panel(window)
    _click(qtbot, panel, "exportWord")
    (_path, warnings), = answers.after
    assert any("EUDR" in w and "ASEC" in w for w in warnings)

    trigger(window, "Meeting", "My Acronyms…")
    dialog = window.meetings.glossary_dialog
    for abbr, expansion in (("EUDR", "EU Deforestation Regulation"),
                            ("ASEC", "ASEAN Secretariat")):
        dialog.abbr.setText(abbr)
        dialog.expansion.setText(expansion)
        assert dialog.save()
    dialog.reject()
    answers.target = tmp_path / "after.docx"
    _click(qtbot, panel, "exportWord")
    _path, warnings = answers.after[-1]
    assert not any("EUDR" in w or "ASEC" in w for w in warnings)
    annex = "\n".join(c.text for t in docx.Document(str(tmp_path / "after.docx")).tables
                      for row in t.rows for c in row.cells)
    assert "EU Deforestation Regulation" in annex and "ASEAN Secretariat" in annex
