"""Typed text the database refused (locked, read-only) is never lost, and nothing escapes a slot
as a traceback: the window keeps the text where the officer typed it and says so in one line."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import Qt

from app.errors import DatabaseError
from app.interchange.plan_text import import_plan
from app.ui import main as ui_main
from tests.conftest import DATA, engine_of
from tests.ui.helpers import click_row
from tests.ui.meetings_helpers import add_som, open_panel, select_item

LOCKED = "database work.db is in use by another program; close it and try again"


def _locked(*_a, **_k):
    raise DatabaseError(LOCKED)


def _notes(window, ref: str) -> str:
    return window.desk.action(window.desk.resolve_ref(ref)).notes


def test_a_note_the_database_refused_survives_another_edit_of_the_same_line(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    monkeypatch.setattr(window.desk, "update_action", _locked)
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    assert not window.detail.flush()
    monkeypatch.undo()  # the database is free again; a tag is added
    tags = window.detail.tags_edit
    tags.setFocus()
    qtbot.keyClicks(tags, "SOM")
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    assert window.desk.action(window.desk.resolve_ref("1.2(a)")).tags == ("SOM",)
    assert window.detail.notes_edit.toPlainText() == "Ask the Mission"


def test_moving_on_after_a_refused_note_keeps_the_text_and_the_line(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    monkeypatch.setattr(window.desk, "update_action", _locked)
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.detail.ref_label.text() == "1.2(a)"  # stayed on the unsaved line
    assert window.detail.notes_edit.toPlainText() == "Ask the Mission"
    assert window.tree.currentIndex().data().startswith("1.2(a)")
    assert window.statusBar().currentMessage().startswith("Not saved: database work.db")
    monkeypatch.undo()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # free again: saved, then moved on
    assert window.detail.ref_label.text() == "1.2(b)"
    assert _notes(window, "1.2(a)") == "Ask the Mission"


def test_a_refused_burst_is_not_merged_into_the_saved_one(qtbot, open_window, db_path):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    qtbot.keyClicks(window.detail.notes_edit, "abc")
    assert window.detail.flush()
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        qtbot.keyClicks(window.detail.notes_edit, "d")
        assert not window.detail.flush()
    finally:
        other.rollback()
        other.close()
    [command] = [window.undo_stack.command(i) for i in range(window.undo_stack.count())]
    assert (command.old, command.new) == ("", "abc")  # what the database holds
    assert window.detail.notes_edit.toPlainText() == "abcd"


def test_undo_does_nothing_while_the_typed_text_cannot_be_saved(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    window.detail.set_status("achieved")
    monkeypatch.setattr(window.desk, "update_action", _locked)
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    window.undo()
    assert window.undo_stack.index() == 1  # the status change is not undone behind its back
    assert window.desk.action(window.desk.resolve_ref("1.2(a)")).status == "achieved"
    assert window.detail.notes_edit.toPlainText() == "Ask the Mission"


def test_switching_plan_saves_the_pending_note_before_clearing_undo(qtbot, open_window):
    window = open_window(save_delay_ms=60_000)
    import_plan(window.desk, DATA / "mini-plan.txt")
    window.load_plan(window.plan_id)
    click_row(qtbot, window, "a1.2(a)")
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    window.plans_menu.actions()[1].trigger()
    assert window.model.action_count() == 6
    assert _notes(window, "1.2(a)") == "Ask the Mission"  # saved once, on its own line
    assert window.undo_stack.count() == 0  # nothing left that names the other plan


def test_switching_plan_is_refused_while_the_pending_note_cannot_be_saved(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    import_plan(window.desk, DATA / "mini-plan.txt")
    window.load_plan(window.plan_id)
    click_row(qtbot, window, "a1.2(a)")
    monkeypatch.setattr(window.desk, "update_action", _locked)
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    window.plans_menu.actions()[1].trigger()
    assert window.model.action_count() == 165  # still the plan being typed in
    assert window.detail.notes_edit.toPlainText() == "Ask the Mission"
    # (then a separator and All Plans)
    assert [a.isChecked() for a in window.plans_menu.actions()] == [True, False, False, False]


def test_choosing_another_agenda_item_after_a_refused_save_keeps_the_text(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    meeting_id = add_som(window, "1.1(a), 1.1(b)")
    panel = open_panel(window)
    panel.reload(meeting_id)
    select_item(panel, "1.1(a)")
    qtbot.keyClicks(panel.item_editor.edits["objective"], "Get X")
    monkeypatch.setattr(type(window.desk.meetings), "set_item_fields", _locked)
    panel.agenda_view.setCurrentIndex(panel.agenda_model.index(1, 0))
    assert panel.item_editor.view.ref == "1.1(a)"
    assert panel.agenda_view.currentIndex().row() == 0
    assert panel.item_editor.edits["objective"].toPlainText() == "Get X"
    monkeypatch.undo()
    select_item(panel, "1.1(b)")
    assert [i.objective for i in window.desk.meetings.get(meeting_id).items] == ["Get X", ""]


def test_choosing_another_meeting_after_a_refused_save_keeps_the_text(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    first = add_som(window, "1.1(a)")
    add_som(window, "2.1(a)", title="30th ASEAN-EU SOM")
    panel = open_panel(window)
    panel.reload(first)
    select_item(panel, "1.1(a)")
    qtbot.keyClicks(panel.item_editor.edits["objective"], "Get X")
    monkeypatch.setattr(type(window.desk.meetings), "set_item_fields", _locked)
    combo = panel.meeting_combo
    combo.setCurrentIndex(1 - combo.currentIndex())
    assert panel.meeting_id == first and combo.currentData() == first
    assert panel.item_editor.edits["objective"].toPlainText() == "Get X"


def test_an_agenda_field_the_database_refused_survives_a_refresh(
        qtbot, open_window, monkeypatch):
    window = open_window(save_delay_ms=60_000)
    meeting_id = add_som(window, "1.1(a)")
    panel = open_panel(window)
    panel.reload(meeting_id)
    select_item(panel, "1.1(a)")
    monkeypatch.setattr(type(window.desk.meetings), "set_item_fields", _locked)
    qtbot.keyClicks(panel.item_editor.edits["objective"], "Get X")
    assert not panel.flush()
    monkeypatch.undo()
    window.detail.set_status("achieved")  # not shown here: the panel reloads the item
    panel.reload()
    assert panel.item_editor.edits["objective"].toPlainText() == "Get X"


@pytest.fixture
def error_hook(monkeypatch: pytest.MonkeyPatch):
    """The window's hook for exceptions that escape a slot, installed for this test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return ui_main.install_error_hook


def test_a_database_error_escaping_a_slot_is_one_line_in_the_status_bar(
        qtbot, open_window, db_path, error_hook, capsys):
    window = open_window(save_delay_ms=60_000)
    error_hook(window)
    engine_of(window.desk).dispose()  # new connections from here on
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # not even readers now
    other.execute("COMMIT")
    try:
        window.tree.setCurrentIndex(window.proxy.index(0, 0))
        index = window.tree.indexBelow(window.tree.indexBelow(window.proxy.index(0, 0)))
        window.tree.setCurrentIndex(index)  # reads the action line: refused
    finally:
        other.close()
    assert "in use by another program" in window.statusBar().currentMessage()
    assert "Traceback" not in capsys.readouterr().err


def test_a_poadesk_error_escaping_a_slot_is_one_line(qtbot, open_window, error_hook, capsys):
    window = open_window(save_delay_ms=60_000)
    error_hook(window)
    try:
        raise DatabaseError(LOCKED)
    except DatabaseError:
        sys.excepthook(*sys.exc_info())
    assert window.statusBar().currentMessage() == LOCKED
    assert "Traceback" not in capsys.readouterr().err
