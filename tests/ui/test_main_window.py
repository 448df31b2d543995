"""The main window driven as a user would: select, edit, undo, redo, restart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import __version__
from app.interchange.plan_text import import_plan
from app.service import Desk
from app.ui.plan.plan_tree_model import COL_STATUS
from app.ui.shell.settings import UiSettings
from tests.ui.helpers import (
    choose_status,
    click_row,
    proxy_index,
    top_level_texts,
    visible_rows,
)


def _undo_text(window) -> str:
    return window.undo_action.text()


def test_title_tree_count_and_progress(window, db_path):
    assert "Plan of Action to Implement the ASEAN-EU Strategic Partnership" in (
        window.windowTitle())
    assert db_path.name in window.windowTitle()
    assert top_level_texts(window)[0] == "1. Political and Security Cooperation"
    assert len(top_level_texts(window)) == 5
    assert len(visible_rows(window)) == 5 + 29 + 165  # first run: everything expanded
    assert window.filters.count.text() == "165 of 165 action lines"
    assert window.progress_label.text() == "0% of action lines achieved or being addressed"
    assert [a.text().replace("&", "") for a in window.menuBar().actions()] == [
        "File", "Edit", "View", "Meeting", "Focal Points", "Help"]


def test_selecting_an_action_shows_its_detail(qtbot, window):
    click_row(qtbot, window, "a1.3(b)")
    pane = window.detail
    assert pane.ref_label.text() == "1.3(b)"
    assert pane.breadcrumb.text() == (
        "1. Political and Security Cooperation > 1.3 Combat terrorism, transnational crimes, "
        "address other non-traditional security issues")
    assert pane.text_view.toPlainText().startswith(
        "Convene the ASEAN Plus EU Senior Officials Meeting on Transnational Crime (SOMTC+EU)")
    assert pane.text_view.isReadOnly()
    assert pane.status_combo.currentText() == "Not assessed"
    assert pane.focal_label.text() == "<i>No focal point assigned yet.</i>"
    assert pane.changed_label.text() == "Not changed since the plan was loaded"


def test_status_edit_undo_redo_from_the_keyboard(qtbot, window, db_path):
    click_row(qtbot, window, "a1.3(b)")
    choose_status(qtbot, window, "Not yet addressed")
    aid = window.desk.resolve_ref("1.3(b)")
    assert window.desk.action(aid).status == "not_yet_addressed"
    status_cell = proxy_index(window, "a1.3(b)", COL_STATUS)
    assert status_cell.data() == "Not yet addressed"
    assert _undo_text(window) == "Undo status change on 1.3(b)"
    assert window.detail.changed_label.text().startswith("Last changed ")

    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.action(aid).status == "being_addressed"
    # 1 of 165: never "0%" when a line is being addressed (issue 11)
    assert window.progress_label.text() == "0.6% of action lines achieved or being addressed"
    window.desk.set_status(window.desk.resolve_ref("1.1(a)"), "Achieved")  # 2 of 165 later

    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.action(aid).status == "not_yet_addressed"
    assert window.detail.status_combo.currentText() == "Not yet addressed"
    assert status_cell.data() == "Not yet addressed"
    assert window.redo_action.text() == "Redo status change on 1.3(b)"
    qtbot.keyClick(window.tree, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.desk.action(aid).status == "being_addressed"
    assert window.detail.status_combo.currentText() == "Being addressed"
    assert window.tree.currentIndex() == proxy_index(window, "a1.3(b)")  # selection kept


def test_notes_are_saved_as_typed_and_a_typing_burst_undoes_at_once(qtbot, window):
    click_row(qtbot, window, "a2.1(c)")
    aid = window.desk.resolve_ref("2.1(c)")
    notes = window.detail.notes_edit
    qtbot.keyClicks(notes, "FTA stocktake")
    qtbot.waitUntil(lambda: window.desk.action(aid).notes == "FTA stocktake")
    assert window.detail.save_state.text() == "Saved"
    qtbot.keyClicks(notes, " due before SOM")
    qtbot.waitUntil(lambda: window.desk.action(aid).notes == "FTA stocktake due before SOM")
    assert window.undo_stack.count() == 1  # merged into one command
    assert _undo_text(window) == "Undo notes edit on 2.1(c)"
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # in the editor
    assert window.desk.action(aid).notes == ""
    assert notes.toPlainText() == ""
    window.redo()
    assert notes.toPlainText() == "FTA stocktake due before SOM"
    assert window.model.node_for_action(aid).value.has_notes


def test_undo_right_after_typing_takes_back_the_unsaved_burst(qtbot, open_window):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.1(a)")
    qtbot.keyClicks(window.detail.lines_edit, "Welcome the AEMM")
    assert window.detail.has_pending
    assert _undo_text(window) == "Undo lines-to-take edit on 1.1(a)"
    window.undo_action.trigger()
    assert window.detail.lines_edit.toPlainText() == ""
    assert window.desk.action(window.desk.resolve_ref("1.1(a)")).lines_to_take == ""
    assert window.redo_action.text() == "Redo lines-to-take edit on 1.1(a)"


def test_selection_change_saves_the_pending_note(qtbot, open_window):
    window = open_window(save_delay_ms=60_000)  # the pause never comes in this test
    click_row(qtbot, window, "a1.2(a)")
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    assert window.desk.action(window.desk.resolve_ref("1.2(a)")).notes == ""
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.detail.ref_label.text() == "1.2(b)"
    assert window.desk.action(window.desk.resolve_ref("1.2(a)")).notes == "Ask the Mission"


def test_edits_survive_a_restart_with_the_ui_state(qtbot, open_window, db_path, settings_path):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a3.4(b)")
    pane = window.detail
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Achieved
    qtbot.mouseClick(pane.private_box, Qt.MouseButton.LeftButton)
    pane.tags_edit.setFocus()
    qtbot.keyClicks(pane.tags_edit, "youth, SOM 2026")
    qtbot.keyClick(pane.tags_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.lines_edit, "Support the ASEAN Youth Forum.")
    qtbot.keyClicks(pane.notes_edit, "Pending until the close")
    window.tree.collapse(proxy_index(window, "p2"))
    window.splitter.setSizes([430, 850])
    window_splitter_state = window.splitter.saveState()
    window.close()  # flushes the note typed less than a pause ago

    check = Desk.open(db_path)
    try:
        detail = check.action(check.resolve_ref("3.4(b)"))
    finally:
        check.close()
    assert (detail.status, detail.notes_private, detail.tags) == (
        "achieved", True, ("SOM 2026", "youth"))
    assert detail.notes == "Pending until the close"
    assert detail.lines_to_take == "Support the ASEAN Youth Forum."

    again = open_window()
    assert again.detail.ref_label.text() == "3.4(b)"  # the selection is back
    assert again.detail.notes_edit.toPlainText() == "Pending until the close"
    assert again.detail.private_box.isChecked()
    assert again.detail.tags_edit.text() == "SOM 2026, youth"
    assert proxy_index(again, "a3.4(b)", COL_STATUS).data() == "Achieved"
    assert not again.tree.isExpanded(proxy_index(again, "p2"))
    assert again.tree.isExpanded(proxy_index(again, "p1"))
    assert again.filters.tag.findText("youth") > 0
    # The restored window is clamped to the screen (800 px wide offscreen), then widened to
    # its minimum: the side keeps its 430 px as far as the detail pane's minimum leaves room.
    room = (again.splitter.width() - again.splitter.handleWidth()
            - again.detail.minimumSizeHint().width())
    assert again.splitter.sizes()[0] == max(min(430, room), again.side.minimumSizeHint().width())
    assert UiSettings(settings_path).splitter == window_splitter_state
    assert again.progress_label.text() == "0.6% of action lines achieved or being addressed"


def test_section_and_pillar_summaries(qtbot, window):
    for ref, status in (("1.3(a)", "Achieved"), ("1.3(c)", "Being addressed"),
                        ("1.3(d)", "Not yet addressed")):
        window.desk.set_status(window.desk.resolve_ref(ref), status)
    window.model.refresh(window.desk.plan_tree())
    click_row(qtbot, window, "s1.3")
    summary = window.detail.summary
    assert window.detail.stack.currentWidget() is summary
    assert summary.heading.text().startswith("1.3 Combat terrorism")
    assert summary.counts() == {"not_assessed": 10, "not_yet_addressed": 1,
                                "being_addressed": 1, "achieved": 1, "recurring": 0}
    assert summary.progress.text() == (
        "2 of 13 action lines achieved or being addressed (15%)")
    assert "1.3(m)" in summary.list.toPlainText()
    summary.action_activated.emit(window.desk.resolve_ref("1.3(c)"))  # a link in the list
    assert window.detail.ref_label.text() == "1.3(c)"
    qtbot.keyClick(window.tree, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Recurring
    click_row(qtbot, window, "p1")
    assert summary.heading.text() == "1. Political and Security Cooperation"
    assert summary.counts()["recurring"] == 1
    assert "1.9" in summary.list.toPlainText()


def test_keyboard_navigation_of_the_tree(qtbot, window):
    click_row(qtbot, window, "p1")
    tree = window.tree
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.detail.summary.heading.text().startswith("1.1 Enhance strategic dialogue")
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.detail.ref_label.text() == "1.1(a)"
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Left)  # collapse the section
    assert not tree.isExpanded(proxy_index(window, "s1.1"))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.detail.summary.heading.text().startswith("1.2 ")
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # expand it again
    assert tree.isExpanded(proxy_index(window, "s1.1"))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter on an action line: write notes
    assert window.detail.ref_label.text() == "1.1(a)"
    assert window.detail.notes_edit.hasFocus()


def test_expand_and_collapse_all_from_the_keyboard(qtbot, window):
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, Qt.Key.Key_C, ctrl_shift)
    assert len(visible_rows(window)) == 5
    qtbot.keyClick(window.tree, Qt.Key.Key_E, ctrl_shift)
    assert len(visible_rows(window)) == 199


def test_errors_go_to_the_status_bar_and_change_nothing(qtbot, window, monkeypatch):
    from app.errors import DatabaseError

    def locked(*_a, **_k):
        raise DatabaseError("database work.db is in use by another program; close it and "
                            "try again")

    click_row(qtbot, window, "a1.3(b)")
    monkeypatch.setattr(window.desk, "update_action", locked)  # edits carry `expect`
    choose_status(qtbot, window, "Achieved")
    assert "in use by another program" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    assert window.undo_action.text() == "Undo" and not window.undo_action.isEnabled()
    assert proxy_index(window, "a1.3(b)", COL_STATUS).data() == "Not assessed"


def test_cleaned_note_is_reported(qtbot, window):
    click_row(qtbot, window, "a1.1(b)")
    window.detail.notes_edit.setPlainText("pasted\x0b text")
    window.detail.flush()
    assert "removed control characters" in window.statusBar().currentMessage()
    assert window.detail.notes_edit.toPlainText() == "pasted text"


def test_about_shows_version_and_database(window, db_path, shown_dialogs):
    about = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu()
    next(a for a in about.actions() if a.text() == "&About POA Desk").trigger()
    (title, text), = shown_dialogs
    assert title == "about" and __version__ in text and str(db_path) in text


def test_a_second_plan_can_be_shown(qtbot, window):
    from tests.conftest import DATA

    import_plan(window.desk, DATA / "mini-plan.txt")
    window.load_plan(window.plan_id)  # the Plan menu is refilled
    actions = [a for a in window.plans_menu.actions() if not a.isSeparator()]
    assert len(actions) == 3 and window.plans_menu.isEnabled()
    assert actions[2].text() == "All Plans (171)"  # both side by side (tests/ui/test_all_plans)
    actions[1].trigger()
    assert window.model.action_count() == 6
    assert window.filters.count.text() == "6 of 6 action lines"


def test_closing_with_an_unsaved_edit_asks_first(qtbot, open_window, monkeypatch, shown_dialogs):
    from app.errors import DatabaseError
    from app.ui.shell import dialogs

    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.1(a)")

    def locked(*_a, **_k):
        raise DatabaseError("database work.db is in use by another program")

    monkeypatch.setattr(window.desk, "update_action", locked)
    qtbot.keyClicks(window.detail.notes_edit, "not saved")
    monkeypatch.setattr(dialogs, "confirm_close_unsaved",
                        lambda _p, msg: shown_dialogs.append(("close?", msg)) or False)
    window.close()
    assert window.isVisible()  # the officer chose to stay
    assert shown_dialogs == [("close?", "database work.db is in use by another program")]
    assert window.detail.notes_edit.toPlainText() == "not saved"
    monkeypatch.undo()  # the database is back: closing saves it
    window.close()
    assert not window.isVisible()
