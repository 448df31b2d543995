"""Focal-point undo commands on a bare QUndoStack: one desk.focal call per redo/undo, ids kept
across undo/redo, refusals reported and never stacked, two-step commands rolled back."""

from __future__ import annotations

import pytest

from app.focal.values import FocalPointFields
from app.ui.focal.focal_commands import FocalEditor
from app.ui.shell.commands import ChangeHub
from app.values import Target


@pytest.fixture
def editing(desk, qapp):
    changes, errors = [], []
    hub = ChangeHub()
    # the main window listens first
    hub.changed.connect(lambda change, _origin: changes.append(change))
    hub.refused.connect(lambda message, _command: errors.append(message))
    editor = FocalEditor(desk, hub)
    seen = []
    hub.changed.connect(lambda change, _origin: seen.append(change))  # then the focal-point windows
    return editor, hub.stack, changes, errors, seen


def test_push_applies_once_and_undo_redo_keep_the_ids(desk, editing):
    editor, stack, changes, errors, seen = editing
    error, siti = editor.add(FocalPointFields("Siti Rahmawati", "ID"))
    assert error is None and [p.name for p in desk.focal.people()] == ["Siti Rahmawati"]
    aid = desk.resolve_ref("1.3(b)")
    assert editor.assign(siti, "Siti Rahmawati", Target(action_id=aid), "1.3(b)", "lead") is None
    (assignment,) = desk.focal.assignments_of(siti)
    assert stack.count() == 2 and stack.undoText() == "assign Siti Rahmawati to 1.3(b)"
    assert changes[-1].action_ids == frozenset({aid}) and changes[-1].focal_points
    assert seen == changes  # the windows hear of every change the main window applied
    stack.undo()
    stack.undo()
    assert desk.focal.people() == []
    stack.redo()
    stack.redo()
    assert desk.focal.get(siti).name == "Siti Rahmawati"  # same id
    assert [a.id for a in desk.focal.assignments_of(siti)] == [assignment.id]
    assert errors == []


def test_refusals_are_returned_and_not_stacked(desk, editing):
    editor, stack, changes, errors, _ = editing
    error, created = editor.add(FocalPointFields("X", "Narnia"))
    assert created is None
    assert error == "unknown country 'Narnia' (use a code like VN or a name like Viet Nam)"
    assert stack.count() == 0 and changes == []
    assert errors == []  # the caller shows it (in the form), not the status bar
    assert editor.edit(1, FocalPointFields("A", "ID"), FocalPointFields("A", "ID")) is None
    assert stack.count() == 0  # nothing changed: nothing to undo


def test_assigning_a_new_person_is_one_step_and_rolls_back(desk, editing):
    editor, stack, _, _, _ = editing
    aid = desk.resolve_ref("2.1(c)")
    fields = FocalPointFields("Budi Santoso", "ID", email="budi@kemlu.go.id")
    assert editor.assign_new(fields, Target(action_id=aid), "2.1(c)", "co-lead") is None
    assert stack.count() == 1 and stack.undoText() == "assign Budi Santoso (new) to 2.1(c)"
    (budi,) = desk.focal.people()
    assert [(a.ref, a.role) for a in desk.focal.assignments_of(budi.id)] == [("2.1(c)",
                                                                            "co-lead")]
    stack.undo()
    assert desk.focal.people() == []
    stack.redo()
    assert desk.focal.people()[0].id == budi.id

    # the assignment refused after the person was added: the person is taken back too
    other = FocalPointFields("Dewi Lestari", "ID")
    error = editor.assign_new(other, Target(action_id=999_999), "9.9(z)", "lead")
    assert error == "no action line with id 999999"
    assert [p.name for p in desk.focal.people()] == ["Budi Santoso"]
    assert stack.count() == 1


def test_an_undo_that_can_no_longer_be_done_is_reported_and_dropped(desk, editing):
    editor, stack, _, errors, _ = editing
    _, old = editor.add(FocalPointFields("Siti Rahmawati", "ID"))
    aid = desk.resolve_ref("1.1(a)")
    editor.assign(old, "Siti Rahmawati", Target(action_id=aid), "1.1(a)", "lead")
    assert editor.handover(old, "Siti Rahmawati", FocalPointFields("Dewi Lestari", "ID"),
                           "Dewi Lestari") is None
    dewi = desk.focal.find("Dewi Lestari").id
    assert stack.undoText() == "hand over from Siti Rahmawati to Dewi Lestari"
    desk.focal.assign(dewi, Target(action_id=desk.resolve_ref("1.1(b)")))  # outside the stack
    count = stack.count()
    stack.undo()
    assert errors == ["the hand-over cannot be undone: Dewi Lestari has new assignments since"]
    assert stack.count() == count - 1  # dropped, not left as if undone
    assert desk.focal.get(old).active is False  # and nothing half-done
