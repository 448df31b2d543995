"""The pieces of issue 19's quick path: the Agenda field checks each reference as it is typed,
the plan tree selects several rows for an agenda or a new meeting, Enter on a section found by
its number selects the section, and Add Expansions… opens My Acronyms with the acronyms a brief
could not explain."""

from __future__ import annotations

import sys

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.export import ExportResult
from app.ui.meetings import meeting_form
from app.ui.meetings.agenda_field import WRONG
from tests.ui.helpers import proxy_index
from tests.ui.meetings_helpers import add_som, db_refs, open_panel, tree_menu_actions


def _form(qtbot, window, agenda: str = "") -> meeting_form.MeetingForm:
    index = window.desk.plan.index()
    form = meeting_form.MeetingForm(window, None, (index, index.references()), agenda)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_a_wrong_reference_is_said_in_red_and_ok_waits(qtbot, window):
    form = _form(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.title_edit)  # opens on Title
    qtbot.keyClicks(form.title_edit, "ASEAN-EU SOM")
    assert form.ok_button.isEnabled()  # the agenda can wait
    field = form.agenda
    assert field is not None
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "1.3b, 9.9, ")
    assert field.message.text() == "unknown reference '9.9': no section 9.9 in this plan"
    assert WRONG in field.message.styleSheet()
    assert not form.ok_button.isEnabled() and not field.valid
    form.accept()  # Enter: stays, the cursor where the problem is
    assert form.isVisible() and QApplication.focusWidget() is field.edit

    field.edit.setText('1.3b, 3.5, "Any other business')  # the quote left open
    assert "is not closed" in field.message.text() and not form.ok_button.isEnabled()
    field.edit.setText('1.3b, 3.5, "Any other business"')
    assert field.valid and form.ok_button.isEnabled()
    assert field.message.text() == ("3 items: 1 action line, section 3.5 (22 lines), 1 of your "
                                    "own")


def test_the_reference_being_typed_is_not_wrong_yet_and_completes(qtbot, window):
    form = _form(qtbot, window)
    field = form.agenda
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "1")  # a part: on its way to 1.1 or 1.3(b)
    assert WRONG not in field.message.styleSheet() and not field.valid
    assert field.completer.completionPrefix() == "1"
    qtbot.keyClicks(field.edit, ".3(")
    assert not field.valid and field.completer.completionCount() == 13  # 1.3(a) to 1.3(m)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert field.valid  # section 1.3: nothing more to offer, Enter would make the meeting
    assert not field.completer.popup().isVisible()
    field.completer.activated[str].emit("1.3(b)")
    assert field.edit.text() == "1.3(b)"
    qtbot.keyClicks(field.edit, ", 5")
    field.completer.activated[str].emit("5(a)")
    assert field.edit.text() == "1.3(b), 5(a)" and field.valid


def test_edit_meeting_has_no_agenda_field_and_the_kind_stays(qtbot, window):
    meeting_id = add_som(window, "2.1(c)")
    fields = window.desk.meetings.get(meeting_id).fields
    form = meeting_form.MeetingForm(window, fields)
    qtbot.addWidget(form)
    assert form.agenda is None and form.kind.currentText() == "SOM"
    assert form.agenda_text() == ""


def _select(window, keys: list[str]) -> None:
    selection = window.tree.selectionModel()
    window.tree.setCurrentIndex(proxy_index(window, keys[0]))
    for key in keys[1:]:
        selection.setCurrentIndex(proxy_index(window, key),
                                  QItemSelectionModel.SelectionFlag.Select
                                  | QItemSelectionModel.SelectionFlag.Rows)


