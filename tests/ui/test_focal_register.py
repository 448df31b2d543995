"""The focal-point register window: add, filter, edit (with a refusal), deactivate, hand over,
and the assignments pane that jumps to the plan tree."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.focal.values import Target
from tests.ui.focal_helpers import (
    add_person,
    choose,
    click_cell,
    click_ok,
    fill_person,
    section_target,
)
from tests.ui.helpers import proxy_index


def _open_register(qtbot, window):
    qtbot.keyClick(window.tree, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    register = window.focal_ui.register
    assert register is not None and register.isVisible()
    return register


def _add_through_form(qtbot, register, name, country, **fields):
    qtbot.mouseClick(register.add_button, Qt.MouseButton.LeftButton)
    form = register.form
    assert form is not None and form.isVisible()
    fill_person(qtbot, form.person, name, country, **fields)
    click_ok(qtbot, form)
    assert not form.isVisible(), form.error.text()


def test_add_filter_edit_with_a_bad_email_and_deactivate(qtbot, window, qtmodeltester):
    register = _open_register(qtbot, window)
    assert register.people.rowCount() == 0
    assert register.count.text() == "0 focal points"
    _add_through_form(qtbot, register, "Siti Rahmawati", "ID",
                      title="Director, ASEAN Political-Security Cooperation",
                      organisation="Ministry of Foreign Affairs", email="siti.r@kemlu.go.id")
    assert register.people.column_texts(0) == ["Siti Rahmawati"]
    assert register.selected().name == "Siti Rahmawati"  # the new person is selected
    assert window.undo_action.text() == "Undo add Siti Rahmawati"
    _add_through_form(qtbot, register, "Budi Santoso", "ID", organisation="Kemlu")
    _add_through_form(qtbot, register, "Anna Schmidt", "DE", organisation="Auswärtiges Amt",
                      email="anna.schmidt@diplo.de")
    # reference order: Indonesia before Germany; by name within a country
    assert register.people.column_texts(0) == ["Budi Santoso", "Siti Rahmawati",
                                               "Anna Schmidt"]
    assert register.people.column_texts(1) == ["Indonesia", "Indonesia", "Germany"]
    qtmodeltester.check(register.people)

    choose(register.country, "DE")
    assert register.people.column_texts(0) == ["Anna Schmidt"]
    choose(register.country, None)
    qtbot.keyClicks(register.organisation, "kemlu")
    assert register.people.column_texts(0) == ["Budi Santoso"]
    register.organisation.clear()
    qtbot.keyClicks(register.search, "SITI kemlu.go")  # words in name and email
    assert register.people.column_texts(0) == ["Siti Rahmawati"]
    assert register.count.text() == "1 focal point"
    register.search.clear()
    assert register.people.rowCount() == 3

    # Edit with a malformed email: the core's message in the form, nothing saved
    siti = window.desk.focal.find("Siti Rahmawati")
    assert register.select_person(siti.id)
    steps = window.undo_stack.count()
    qtbot.mouseClick(register.edit_button, Qt.MouseButton.LeftButton)
    form = register.form
    assert form.windowTitle() == "Edit Siti Rahmawati"
    assert form.person.email.text() == "siti.r@kemlu.go.id"
    form.person.email.clear()
    qtbot.keyClicks(form.person.email, "siti.r@kemlu")
    click_ok(qtbot, form)
    assert form.isVisible()
    assert form.error.isVisible()
    assert form.error.text() == "Malformed email 'siti.r@kemlu' (expected name@domain.org)."
    assert window.desk.focal.get(siti.id).email == "siti.r@kemlu.go.id"
    assert window.undo_stack.count() == steps
    form.person.email.setText("siti.rahmawati@kemlu.go.id")
    click_ok(qtbot, form)
    assert not form.isVisible()
    assert window.desk.focal.get(siti.id).email == "siti.rahmawati@kemlu.go.id"
    assert register.people.column_texts(4)[1] == "siti.rahmawati@kemlu.go.id"
    assert window.undo_action.text() == "Undo edit Siti Rahmawati"

    # Deactivate: gone from the active list, listed as history with "Show inactive"
    assert register.active_button.text() == "&Deactivate"
    qtbot.mouseClick(register.active_button, Qt.MouseButton.LeftButton)
    assert window.desk.focal.get(siti.id).active is False
    assert register.people.column_texts(0) == ["Budi Santoso", "Anna Schmidt"]
    assert window.undo_action.text() == "Undo deactivate Siti Rahmawati"
    register.inactive.setChecked(True)
    assert register.people.column_texts(0) == ["Budi Santoso", "Siti Rahmawati",
                                               "Anna Schmidt"]
    assert register.people.column_texts(7)[1] == "inactive"
    register.select_person(siti.id)
    assert register.active_button.text() == "&Reactivate"
    window.undo()  # Edit > Undo in the main window: one stack
    assert window.desk.focal.get(siti.id).active is True
    assert register.people.column_texts(7)[1] == "active"


def test_a_duplicate_is_refused_in_the_form(qtbot, window):
    add_person(window, "Siti Rahmawati", "ID", email="siti@kemlu.go.id")
    register = _open_register(qtbot, window)
    qtbot.mouseClick(register.add_button, Qt.MouseButton.LeftButton)
    form = register.form
    fill_person(qtbot, form.person, "siti  RAHMAWATI", "ID")
    click_ok(qtbot, form)
    assert form.isVisible()
    assert form.error.text().startswith("Duplicate focal point: Siti Rahmawati (ID) is "
                                        "already in the register")
    assert len(window.desk.focal.people()) == 1
    form.reject()


def test_assignments_pane_jumps_to_the_plan_and_handover_moves_them(qtbot, window,
                                                                    qtmodeltester):
    desk = window.desk
    siti = add_person(window, "Siti Rahmawati", "ID", organisation="Kemlu")
    add_person(window, "Budi Santoso", "ID")
    desk.focal.assign(siti, Target(action_id=desk.resolve_ref("2.1(c)")), "lead")
    window.hub.publish(desk.focal.assign(siti, section_target(window, "1.3"),
                                          "support").change)
    register = _open_register(qtbot, window)
    register.select_person(siti)
    assigned = register.assignments
    assert assigned.column_texts(0) == ["1.3", "2.1(c)"]  # plan order
    assert assigned.column_texts(1) == ["support", "lead"]
    assert assigned.column_texts(2) == ["whole section (13 lines)", "action line"]
    assert register.assigned_label.text().startswith(
        "<b>Siti Rahmawati</b> is assigned to 1 action line and 1 whole section.")
    qtmodeltester.check(assigned)

    click_cell(qtbot, register.assigned, assigned.index(1, 0), double=True)
    assert window.detail.ref_label.text() == "2.1(c)"
    assert window.tree.currentIndex() == proxy_index(window, "a2.1(c)")
    click_cell(qtbot, register.assigned, assigned.index(0, 0), double=True)
    assert window.tree.currentIndex() == proxy_index(window, "s1.3")

    # Hand over to a new successor: everything moves, Siti stays as inactive history
    register.select_person(siti)
    qtbot.mouseClick(register.handover_button, Qt.MouseButton.LeftButton)
    dialog = register.form
    assert dialog.objectName() == "handoverDialog"
    assert dialog.successor.itemText(0) == "Budi Santoso (ID)"
    dialog.new.setChecked(True)
    assert dialog.person.organisation.text() == "Kemlu"  # taken from the old one
    fill_person(qtbot, dialog.person, "Dewi Lestari", "ID", email="dewi@kemlu.go.id")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    dewi = desk.focal.find("Dewi Lestari")
    assert [a.ref for a in desk.focal.assignments_of(dewi.id)] == ["1.3", "2.1(c)"]
    assert desk.focal.get(siti).active is False
    assert desk.focal.get(siti).successor_id == dewi.id
    assert register.selected().name == "Dewi Lestari"
    assert window.undo_action.text() == "Undo hand over from Siti Rahmawati to Dewi Lestari"
    assert proxy_index(window, "a2.1(c)", 2).data() == "1"

    window.undo()
    assert desk.focal.get(siti).active is True
    assert [a.ref for a in desk.focal.assignments_of(siti)] == ["1.3", "2.1(c)"]
    assert [p.name for p in desk.focal.people()] == ["Budi Santoso", "Siti Rahmawati"]
    window.redo()
    assert desk.focal.find("Dewi Lestari").id == dewi.id  # the same person again


def test_the_detail_pane_opens_the_register_on_a_person(qtbot, window):
    desk = window.desk
    siti = add_person(window, "Siti Rahmawati", "ID")
    window.hub.publish(desk.focal.assign(siti, Target(action_id=desk.resolve_ref("1.1(a)")),
                                          "lead").change)
    window.select_key("a1.1(a)")
    box = window.detail.focal_box
    click_cell(qtbot, box.list, box.model.index(0, 0), double=True)
    register = window.focal_ui.register
    assert register is not None and register.isVisible()
    assert register.selected().id == siti


def test_a_mouse_click_selects_a_person_every_time(qtbot, window):
    """Issue 19: a click highlighted the row but left Edit, Deactivate and Hand over disabled
    and the pane on "Select a focal point" (the row was current before it was selected)."""
    for name in ("Anna Schmidt", "Budi Santoso", "Siti Rahmawati"):
        add_person(window, name, "ID")
    register = _open_register(qtbot, window)
    for row in (0, 1, 2, 0):
        click_cell(qtbot, register.table, register.people.index(row, 0))
        person = register.people.value(row)
        assert register.selected() == person
        assert register.edit_button.isEnabled() and register.active_button.isEnabled()
        assert register.assigned_label.text().startswith(person.name)
    qtbot.keyClick(register.table, Qt.Key.Key_Down)  # the arrows, as before
    assert register.selected() == register.people.value(1)
    assert register.assigned_label.text().startswith("Budi Santoso")
