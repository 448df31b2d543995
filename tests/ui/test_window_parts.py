"""How the window's parts meet (app/ui/window.py): each change says who started it, and every
part follows the desk session when another database is shown, nothing pushed into it by hand."""

from __future__ import annotations

import shutil

from app.access import DatabaseLock
from app.service import Desk
from app.ui.focal.focal_commands import FocalEditor
from app.ui.plan.action_commands import FieldEdit
from app.values import Change


def _show(window, ref: str):
    window.select_key(f"a{ref}")
    detail = window.detail.detail
    assert detail is not None and detail.ref == ref
    return detail


def test_a_change_says_which_command_made_it_and_an_import_says_none(window):
    seen: list[tuple[Change, object]] = []
    window.hub.changed.connect(lambda change, origin: seen.append((change, origin)))
    detail = _show(window, "1.3(b)")
    assert window.editor.edit(detail.id, detail.ref, "status", detail.status, "achieved")
    (change, origin), = seen
    assert isinstance(origin, FieldEdit) and origin.action_id == detail.id
    assert change.action_ids == {detail.id}
    window.undo()
    assert seen[-1][1] is origin  # undone: the same command says so
    window.reload_from_database()  # an import shows the database again: nobody's command
    assert seen[-1][1] is None and seen[-1][0].focal_points


def test_the_pane_knows_its_own_save_from_another_s_change(window, shown_dialogs):
    """The detail pane tells its own save (the change's origin) from a change made elsewhere:
    the next typing is saved on top of its own (not refused as changed underneath), and a
    change of another field made elsewhere meanwhile leaves the typing alone."""
    detail = _show(window, "1.3(b)")
    window.detail.notes_edit.setPlainText("mine, typed")
    assert window.detail.flush()
    window.detail.notes_edit.setPlainText("mine, typed, and more")  # not saved yet
    window.hub.publish(window.desk.update_action(detail.id, lines_to_take="theirs"))
    assert window.detail.notes_edit.toPlainText() == "mine, typed, and more"
    assert window.detail.lines_edit.toPlainText() == "theirs"
    assert window.detail.flush()
    assert window.desk.action(detail.id).notes == "mine, typed, and more"
    assert not [title for title, _ in shown_dialogs if title == "stale"]


def test_every_part_follows_the_session_to_another_database(window, db_path, tmp_path):
    other_path = tmp_path / "other.db"
    shutil.copyfile(db_path, other_path)
    old = window.desk
    focal_editor = window.focal_ui.editor
    assert isinstance(focal_editor, FocalEditor) and focal_editor.desk is old
    panel = window.meetings.show_panel()
    seen: list[Change] = []
    window.hub.changed.connect(lambda change, _origin: seen.append(change))
    lock = DatabaseLock(other_path)
    lock.acquire()
    other = Desk.open(other_path)
    window.databases.switch(other, lock)  # File > Open Database File… once chosen
    assert window.desk is other and window.db_path == other_path and window.lock is lock
    assert window.editor.desk is other  # the plan browser's edits
    assert window.focal_ui.editor.desk is other and window.focal_ui.editor is not focal_editor
    assert panel.desk is other  # the meetings panel
    assert seen and seen[-1].plan_structure and seen[-1].meetings  # after every part had it
    assert not window.undo_stack.count()  # its commands held the other Desk
    assert "other" in window.windowTitle()  # the title names the database shown
    detail = _show(window, "1.3(b)")
    assert window.editor.edit(detail.id, detail.ref, "status", detail.status, "achieved")
    assert other.action(detail.id).status == "achieved"
    assert Desk.open(db_path).action(detail.id).status == detail.status  # the first: as it was
