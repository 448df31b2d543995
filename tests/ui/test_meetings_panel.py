"""The meetings dock: built lazily, toggled and remembered; meetings made, edited, deleted in
the real form, each an undoable step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from app.service import Desk
from app.ui.meetings.meetings_dock import MeetingsDock
from app.ui.shell.settings import UiSettings
from app.ui.window import MainWindow
from tests.ui.file_helpers import menu
from tests.ui.helpers import proxy_index
from tests.ui.meetings_helpers import (
    SOM_DATE,
    add_som,
    agenda_refs,
    answer_form,
    db_refs,
    open_panel,
    redo_text,
    select_item,
    set_date,
    type_into,
    undo_text,
)


def _menu(window, title):
    action = next(a for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "") for a in action.menu().actions() if a.text()]


def test_the_dock_is_built_when_first_shown_and_its_visibility_remembered(
        qtbot, open_window, settings_path):
    window = open_window()
    dock = window.meetings
    assert isinstance(dock, MeetingsDock)
    assert not dock.dock.isVisible() and dock.panel is None  # nothing built at start
    assert "Meetings Panel" in _menu(window, "View")
    assert _menu(window, "Meeting")[:4] == ["New Meeting…", "Edit Meeting…", "Delete Meeting…",
                                            "Deleted Meetings…"]
    assert _menu(window, "File") == ["Open Team Database…", "Open Database File…",
                                     "Open Recent", "Take a Copy Offline…",
                                     "Bring My Changes Back…",
                                     "Back Up…", "Back Up Including Private Notes…",
                                     "Restore or Merge from Backup…", "Backups…",
                                     "Import Plan…", "Import Matrix…",
                                     "Import Activities…", "Undo Last Import…",
                                     "Export Briefs: Word and Excel",
                                     "Export Brief as Word…", "Export Brief as Excel…",
                                     "Export Implementation Matrix…", "Progress Report…",
                                     "Close Window", "Quit"]
    assert dock.toggle.shortcut().toString() == "Ctrl+M"

    qtbot.keyClick(window.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert dock.dock.isVisible()
    qtbot.waitUntil(lambda: dock.panel is not None)
    assert dock.dock.widget() is dock.panel
    assert dock.panel.info_label.text() == "No meeting yet: New… makes one."
    assert UiSettings(settings_path).meetings_visible
    window.close()

    again = open_window()
    assert again.meetings.dock.isVisible()
    qtbot.waitUntil(lambda: again.meetings.panel is not None)
    qtbot.keyClick(again.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not again.meetings.dock.isVisible()
    again.close()
    assert not UiSettings(settings_path).meetings_visible
    third = open_window()
    assert not third.meetings.dock.isVisible() and third.meetings.panel is None


def test_a_new_meeting_from_the_form(qtbot, window, monkeypatch):
    panel = open_panel(window)

    def fill(form):
        assert form.windowTitle() == "New meeting"
        assert form.kind.currentText() == "SOM"
        assert [form.kind.itemText(i) for i in range(form.kind.count())] == [
            "AEMM", "PMC+1", "SOM", "JCC", "SOMTC+EU", "SEOM-EU"]
        assert form.marking.currentText() == ""  # no handling marking unless chosen
        assert form.date_edit.text() == ""  # not fixed yet, not today
        assert not form.ok_button.isEnabled()  # a title is needed
        type_into(qtbot, form.kind.lineEdit(), "SOMTC+EU")
        type_into(qtbot, form.title_edit, "22nd SOMTC+EU Consultation")
        assert form.ok_button.isEnabled()
        set_date(form, date(2026, 6, 18))
        type_into(qtbot, form.venue, "Vientiane")

    answer_form(qtbot, monkeypatch, fill)
    qtbot.mouseClick(panel.findChild(QToolButton, "newMeeting"), Qt.MouseButton.LeftButton)
    [info] = window.desk.meetings.all()
    assert (info.kind, info.title, info.date, info.venue, info.marking) == (
        "SOMTC+EU", "22nd SOMTC+EU Consultation", date(2026, 6, 18), "Vientiane", "")
    assert panel.meeting_combo.currentText() == (
        "SOMTC+EU, 18 June 2026 — 22nd SOMTC+EU Consultation")
    assert panel.info_label.text() == "22nd SOMTC+EU Consultation · Vientiane · 0 agenda items"
    assert undo_text(window) == "Undo new meeting SOMTC+EU, 18 June 2026"

    window.undo()
    assert window.desk.meetings.all() == []
    assert panel.meeting_combo.count() == 0
    assert redo_text(window) == "Redo new meeting SOMTC+EU, 18 June 2026"
    window.redo()
    assert [m.title for m in window.desk.meetings.all()] == ["22nd SOMTC+EU Consultation"]


def test_a_cancelled_or_undated_form(qtbot, window, monkeypatch):
    panel = open_panel(window)
    answer_form(qtbot, monkeypatch, lambda form: type_into(qtbot, form.title_edit, "X"),
                accept=False)
    assert panel.new_meeting() is None and window.desk.meetings.all() == []

    def undated(form):
        type_into(qtbot, form.title_edit, "ASEAN-EU SOM Retreat")
        assert form.date_edit.text() == ""  # empty: not fixed yet

    answer_form(qtbot, monkeypatch, undated)
    panel.new_meeting()
    [info] = window.desk.meetings.all()
    assert info.date is None
    assert panel.meeting_combo.currentText() == "SOM (ASEAN-EU SOM Retreat)"


def test_editing_a_meeting_starts_from_its_details_and_undoes(qtbot, window, monkeypatch):
    meeting_id = add_som(window)
    window.desk.meetings.edit_meeting(meeting_id, marking="RESTRICTED")
    panel = open_panel(window)

    def fill(form):
        assert form.windowTitle() == "Meeting details"
        assert (form.kind.currentText(), form.title_edit.text(), form.venue.text(),
                form.marking.currentText()) == ("SOM", "29th ASEAN-EU SOM", "Jakarta",
                                                "RESTRICTED")
        assert form.date_edit.text() == "5 March 2026"
        set_date(form, date(2026, 3, 6))
        type_into(qtbot, form.venue, "Jakarta, ASEAN Secretariat")

    answer_form(qtbot, monkeypatch, fill)
    menu(window, "Meeting").actions()[1].trigger()  # Meeting > Edit Meeting…
    m = window.desk.meetings.get(meeting_id)
    assert (m.date, m.venue, m.marking) == (date(2026, 3, 6), "Jakarta, ASEAN Secretariat",
                                            "RESTRICTED")
    assert undo_text(window) == "Undo edit meeting SOM, 6 March 2026"
    assert panel.meeting_combo.currentText() == "SOM, 6 March 2026 — 29th ASEAN-EU SOM"
    window.undo()
    m = window.desk.meetings.get(meeting_id)
    assert (m.date, m.venue) == (SOM_DATE, "Jakarta")
    assert panel.meeting_combo.currentText() == "SOM, 5 March 2026 — 29th ASEAN-EU SOM"


def test_deleting_a_meeting_undoes_with_its_agenda_and_fields(qtbot, window):
    first = add_som(window, "1.1(a),2.1(c),3.5")
    add_som(window, "4.1(a)", date(2026, 9, 1), "30th ASEAN-EU SOM")
    panel = open_panel(window)
    panel.meeting_combo.setCurrentIndex(0)
    select_item(panel, "2.1(c)")
    type_into(qtbot, panel.item_editor.edits["objective"], "Move the FTA framework on.")
    panel.delete_meeting()
    assert [m.title for m in window.desk.meetings.all()] == ["30th ASEAN-EU SOM"]
    assert panel.meeting_combo.currentText() == "SOM, 1 September 2026 — 30th ASEAN-EU SOM"
    assert undo_text(window) == "Undo delete meeting SOM, 5 March 2026"

    window.undo()
    restored = window.desk.meetings.all()[0]
    assert restored.title == "29th ASEAN-EU SOM" and restored.id != first
    assert panel.meeting_combo.currentText() == "SOM, 5 March 2026 — 29th ASEAN-EU SOM"
    assert agenda_refs(panel) == db_refs(window, restored.id) == ["1.1(a)", "2.1(c)", "3.5"]
    item = window.desk.meetings.get(restored.id).items[1]
    assert item.objective == "Move the FTA framework on."

    window.undo()  # the objective typed before the delete, on the meeting made again
    assert window.desk.meetings.get(restored.id).items[1].objective == ""
    window.redo()
    window.redo()  # delete it again: the command follows the meeting's new id
    assert [m.title for m in window.desk.meetings.all()] == ["30th ASEAN-EU SOM"]
    window.undo()
    assert len(window.desk.meetings.all()) == 2


def test_a_dock_left_open_waits_for_the_database_on_the_fast_start(
        qtbot, db_path, settings_path, shown_dialogs):
    settings = UiSettings(settings_path)
    settings.meetings_visible = True
    settings.sync()
    desk = Desk.open(db_path)
    desk.meetings.create("SOM", "29th ASEAN-EU SOM", SOM_DATE, refs="1.1(a),3.5")
    window = MainWindow(None, UiSettings(settings_path), save_delay_ms=10,
                        tree=desk.plan_tree(), db_path=db_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.meetings.dock.isVisible)
    QApplication.processEvents()
    assert window.meetings.panel is None  # the database is still opening
    assert window.tree.context_menu(proxy_index(window, "a1.1(a)")) is None
    window.attach_desk(desk)
    qtbot.waitUntil(lambda: window.meetings.panel is not None)
    assert agenda_refs(window.meetings.panel) == ["1.1(a)", "3.5"]
    window.close()
