"""Assigning focal points from the detail pane: at action-line and section level, a new person
on the spot, role changes and removal; the tree's coverage column, the pane's list, undo/redo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.plan.plan_tree_model import COL_COVERAGE
from tests.ui.focal_helpers import add_person, choose, click_cell, click_ok, fill_person
from tests.ui.helpers import click_row, proxy_index

SECTION_1_3 = [f"1.3({c})" for c in "abcdefghijklm"]


def _coverage(window, key: str) -> str:
    return proxy_index(window, key, COL_COVERAGE).data()


def _open_assign(qtbot, window):
    qtbot.mouseClick(window.detail.focal_box.assign_button, Qt.MouseButton.LeftButton)
    dialog = window.focal_ui.assign_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_assign_a_new_person_to_the_line_then_a_section(qtbot, window, qtmodeltester):
    click_row(qtbot, window, "a1.3(b)")
    box = window.detail.focal_box
    assert box.empty_label.isVisible() and not box.list.isVisible()
    assert _coverage(window, "a1.3(b)") == "–"

    dialog = _open_assign(qtbot, window)
    assert dialog.windowTitle() == "Assign a focal point to 1.3(b)"
    assert dialog.on_line.isChecked()
    assert dialog.on_section.text() == "The whole section 1.3 (13 action lines)"
    choose(dialog.country, "ID")
    assert [dialog.person.itemText(i) for i in range(dialog.person.count())] == [
        "New focal point…"]  # nobody in Indonesia yet: make one on the spot
    assert dialog.new_person.isVisible()
    fill_person(qtbot, dialog.new_person, "Siti Rahmawati",
                organisation="Ministry of Foreign Affairs", email="siti@kemlu")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()  # refused, nothing saved
    assert dialog.error.text() == "Malformed email 'siti@kemlu' (expected name@domain.org)."
    assert window.desk.focal.people() == []
    assert window.undo_stack.count() == 0
    dialog.new_person.email.setText("siti@kemlu.go.id")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()

    assert _coverage(window, "a1.3(b)") == "1"
    assert _coverage(window, "a1.3(a)") == "–"
    assert _coverage(window, "s1.3") == "1/13"
    assert box.list.isVisible() and not box.empty_label.isVisible()
    assert box.model.column_texts(0) == ["Siti Rahmawati"]
    assert box.model.column_texts(1) == ["Indonesia"]
    assert box.model.column_texts(2) == ["lead"]
    assert box.model.column_texts(3) == ["this line"]
    assert window.undo_action.text() == "Undo assign Siti Rahmawati (new) to 1.3(b)"
    qtmodeltester.check(box.model)

    # The same person, now for the whole section, as support
    add_person(window, "Marco Bianchi", "EU", organisation="EEAS")
    dialog = _open_assign(qtbot, window)
    assert dialog.country.currentData() == "ID"  # the last country chosen
    assert dialog.person.itemText(0) == "Siti Rahmawati — Ministry of Foreign Affairs"
    dialog.choose_person("Siti Rahmawati")
    choose(dialog.role, "support")
    dialog.on_section.setChecked(True)
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    for ref in SECTION_1_3:
        assert _coverage(window, f"a{ref}") == "1", ref
    assert _coverage(window, "s1.3") == "13/13"
    assert box.model.column_texts(3) == ["this line", "whole section 1.3"]
    assert box.model.column_texts(2) == ["lead", "support"]
    assert window.undo_action.text() == "Undo assign Siti Rahmawati to 1.3"

    # Another country on the same line: two countries cover it
    dialog = _open_assign(qtbot, window)
    choose(dialog.country, "EU")
    dialog.choose_person("Marco Bianchi")
    choose(dialog.role, "co-lead")
    click_ok(qtbot, dialog)
    assert _coverage(window, "a1.3(b)") == "2"
    assert box.model.column_texts(0)[-1] == "Marco Bianchi"

    # Undo and redo from the Edit menu, the tree and the pane following
    window.undo_action.trigger()
    assert _coverage(window, "a1.3(b)") == "1"
    assert window.undo_action.text() == "Undo assign Siti Rahmawati to 1.3"
    assert window.redo_action.text() == "Redo assign Marco Bianchi to 1.3(b)"
    window.undo_action.trigger()
    assert _coverage(window, "a1.3(a)") == "–"
    assert _coverage(window, "s1.3") == "1/13"
    assert box.model.column_texts(3) == ["this line"]
    window.undo_action.trigger()
    assert _coverage(window, "a1.3(b)") == "–"
    assert box.empty_label.isVisible()
    assert [p.name for p in window.desk.focal.people()] == ["Marco Bianchi"]  # Siti undone
    for _ in range(3):
        window.redo_action.trigger()
    assert _coverage(window, "a1.3(b)") == "2"
    assert _coverage(window, "s1.3") == "13/13"
    assert box.model.column_texts(0) == ["Siti Rahmawati", "Siti Rahmawati", "Marco Bianchi"]


def test_an_existing_assignment_is_refused_in_the_form(qtbot, window):
    add_person(window, "Siti Rahmawati", "ID")
    click_row(qtbot, window, "a2.1(c)")
    for expected_error in (None, "Siti Rahmawati is already assigned to 2.1(c) (as lead); "
                                 "change the role instead."):
        dialog = _open_assign(qtbot, window)
        choose(dialog.country, "ID")
        dialog.choose_person("Siti Rahmawati")
        click_ok(qtbot, dialog)
        if expected_error is None:
            assert not dialog.isVisible()
        else:
            assert dialog.isVisible()
            assert dialog.error.text() == expected_error
            dialog.reject()
    assert window.undo_stack.count() == 1


def test_change_role_and_remove_from_the_list(qtbot, window):
    desk = window.desk
    siti = add_person(window, "Siti Rahmawati", "ID")
    click_row(qtbot, window, "a2.1(c)")
    dialog = _open_assign(qtbot, window)
    choose(dialog.country, "ID")
    click_ok(qtbot, dialog)
    box = window.detail.focal_box
    assert not box.remove_button.isEnabled()  # nothing selected
    click_cell(qtbot, box.list, box.model.index(0, 0))
    assert box.remove_button.isEnabled() and box.role_button.isEnabled()
    assert box.role_actions["lead"].isChecked()

    box.role_actions["co-lead"].trigger()
    (assignment,) = desk.focal.assignments_of(siti)
    assert assignment.role == "co-lead"
    assert box.model.column_texts(2) == ["co-lead"]
    assert box.role_actions["co-lead"].isChecked() and not box.role_actions["lead"].isChecked()
    assert window.undo_action.text() == "Undo make Siti Rahmawati co-lead on 2.1(c)"

    menu = box.context_menu()  # the right-click menu offers the same
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Role", "Remove Siti Rahmawati from 2.1(c)", "Show in the Register"]

    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    assert desk.focal.assignments_of(siti) == []
    assert _coverage(window, "a2.1(c)") == "–"
    assert box.empty_label.isVisible()
    assert window.undo_action.text() == "Undo remove Siti Rahmawati from 2.1(c)"
    window.undo()
    (restored,) = desk.focal.assignments_of(siti)
    assert (restored.id, restored.role) == (assignment.id, "co-lead")  # the same assignment
    assert _coverage(window, "a2.1(c)") == "1"
    window.undo()
    assert desk.focal.assignments_of(siti)[0].role == "lead"


def test_assign_from_the_menu_shortcut_needs_an_action_line_or_a_section(qtbot, window):
    window.select_key("p1")  # a pillar's summary: nothing to assign to
    assert window.focal_ui.open_assign() is None
    assert window.statusBar().currentMessage() == "Select an action line or a section first"
    click_row(qtbot, window, "a5(a)")  # a part-level line has no section
    qtbot.keyClick(window.tree, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.focal_ui.assign_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Assign a focal point to 5(a)"
    assert not dialog.on_section.isEnabled()
    dialog.reject()