def test_several_rows_go_on_an_agenda_at_once(qtbot, window):
    meeting_id = add_som(window)
    open_panel(window)
    window.tree.setFocus()
    window.select_key("a1.3(b)")
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert [n.key for n in window.tree.selected_nodes()] == ["a1.3(b)", "a1.3(c)"]
    assert window.detail.detail is not None and window.detail.detail.ref == "1.3(c)"  # current
    _select(window, ["s3.5", "a2.1(c)", "a1.3(b)"])  # in the tree's order, whatever the clicks
    texts = [a.text() for a in tree_menu_actions(window, "a2.1(c)")]
    assert texts[0] == "Add 3 Selected Rows to Agenda of SOM, 5 March 2026"
    assert texts[-1] == "New Meeting from Selection…"
    tree_menu_actions(window, "a2.1(c)")[0].trigger()
    assert db_refs(window, meeting_id) == ["1.3(b)", "2.1(c)", "3.5"]
    window.undo()  # one step
    assert db_refs(window, meeting_id) == []
    # a row outside the selection: the menu is about that row alone
    assert tree_menu_actions(window, "a4.1(a)")[0].text() == (
        "Add 4.1(a) to Agenda of SOM, 5 March 2026")


def test_new_meeting_from_selection_fills_the_agenda(qtbot, window, monkeypatch):
    seen: list[str] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, meeting_form.MeetingForm) and dialog.agenda is not None
        seen.append(dialog.agenda.text())
        dialog.title_edit.setText("ASEAN-EU JCC")
        return True

    monkeypatch.setattr(meeting_form, "run_dialog", run)
    _select(window, ["a1.3(b)", "s3.5"])
    [new] = [a for a in tree_menu_actions(window, "s3.5")
             if a.text() == "New Meeting from Selection…"]
    new.trigger()
    assert seen == ["1.3(b), 3.5"]
    [meeting] = window.desk.meetings.all()
    assert meeting.title == "ASEAN-EU JCC" and db_refs(window, meeting.id) == ["1.3(b)", "3.5"]
    assert window.meetings.panel.meeting_id == meeting.id


def test_enter_on_a_section_found_by_its_number_selects_the_section(qtbot, window):
    add_som(window)
    for typed, key in (("3.5", "s3.5"), ("2.1", "s2.1"), ("2.1c", "a2.1(c)")):
        window.side.focus_search()
        qtbot.keyClicks(window.filters.search, typed)
        qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
        assert window.tree.hasFocus()
        assert window.tree.node_at(window.tree.currentIndex()).key == key, typed
        window.filters.search.clear()
    window.side.focus_search()
    qtbot.keyClicks(window.filters.search, "3.5")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    first = tree_menu_actions(window, "s3.5")[0].text()
    assert first == "Add Section 3.5 to Agenda of SOM, 5 March 2026"
    # a word search: Enter still goes to the first line found
    window.filters.search.clear()
    window.side.focus_search()
    qtbot.keyClicks(window.filters.search, "haze")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)
    assert window.tree.node_at(window.tree.currentIndex()).kind == "action"


def test_add_expansions_opens_my_acronyms_with_them(qtbot, window, tmp_path):
    dock = window.meetings
    dock.show_panel()
    dock._report([ExportResult(tmp_path / "b.docx", ("acronyms with no expansion",),
                               ("ASEC", "SOMTC"))])
    notice = dock.notice
    assert notice is not None and notice.isVisible()
    assert notice.acronyms_label.text() == "Not explained: ASEC, SOMTC"
    notice.expansions_button.click()
    dialog = dock.glossary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.abbr.text() == "ASEC" and dialog.focusWidget() is dialog.expansion
    assert "ASEC, SOMTC" in dialog.pending_label.text()
    qtbot.keyClicks(dialog.expansion, "ASEAN Secretariat")
    assert dialog.save()
    assert dialog.abbr.text() == "SOMTC" and dialog.expansion.text() == ""  # the next one
    assert {a.abbr for a in window.desk.user_acronyms()} == {"ASEC"}
    dialog.reject()


def test_the_status_bar_says_a_folder_under_home_shortly():
    from pathlib import Path

    from app.ui.meetings.export_notice import shown_folder

    folder = Path.home() / "Documents" / "POA Desk"
    expected = str(folder) if sys.platform == "win32" else "~/Documents/POA Desk"
    assert shown_folder(folder) == expected
    assert shown_folder(Path("/srv/briefs")) == str(Path("/srv/briefs"))
