"""Undo commands: one Desk call per redo/undo, merging of typing bursts, refused edits."""

from __future__ import annotations

import pytest

from app.errors import DatabaseError
from app.ui.plan.action_commands import ActionEditor
from app.ui.shell.commands import ChangeHub


@pytest.fixture
def editing(desk, qapp):
    changes, errors = [], []
    hub = ChangeHub()
    hub.changed.connect(lambda change, _origin: changes.append(change))
    editor = ActionEditor(desk, hub, errors.append)
    return editor, hub.stack, changes, errors


def test_push_applies_once_and_undo_restores(desk, editing):
    editor, stack, changes, _ = editing
    aid = desk.resolve_ref("1.3(b)")
    assert editor.edit(aid, "1.3(b)", "status", "not_assessed", "achieved")
    assert desk.action(aid).status == "achieved"
    assert stack.undoText() == "status change on 1.3(b)"
    assert [c.action_ids for c in changes] == [frozenset({aid})]
    stack.undo()
    assert desk.action(aid).status == "not_assessed"
    stack.redo()
    assert desk.action(aid).status == "achieved"
    assert editor.last_action_id(undone=False) == aid


def test_note_bursts_merge_until_sealed(desk, editing):
    editor, stack, _, _ = editing
    aid, other = desk.resolve_ref("1.1(a)"), desk.resolve_ref("1.1(b)")
    editor.edit(aid, "1.1(a)", "notes", "", "Ask")
    editor.edit(aid, "1.1(a)", "notes", "Ask", "Ask the Mission")
    assert stack.count() == 1
    editor.edit(other, "1.1(b)", "notes", "", "Other")  # another action: a new step
    assert stack.count() == 2
    editor.edit(other, "1.1(b)", "lines_to_take", "", "Line")  # another field: a new step
    assert stack.count() == 3
    editor.seal()
    editor.edit(other, "1.1(b)", "lines_to_take", "Line", "Line two")
    assert stack.count() == 4
    stack.undo()
    stack.undo()
    stack.undo()
    assert desk.action(other).notes == "" and desk.action(aid).notes == "Ask the Mission"
    stack.undo()
    assert desk.action(aid).notes == ""


def test_typing_back_to_the_start_leaves_nothing_to_undo(desk, editing):
    editor, stack, _, _ = editing
    aid = desk.resolve_ref("1.1(a)")
    editor.edit(aid, "1.1(a)", "notes", "", "x")
    editor.edit(aid, "1.1(a)", "notes", "x", "")
    assert stack.count() == 0
    assert editor.edit(aid, "1.1(a)", "notes", "", "")  # no change: nothing pushed
    assert stack.count() == 0


def test_a_refused_edit_is_reported_and_not_stacked(desk, editing, monkeypatch):
    editor, stack, changes, errors = editing

    def refuse(*_a, **_k):
        raise DatabaseError("database x.db is read-only; POA Desk cannot save changes there")

    monkeypatch.setattr(desk, "update_action", refuse)
    assert not editor.edit(desk.resolve_ref("1.1(a)"), "1.1(a)", "tags", [], ["x"])
    assert stack.count() == 0 and changes == []
    assert errors == ["database x.db is read-only; POA Desk cannot save changes there"]
