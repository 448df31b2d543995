"""Issue 11, "a window to trust the night before a SOM": each bug as the officer met it, then
fixed. (Mnemonics and screen-reader names: test_every_window.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from app.ui.meetings.meeting_form import MeetingForm
from app.ui.shell import dialogs
from app.ui.shell.date_field import DateField, parse_date
from app.ui.shell.texts import share_text
from tests.ui.focal_helpers import add_person
from tests.ui.helpers import click_row, proxy_index, visible_action_refs
from tests.ui.meetings_helpers import add_som, agenda_refs, answer_form, open_panel, select_item

# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "day_first", "expected"), [
    ("2027-03-05", True, date(2027, 3, 5)),  # what the field shows in ISO: March, not December
    ("20270305", True, date(2027, 3, 5)),
    ("5 March 2027", True, date(2027, 3, 5)),
    ("5 Mar 2027", False, date(2027, 3, 5)),
    ("March 5, 2027", True, date(2027, 3, 5)),
    ("Friday 5th March 2027", True, date(2027, 3, 5)),
    ("05/03/2027", True, date(2027, 3, 5)),  # day/month/year, as the field says
    ("03/05/2027", False, date(2027, 3, 5)),  # month first where the locale writes so
    ("31/12/2027", True, date(2027, 12, 31)),
    ("", True, None),  # not fixed yet
])
def test_dates_are_read_as_people_write_them(typed, day_first, expected):
    assert parse_date(typed, day_first) == expected


@pytest.mark.parametrize("typed", ["2027-02-30", "31/12/2027 x", "13/13/2027", "hello",
                                   "5 Ma 2027", "3112-02-02x", "2027"])
def test_what_is_not_a_date_is_refused_never_guessed(typed):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(typed, True)


def test_the_date_field_refuses_a_non_date_visibly_and_shows_what_it_understood(qtbot):
    field = DateField(day_first=True)
    qtbot.addWidget(field)
    field.show()
    assert field.text() == "" and field.edit.placeholderText() == "not fixed yet"
    assert "day/month/year" in field.edit.toolTip()
    qtbot.keyClicks(field.edit, "2027-02-30")
    assert not field.valid
    assert "is not a date" in field.message.text() and field.message.isVisible()
    assert "#b3261e" in field.message.styleSheet()
    field.edit.clear()
    qtbot.keyClicks(field.edit, "05/03/2027")
    assert field.valid and field.message.text() == "Friday 5 March 2027"
    field.edit.editingFinished.emit()
    assert field.text() == "5 March 2027"  # shown as it writes dates, which it reads back
    assert field.value() == date(2027, 3, 5)


def test_a_new_meetings_date_is_empty_and_a_typed_date_is_stored_as_typed(
        qtbot, window, monkeypatch):
    panel = open_panel(window)
    seen = {}

    def fill(form: MeetingForm):
        seen["default"] = form.date_edit.text()
        label = form.findChildren(QLabel)
        seen["labels"] = [x.text() for x in label if x.buddy() is form.date_edit.edit]
        qtbot.keyClicks(form.title_edit, "29th ASEAN-EU SOM")
        qtbot.keyClicks(form.date_edit.edit, "2027-02-30")
        seen["refused"] = not form.ok_button.isEnabled()
        form.date_edit.edit.clear()
        qtbot.keyClicks(form.date_edit.edit, "2027-03-05")

    answer_form(qtbot, monkeypatch, fill)
    panel.new_meeting()
    [info] = window.desk.meetings.all()
    assert info.date == date(2027, 3, 5)
    assert seen == {"default": "", "labels": ["&Date:"], "refused": True}  # a buddy: no "&"


# -- references in search ---------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "key"), [("2.1(c)", "a2.1(c)"), ("5(a)", "a5(a)"),
                                            ("1.4(c)", "a1.4(c)"), ("2.1c", "a2.1(c)")])
def test_a_reference_in_search_goes_straight_to_that_line(qtbot, window, typed, key):
    qtbot.keyClicks(window.filters.search, typed)
    assert visible_action_refs(window) == [key[1:]]
    assert window.filters.count.text() == "1 of 165 action lines"
    assert window.tree.currentIndex() == proxy_index(window, key)
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Down)  # on to the tree: that line
    assert window.tree.currentIndex() == proxy_index(window, key)
    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    changed = [a.ref for a in window.model.actions() if a.status != "not_assessed"]
    assert changed == [key[1:]]  # the line named, and no other


def test_a_section_reference_shows_that_section(qtbot, window):
    qtbot.keyClicks(window.filters.search, "2.1")
    refs = visible_action_refs(window)
    assert refs and all(r.startswith("2.1(") for r in refs)
    assert window.tree.currentIndex() == proxy_index(window, "s2.1")
    assert window.detail.summary.isVisible()


# -- destructive actions ask first ------------------------------------------------------------

def _answer(monkeypatch, seen: list, answer: bool) -> None:
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, title, question, _d, _ok: seen.append(question) or answer)


def test_removing_an_agenda_item_with_content_asks_first_and_undoes(
        qtbot, window, monkeypatch):
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    window.desk.meetings.set_item_fields(
        window.desk.meetings.get(meeting_id).items[1].id, {"objective": "Move the FTA on."})
    panel = open_panel(window)
    panel.reload(meeting_id)
    asked: list[str] = []
    _answer(monkeypatch, asked, False)
    select_item(panel, "2.1(c)")
    panel.agenda_view.setFocus()
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Delete)
    assert asked == ["Remove 2.1(c) from the agenda?"] and agenda_refs(panel) == ["1.1(a)",
                                                                                 "2.1(c)"]
    _answer(monkeypatch, asked, True)
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Delete)
    assert agenda_refs(panel) == ["1.1(a)"]
    window.undo()
    assert agenda_refs(panel) == ["1.1(a)", "2.1(c)"]
    asked.clear()
    select_item(panel, "1.1(a)")  # nothing written for it: no question
    panel.remove_selected()
    assert asked == [] and agenda_refs(panel) == ["2.1(c)"]


def test_deleting_a_filled_meeting_asks_first_and_undoes(qtbot, window, monkeypatch):
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    panel = open_panel(window)
    panel.reload(meeting_id)
    asked: list[str] = []
    _answer(monkeypatch, asked, False)
    assert not panel.delete_meeting()
    assert len(window.desk.meetings.all()) == 1 and asked[0].startswith("Delete SOM")
    _answer(monkeypatch, asked, True)
    assert panel.delete_meeting() and window.desk.meetings.all() == []
    window.undo()
    assert [i.ref for i in window.desk.meetings.get(
        window.desk.meetings.all()[0].id).items] == ["1.1(a)", "2.1(c)"]


def test_removing_a_focal_point_asks_first_and_undoes(qtbot, window, monkeypatch):
    person = add_person(window, "Siti Rahmawati", "ID")
    window.hub.publish(window.desk.focal.assign(
        person, window.desk.focal.resolve_target("1.3(b)").target).change)
    click_row(qtbot, window, "a1.3(b)")
    box = window.detail.focal_box
    box.select_row(0)
    asked: list[str] = []
    _answer(monkeypatch, asked, False)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Remove Siti Rahmawati (Indonesia, lead) from 1.3(b)?"]
    assert len(window.desk.focal.assignments_of(person)) == 1
    _answer(monkeypatch, asked, True)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert window.desk.focal.assignments_of(person) == []
    window.undo()
    assert len(window.desk.focal.assignments_of(person)) == 1


# -- the Assign dialog ------------------------------------------------------------------------

def test_typing_a_country_never_jumps_to_a_new_focal_point(qtbot, window):
    window.focal_ui.set_delegation("DE")  # Germany preselected
    click_row(qtbot, window, "a1.3(b)")
    dialog = window.focal_ui.open_assign()
    qtbot.waitExposed(dialog)
    dialog.country.setFocus()
    qtbot.keyClicks(dialog.country, "Indonesia")
    assert dialog.country.currentData() == "ID"
    assert dialog.focusWidget() is dialog.country  # not moved to Name halfway
    assert dialog.new_person.name.text() == ""
    dialog.reject()


def test_assign_on_a_section_row_assigns_the_section(qtbot, window):
    person = add_person(window, "Siti Rahmawati", "ID")
    click_row(qtbot, window, "s1.3")
    qtbot.keyClick(window.tree, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.focal_ui.assign_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Assign a focal point to section 1.3"
    assert dialog.on_section.isChecked() and not dialog.on_line.isEnabled()
    dialog.country.setCurrentIndex(dialog.country.findData("ID"))
    dialog.person.setCurrentIndex(dialog.person.findData(person))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [assignment] = window.desk.focal.assignments_of(person)
    assert assignment.is_section and assignment.ref == "1.3"


# -- the window on a 1280x720 screen ----------------------------------------------------------

def _rows_shown(view) -> float:
    row = view.sizeHintForRow(0) if view.model().rowCount() else view.fontMetrics().height() + 4
    return view.viewport().height() / max(row, 1)


def test_the_window_fits_1280x720_with_every_panel_open(qtbot, window):
    person = add_person(window, "Siti Rahmawati", "ID")
    window.desk.focal.assign(person, window.desk.focal.resolve_target("1.3(b)").target)
    meeting_id = add_som(window, "1.1(a),1.2(a),2.1(c),3.5,5(a),1.3(b),2.2(a)")
    window.resize(1280, 680)  # a 1280x720 screen less the title bar
    qtbot.wait(10)
    click_row(qtbot, window, "a1.3(b)")
    panel = open_panel(window)
    panel.reload(meeting_id)
    select_item(panel, "2.1(c)")
    qtbot.wait(10)
    assert window.width() == 1280  # opening the panel does not widen the window
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 680, hint
    assert window.height() <= 680
    for name, view in (("plan tree", window.tree), ("agenda", panel.agenda_view),
                       ("focal points", window.detail.focal_box.list)):
        assert _rows_shown(view) >= 6, name


def test_the_register_and_coverage_fit_1280x720(qtbot, window):
    register = window.focal_ui.open_register()
    coverage = window.focal_ui.open_coverage()
    for dialog in (register, coverage):
        assert dialog.width() <= 1280 and dialog.height() <= 680
        assert dialog.minimumSizeHint().height() <= 680
    assert register.close_button.isVisible()
    qtbot.mouseClick(register.close_button, Qt.MouseButton.LeftButton)
    assert not register.isVisible()


# -- keyboard ---------------------------------------------------------------------------------

def test_a_shortcut_to_each_pane(qtbot, window):
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    click_row(qtbot, window, "a1.3(b)")
    window.meetings.show_panel().reload(meeting_id)
    panel = window.meetings.panel
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for key, widget in ((Qt.Key.Key_D, window.detail.notes_edit),
                        (Qt.Key.Key_M, panel.agenda_view),
                        (Qt.Key.Key_I, panel.item_editor.edits["objective"]),
                        (Qt.Key.Key_T, window.tree)):
        qtbot.keyClick(QApplication.focusWidget() or window, key, ctrl_shift)
        assert QApplication.focusWidget() is widget, key
    panel.agenda_view.setFocus()
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Return)  # Enter on an item: to its fields
    assert QApplication.focusWidget() is panel.item_editor.edits["objective"]


def test_every_list_shows_where_the_focus_is(qtbot, window):
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    panel = open_panel(window)
    panel.reload(meeting_id)
    for view in (window.tree, panel.agenda_view):
        view.setFocus()
        qtbot.waitUntil(lambda v=view: v.focus_ring.isVisible())
        assert view.focus_ring.geometry() == view.rect()
        window.filters.search.setFocus()
        qtbot.waitUntil(lambda v=view: not v.focus_ring.isVisible())
    panel.agenda_view.setCurrentIndex(panel.agenda_model.index(-1, -1))
    panel.agenda_view.setFocus()
    assert panel.agenda_view.currentIndex().isValid()  # the focus is on a row


def test_the_context_menu_key_highlights_the_first_entry(qtbot, window):
    add_som(window)
    click_row(qtbot, window, "a2.1(c)")
    seen = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            if menu.activeAction() is None:
                QTimer.singleShot(10, look)
                return
            seen.append(menu.activeAction().text())
            menu.close()

    QTimer.singleShot(50, look)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(1, 1), QPoint(1, 1))
    window.tree.contextMenuEvent(event)
    assert seen and seen[0].startswith("Add 2.1(c) to Agenda of SOM")


# -- the smaller items ------------------------------------------------------------------------

def test_the_status_bar_never_says_0_percent_when_a_line_is_being_addressed(qtbot, window):
    assert share_text(1, 165) == "0.6%" and share_text(0, 165) == "0%"
    assert share_text(164, 165) == "99%" and share_text(165, 165) == "100%"
    click_row(qtbot, window, "a1.3(b)")
    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.progress_label.text() == ("0.6% of action lines achieved or being "
                                            "addressed")


def test_each_typing_session_is_its_own_undo_step(qtbot, open_window):
    window = open_window(save_delay_ms=10)
    click_row(qtbot, window, "a1.3(b)")
    notes = window.detail.notes_edit
    notes.setFocus()
    aid = window.desk.resolve_ref("1.3(b)")
    qtbot.keyClicks(notes, "First session.")
    # saved after the pause
    qtbot.waitUntil(lambda: window.desk.action(aid).notes == "First session.")
    window.detail.tags_edit.setFocus()  # elsewhere, then back
    notes.setFocus()
    qtbot.keyClicks(notes, " Second.")
    qtbot.waitUntil(lambda: window.desk.action(aid).notes == "First session. Second.")
    window.undo()
    assert window.desk.action(aid).notes == "First session."
    window.undo()
    assert window.desk.action(aid).notes == ""
