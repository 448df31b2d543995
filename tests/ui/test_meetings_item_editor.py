"""The agenda item editor: typed fields saved after a pause, at once when the item changes,
before undo and on close; one typing burst is one undo step; the last outcome offered."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.service import Desk
from tests.ui.meetings_helpers import (
    add_som,
    open_panel,
    redo_text,
    select_item,
    type_into,
    undo_text,
)


def _objective(window, meeting_id, ref):
    return window.desk.meetings.item(window.desk.meetings.find_item(meeting_id, ref)).objective


def test_typing_is_saved_after_a_pause(qtbot, open_window):
    window = open_window(save_delay_ms=20)
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    panel = open_panel(window)
    select_item(panel, "2.1(c)")
    edit = panel.item_editor.edits["objective"]
    assert edit.placeholderText() == "What the delegation wants from this item."
    type_into(qtbot, edit, "Move the FTA framework on.")
    qtbot.waitUntil(lambda: _objective(window, meeting_id, "2.1(c)")
                    == "Move the FTA framework on.")
    assert panel.item_editor.save_state.text() == "Saved"
    assert undo_text(window) == "Undo objective edit on 2.1(c)"
    assert panel.agenda_model.index(1, 2).data() == "1/4"  # the agenda shows it at once


def test_a_pending_edit_is_flushed_on_switch_and_undone_as_one_step(qtbot, open_window):
    window = open_window(save_delay_ms=60_000)  # never by the timer in this test
    meeting_id = add_som(window, "1.1(a),2.1(c),3.5")
    panel = open_panel(window)
    select_item(panel, "2.1(c)")
    editor = panel.item_editor
    type_into(qtbot, editor.edits["objective"], "Move the FTA ")
    assert _objective(window, meeting_id, "2.1(c)") == ""  # waiting for the pause
    assert editor.has_pending and editor.save_state.text() == "Editing…"
    assert undo_text(window) == "Undo objective edit on 2.1(c)"  # what Ctrl+Z would take
    assert window.undo_action.isEnabled()
    editor.flush()  # a pause
    qtbot.keyClicks(editor.edits["objective"], "framework on.")
    type_into(qtbot, editor.edits["points_to_make"], "Welcome the stocktaking.")

    select_item(panel, "3.5")  # switching saves what was typed
    item = window.desk.meetings.item(window.desk.meetings.find_item(meeting_id, "2.1(c)"))
    assert (item.objective, item.points_to_make) == ("Move the FTA framework on.",
                                                     "Welcome the stocktaking.")
    assert editor.view.ref == "3.5" and editor.edits["objective"].toPlainText() == ""
    section = window.desk.meetings.item(window.desk.meetings.find_item(meeting_id, "3.5"))
    assert (section.objective, section.points_to_make) == ("", "")  # nothing spilled over
    assert [window.undo_stack.text(i) for i in range(window.undo_stack.count())] == [
        "objective edit on 2.1(c)", "points to make edit on 2.1(c)"]
    assert undo_text(window) == "Undo points to make edit on 2.1(c)"

    window.undo()
    window.undo()  # the two bursts on the objective merged into one step
    assert _objective(window, meeting_id, "2.1(c)") == ""
    assert redo_text(window) == "Redo objective edit on 2.1(c)"
    select_item(panel, "2.1(c)")
    window.redo()
    assert editor.edits["objective"].toPlainText() == "Move the FTA framework on."

    # Ctrl+Z typed in a field goes to the window's stack, not the text edit's own
    type_into(qtbot, editor.edits["defensive_points"], "No date yet.")
    qtbot.keyClick(editor.edits["defensive_points"], Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier)
    item = window.desk.meetings.item(window.desk.meetings.find_item(meeting_id, "2.1(c)"))
    assert item.defensive_points == ""
    assert editor.edits["defensive_points"].toPlainText() == ""


def test_a_pending_edit_is_saved_on_close(qtbot, open_window, db_path):
    window = open_window(save_delay_ms=60_000)
    meeting_id = add_som(window, "4.1(a)")
    panel = open_panel(window)
    select_item(panel, "4.1(a)")
    type_into(qtbot, panel.item_editor.edits["outcome"], "Agreed to meet again in 2027.")
    window.close()
    check = Desk.open(db_path)
    try:
        item = check.meetings.get(meeting_id).items[0]
    finally:
        check.close()
    assert item.outcome == "Agreed to meet again in 2027."


def test_the_last_meetings_outcome_is_offered_as_background(qtbot, window):
    meetings = window.desk.meetings
    earlier = add_som(window, "2.1(c)", date(2026, 3, 5))
    meetings.edit_item(meetings.find_item(earlier, "2.1(c)"), outcome="JWG to report by June.")
    later = add_som(window, "", date(2026, 9, 1), "30th ASEAN-EU SOM")
    panel = open_panel(window)
    panel.meeting_combo.setCurrentIndex(1)
    assert panel.meeting_id == later
    panel.add_refs(["2.1(c)"])
    editor = panel.item_editor
    offered = "Outcome of SOM, 5 March 2026: JWG to report by June."
    background = editor.edits["background"]
    assert background.toPlainText() == offered  # pre-filled by the core for a new item
    assert editor.offer_button.isHidden()  # it is there already

    type_into(qtbot, background, "The JWG met twice.")
    assert not editor.offer_button.isHidden()
    qtbot.mouseClick(editor.offer_button, Qt.MouseButton.LeftButton)
    item = meetings.item(meetings.find_item(later, "2.1(c)"))
    assert item.background == f"The JWG met twice.\n\n{offered}"
    assert editor.offer_button.isHidden()
    assert undo_text(window) == "Undo background edit on 2.1(c)"

    panel.add_refs(["1.1(a)"])  # nothing recorded for it: nothing offered
    assert editor.view.ref == "1.1(a)" and editor.offer_button.isHidden()


def test_no_item_no_editing(window):
    panel = open_panel(window)
    editor = panel.item_editor
    assert editor.view is None
    assert all(not e.isEnabled() for e in editor.edits.values())
    assert editor.heading.text().startswith("Select an agenda item, or add one from the plan")
    add_som(window, "1.1(a)")
    panel.reload()
    assert editor.view.ref == "1.1(a)"
    assert editor.heading.text() == ("Item 1: 1.1(a) Enhance strategic dialogue and deepen "
                                     "political and security cooperation  ·  Not assessed")
    assert editor.verbatim.toPlainText().startswith("Convene biennial ASEAN-EU")


def test_a_status_set_in_the_detail_pane_shows_in_the_agenda(qtbot, window):
    add_som(window, "1.1(a),2.1(c)")
    panel = open_panel(window)
    select_item(panel, "2.1(c)")
    assert panel.item_editor.heading.text().endswith("·  Not assessed")
    window.select_key("a2.1(c)")
    window.detail.set_status("being_addressed")
    assert panel.item_editor.heading.text().endswith("·  Being addressed")
    assert "[Being addressed]" in panel.agenda_model.index(1, 1).data(
        Qt.ItemDataRole.ToolTipRole)
    window.undo()
    assert panel.item_editor.heading.text().endswith("·  Not assessed")
