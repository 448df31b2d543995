"""Building an agenda from the plan tree (its context menu, a drop) and reordering it (buttons,
Alt+Up / Alt+Down, a drag inside the agenda); each step undoable, named in the Edit menu."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QToolButton

from app.ui.meetings.agenda_model import ITEM_MIME, AgendaModel
from app.ui.plan.plan_tree_model import PlanTreeModel
from app.ui.shell.plan_refs import REFS_MIME
from tests.ui.helpers import proxy_index
from tests.ui.meetings_helpers import (
    add_som,
    agenda_refs,
    agenda_rows,
    db_refs,
    open_panel,
    redo_text,
    select_item,
    tree_menu_actions,
    trigger_tree_entry,
    undo_text,
)

MENU_SOM = "SOM, 5 March 2026"


def test_the_tree_menu_adds_action_lines_and_whole_sections(qtbot, window):
    meeting_id = add_som(window)
    trigger_tree_entry(window, "a2.1(c)", f"Add 2.1(c) to Agenda of {MENU_SOM}")
    panel = window.meetings.panel
    assert panel is not None and window.meetings.dock.isVisible()  # it opens the panel
    assert db_refs(window, meeting_id) == ["2.1(c)"]
    assert agenda_rows(panel)[0] == "2.1(c)  Progress made so far and pending issues"
    assert undo_text(window) == "Undo add 2.1(c) to agenda"

    trigger_tree_entry(window, "s3.5", f"Add Section 3.5 to Agenda of {MENU_SOM}")
    assert db_refs(window, meeting_id) == ["2.1(c)", "3.5"]
    assert agenda_rows(panel)[1] == (
        "Section 3.5  Address regional and global environmental challenges and promote "
        "sustainable development")
    assert panel.item_editor.view.ref == "3.5"  # what was added is selected
    assert undo_text(window) == "Undo add 3.5 to agenda"
    assert panel.info_label.text() == "29th ASEAN-EU SOM · Jakarta · 2 agenda items"

    window.undo()
    assert db_refs(window, meeting_id) == agenda_refs(panel) == ["2.1(c)"]
    assert redo_text(window) == "Redo add 3.5 to agenda"
    window.redo()
    assert agenda_refs(panel) == ["2.1(c)", "3.5"]

    assert tree_menu_actions(window, "p1") == []  # a pillar is not an agenda item
    assert window.tree.context_menu(proxy_index(window, "p1")) is None


def test_the_tree_menu_offers_every_meeting_and_says_when_there_is_none(qtbot, window):
    entry, new = tree_menu_actions(window, "a1.3(b)")
    assert entry.text().startswith("Add 1.3(b) to an Agenda (make a meeting first")
    assert not entry.isEnabled()
    assert new.text() == "New Meeting from 1.3(b)…" and new.isEnabled()

    som = add_som(window)
    jcc = window.desk.meetings.create("JCC", "ASEAN-EU JCC", date(2026, 5, 12)).id
    texts = [a.text() for a in tree_menu_actions(window, "a1.3(b)")]
    assert texts == [f"Add 1.3(b) to Agenda of {MENU_SOM}", "Add 1.3(b) to Agenda of",
                     "JCC, 12 May 2026", "New Meeting from 1.3(b)…"]
    trigger_tree_entry(window, "a1.3(b)", "JCC, 12 May 2026")
    panel = window.meetings.panel
    assert db_refs(window, jcc) == ["1.3(b)"] and db_refs(window, som) == []
    assert panel.meeting_combo.currentText() == "JCC, 12 May 2026 — ASEAN-EU JCC"
    # the meeting shown is now the first one offered
    assert tree_menu_actions(window, "a1.1(a)")[0].text() == (
        "Add 1.1(a) to Agenda of JCC, 12 May 2026")


def test_adding_what_is_already_there_is_one_clear_line(qtbot, window, shown_dialogs):
    meeting_id = add_som(window, "2.1(c)")
    open_panel(window)
    before = window.undo_stack.count()
    trigger_tree_entry(window, "a2.1(c)", f"Add 2.1(c) to Agenda of {MENU_SOM}")
    assert shown_dialogs == [("Meetings", "already on the agenda of this meeting: 2.1(c)")]
    assert window.undo_stack.count() == before  # refused: nothing to undo
    assert db_refs(window, meeting_id) == ["2.1(c)"]


def test_the_tree_gives_its_rows_to_a_drag(window):
    model = window.model
    action = model.index_for_key("a1.3(b)")
    assert model.flags(action) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(model.index_for_key("s3.5")) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index_for_key("p1")) & Qt.ItemFlag.ItemIsDragEnabled
    assert window.tree.dragEnabled()
    data = window.proxy.mimeData([proxy_index(window, "a1.3(b)"),
                                  proxy_index(window, "a1.3(b)", 1)])
    assert data.hasFormat(REFS_MIME) and data.text() == "1.3(b)"
    assert model.mimeData([model.index_for_key("p1")]) is None


def test_a_drop_from_the_tree_adds_where_it_lands(qtbot, window):
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    panel = open_panel(window)
    agenda = panel.agenda_view.model()
    data = window.proxy.mimeData([proxy_index(window, "a1.3(b)")])
    assert agenda.canDropMimeData(data, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert agenda.dropMimeData(data, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert db_refs(window, meeting_id) == agenda_refs(panel) == ["1.1(a)", "1.3(b)", "2.1(c)"]
    assert undo_text(window) == "Undo add 1.3(b) to agenda"

    section = window.proxy.mimeData([proxy_index(window, "s4.2")])
    agenda.dropMimeData(section, Qt.DropAction.CopyAction, -1, -1, QModelIndex())  # below
    assert agenda_refs(panel) == ["1.1(a)", "1.3(b)", "2.1(c)", "4.2"]
    onto = agenda.index(0, 1)  # dropped on the first row: it goes before it
    agenda.dropMimeData(window.proxy.mimeData([proxy_index(window, "a5(a)")]),
                        Qt.DropAction.CopyAction, -1, -1, onto)
    assert agenda_refs(panel) == ["5(a)", "1.1(a)", "1.3(b)", "2.1(c)", "4.2"]

    plain = QMimeData()
    plain.setText("1.2(a)")
    assert not agenda.canDropMimeData(plain, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert not agenda.dropMimeData(plain, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    window.undo()
    window.undo()
    assert db_refs(window, meeting_id) == ["1.1(a)", "1.3(b)", "2.1(c)"]


def test_reorder_with_buttons_keys_and_a_drag(qtbot, window):
    meeting_id = add_som(window, "1.1(a),2.1(c),3.5,4.1(a)")
    panel = open_panel(window)
    select_item(panel, "2.1(c)")
    assert panel.up_action.isEnabled() and panel.down_action.isEnabled()
    qtbot.mouseClick(panel.findChild(QToolButton, "moveUp"), Qt.MouseButton.LeftButton)
    assert db_refs(window, meeting_id) == agenda_refs(panel) == ["2.1(c)", "1.1(a)", "3.5",
                                                                  "4.1(a)"]
    assert undo_text(window) == "Undo move 2.1(c)"
    assert not panel.up_action.isEnabled()  # it is first now, and still selected
    assert panel.item_editor.view.ref == "2.1(c)"

    panel.agenda_view.setFocus()
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert db_refs(window, meeting_id) == ["1.1(a)", "3.5", "2.1(c)", "4.1(a)"]
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert db_refs(window, meeting_id) == ["1.1(a)", "2.1(c)", "3.5", "4.1(a)"]
    assert [panel.agenda_model.index(r, 0).data() for r in range(4)] == ["1", "2", "3", "4"]

    agenda = panel.agenda_model
    drag = agenda.mimeData([agenda.index(0, 0), agenda.index(0, 1)])  # 1.1(a)...
    assert drag.hasFormat(ITEM_MIME)
    assert agenda.dropMimeData(drag, Qt.DropAction.MoveAction, 3, 0, QModelIndex())  # above 4.1a
    assert db_refs(window, meeting_id) == ["2.1(c)", "3.5", "1.1(a)", "4.1(a)"]
    assert undo_text(window) == "Undo move 1.1(a)"
    drag = agenda.mimeData([agenda.index(3, 0)])  # 4.1(a) onto the first row
    agenda.dropMimeData(drag, Qt.DropAction.MoveAction, -1, -1, agenda.index(0, 1))
    assert agenda_refs(panel) == ["4.1(a)", "2.1(c)", "3.5", "1.1(a)"]

    for _ in range(5):
        window.undo()
    assert db_refs(window, meeting_id) == ["2.1(c)", "1.1(a)", "3.5", "4.1(a)"]


def test_remove_an_item_and_undo_brings_it_back_with_its_fields(qtbot, window):
    meeting_id = add_som(window, "1.1(a),2.1(c),3.5")
    item_id = window.desk.meetings.find_item(meeting_id, "2.1(c)")
    window.desk.meetings.edit_item(item_id, objective="Move the FTA on.",
                                   defensive_points="No date yet.")
    panel = open_panel(window)
    select_item(panel, "2.1(c)")
    panel.agenda_view.setFocus()
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Delete)
    assert db_refs(window, meeting_id) == ["1.1(a)", "3.5"]
    assert panel.item_editor.view.ref == "3.5"  # the next one is selected
    assert undo_text(window) == "Undo remove 2.1(c) from agenda"
    window.undo()
    assert db_refs(window, meeting_id) == ["1.1(a)", "2.1(c)", "3.5"]
    restored = window.desk.meetings.get(meeting_id).items[1]
    assert (restored.objective, restored.defensive_points) == ("Move the FTA on.",
                                                               "No date yet.")
    assert panel.item_editor.view.ref == "2.1(c)"
    assert panel.item_editor.edits["objective"].toPlainText() == "Move the FTA on."
    window.redo()
    assert db_refs(window, meeting_id) == ["1.1(a)", "3.5"]


def test_an_undone_add_finds_its_item_after_a_remove_was_undone(qtbot, window):
    """Restoring an item makes a new row: commands name items by what they are, not ids."""
    meeting_id = add_som(window, "1.1(a)")
    panel = open_panel(window)
    trigger_tree_entry(window, "a2.1(c)", f"Add 2.1(c) to Agenda of {MENU_SOM}")
    select_item(panel, "2.1(c)")
    panel.remove_selected()
    window.undo()  # the item is back, with another id
    window.undo()  # and the add is undone all the same
    assert db_refs(window, meeting_id) == ["1.1(a)"]
    window.redo()
    window.redo()
    assert db_refs(window, meeting_id) == ["1.1(a)"]


@pytest.fixture
def agenda_model(desk, qapp):
    created = desk.meetings.create("SOM", "SOM", refs="1.1(a),2.1(c),3.5")
    model = AgendaModel()
    model.set_items(created.id, desk.meetings.get(created.id).items)
    return model


def test_the_agenda_model_passes_qtmodeltester(agenda_model, qtmodeltester):
    qtmodeltester.check(agenda_model)
    assert agenda_model.index(1, 2).data() == "0/4"  # nothing prepared yet
    assert "Still to fill in: objective" in agenda_model.index(1, 2).data(
        Qt.ItemDataRole.ToolTipRole)
    assert agenda_model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "<p><b>2.1(c) ")


def test_the_tree_model_still_passes_qtmodeltester_with_drag_flags(desk, qapp, qtmodeltester):
    model = PlanTreeModel()
    model.set_tree(desk.plan_tree())
    qtmodeltester.check(model)
