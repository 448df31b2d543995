"""Nothing lost, the window's half (issue 9): one writer, changes made underneath are seen and
never overwritten, backups listed and restored, a damaged file restored at start-up, each
line's history, SIGTERM saves what is being typed, deleted meetings come back."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.service import Desk
from app.store.lock import DatabaseLock
from app.ui.files.backups_dialog import BackupsDialog
from app.ui.main import run_window
from app.ui.meetings.deleted_meetings import DeletedMeetingsDialog
from app.ui.shell import dialogs
from app.ui.shell.settings import UiSettings
from tests.ui.file_helpers import trigger
from tests.ui.helpers import click_row, proxy_index
from tests.ui.meetings_helpers import add_som, open_panel

COL_STATUS = 1


def _damage(path: Path) -> None:
    """Overwrite pages of the action-line table, as a failing disk would."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                            "'action_lines'").fetchone()[0]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as fh:
        for n in range(root, root + 6):
            fh.seek((n - 1) * page)
            fh.write(os.urandom(page))


def _dialog(window, cls):
    found = [d for d in window.findChildren(QDialog) if isinstance(d, cls) and d.isVisible()]
    assert len(found) == 1, found
    return found[0]


# -- one writer -------------------------------------------------------------------------------

def test_a_second_window_on_the_same_database_is_refused_naming_the_first(
        qapp, db_path, tmp_path, shown_dialogs):
    first = DatabaseLock(db_path, "the POA Desk window")
    first.acquire()
    try:
        assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"),
                          on_shown=lambda w: w.close()) == 1
    finally:
        first.release()
    (title, message), = shown_dialogs
    assert "already open in the POA Desk window of" in message and "process" in message


def test_the_window_holds_the_lock_until_it_closes(qapp, db_path, tmp_path, shown_dialogs):
    seen = {}

    def ready(window):
        other = DatabaseLock(db_path)
        try:
            other.acquire()
            seen["free while open"] = True
            other.release()
        except Exception as exc:  # noqa: BLE001
            seen["refused"] = str(exc)
        seen["held"] = window.lock is not None and window.lock.held
        window.close()

    assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"), on_ready=ready) == 0
    assert seen["held"] and "already open" in seen["refused"]
    after = DatabaseLock(db_path)
    after.acquire()  # released on close
    after.release()


# -- changes made underneath ------------------------------------------------------------------

def test_command_line_writes_are_seen_and_own_edits_are_not_published_twice(
        qtbot, window, db_path):
    assert window.watcher.timer.isActive() and window.watcher.timer.interval() == 2000
    click_row(qtbot, window, "a1.3(b)")
    cli = Desk.open(db_path, daily_backup=False)
    try:
        cli.set_status(cli.resolve_ref("1.3(b)"), "achieved")
        cli.set_notes(cli.resolve_ref("1.3(b)"), "from the command line")
        cli.meetings.create("SOM", "29th SOM", None, "Jakarta", "", "1.1(a)")
    finally:
        cli.close()
    panel = open_panel(window)
    changes = []
    window.hub.changed.connect(lambda change, _origin: changes.append(change))
    change = window.watcher.poll()
    assert change is not None and change.meetings
    assert proxy_index(window, "a1.3(b)", COL_STATUS).data() == "Achieved"
    assert window.detail.notes_edit.toPlainText() == "from the command line"
    assert window.detail.status_combo.currentText() == "Achieved"
    assert panel.meeting_combo.count() == 1  # the meetings panel reloaded too
    assert window.watcher.poll() is None  # nothing new

    qtbot.keyClick(window.tree, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    changes.clear()
    assert window.watcher.poll() is None  # the window's own edit: not published again
    assert changes == []


def test_typing_on_a_value_changed_underneath_is_refused_and_kept_on_the_clipboard(
        qtbot, open_window, db_path, shown_dialogs):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.3(b)")
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    cli = Desk.open(db_path, daily_backup=False)
    try:
        cli.set_notes(cli.resolve_ref("1.3(b)"), "Agreed at the JCC")
    finally:
        cli.close()
    window.watcher.poll()  # seen underneath while typing: the typed text stays
    assert window.detail.notes_edit.toPlainText() == "Ask the Mission"
    assert window.detail.flush()  # refused, but nothing is left pending
    qtbot.waitUntil(lambda: any(kind == "stale" for kind, _ in shown_dialogs))
    [message] = [m for kind, m in shown_dialogs if kind == "stale"]
    assert "changed elsewhere" in message and "Agreed at the JCC" in message
    assert "Ask the Mission" in message
    assert QApplication.clipboard().text() == "Ask the Mission"  # to paste back
    assert window.detail.notes_edit.toPlainText() == "Agreed at the JCC"
    assert window.desk.action(window.desk.resolve_ref("1.3(b)")).notes == "Agreed at the JCC"
    assert window.undo_stack.count() == 0


def test_a_status_chosen_on_a_stale_value_is_refused_with_both_values(
        qtbot, window, db_path, shown_dialogs):
    click_row(qtbot, window, "a1.3(b)")
    cli = Desk.open(db_path, daily_backup=False)
    try:
        cli.set_status(cli.resolve_ref("1.3(b)"), "achieved")
    finally:
        cli.close()
    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(kind == "stale" for kind, _ in shown_dialogs))
    assert window.desk.action(window.desk.resolve_ref("1.3(b)")).status == "achieved"
    assert window.detail.status_combo.currentText() == "Achieved"
    assert proxy_index(window, "a1.3(b)", COL_STATUS).data() == "Achieved"


def test_undo_of_a_value_changed_underneath_is_refused(qtbot, window, db_path):
    click_row(qtbot, window, "a1.3(b)")
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    cli = Desk.open(db_path, daily_backup=False)
    try:
        cli.set_status(cli.resolve_ref("1.3(b)"), "recurring")
    finally:
        cli.close()
    window.undo()
    assert window.desk.action(window.desk.resolve_ref("1.3(b)")).status == "recurring"
    assert "changed elsewhere" in window.statusBar().currentMessage()


# -- history ----------------------------------------------------------------------------------

def test_the_detail_pane_shows_the_lines_history_with_private_notes_masked(qtbot, window):
    click_row(qtbot, window, "a1.3(b)")
    box = window.detail.history_box
    assert box.toggle.text() == "History (no change recorded)"
    assert not box.list.isVisible()
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    window.detail.private_box.click()
    qtbot.keyClicks(window.detail.notes_edit, "secret line")
    window.detail.flush()
    qtbot.mouseClick(box.toggle, Qt.MouseButton.LeftButton)
    assert box.list.isVisible()
    rows = box.texts()
    assert box.toggle.text() == f"History ({len(rows)} changes)"
    assert ("Status", "Not assessed → Achieved") in [(w, c) for _w, _who, w, c in rows]
    notes = [(what, change) for _w, _who, what, change in rows if what.startswith("Notes")]
    assert notes and all("secret" not in w + c for w, c in notes)
    assert notes[0] == ("Notes (private note changed)", "")
    assert window.detail.changed_label.text().startswith("Last changed ")


def test_an_assignment_shows_in_the_history_and_the_last_changed_line(qtbot, window):
    from tests.ui.focal_helpers import add_person

    click_row(qtbot, window, "a1.3(b)")
    assert window.detail.changed_label.text() == "Not changed since the plan was loaded"
    person = add_person(window, "Siti Rahmawati", "ID")
    target = window.desk.focal.resolve_target("1.3(b)").target
    window.hub.publish(window.desk.focal.assign(person, target).change)
    assert window.detail.changed_label.text().startswith("Last changed ")
    assert any(what.startswith("Focal point Siti Rahmawati (ID) on 1.3(b)")
               for _w, _who, what, _c in window.detail.history_box.texts())


# -- backups ----------------------------------------------------------------------------------

def test_backups_are_listed_taken_and_restored_saying_what_comes_back(
        qtbot, window, answers):
    click_row(qtbot, window, "a1.3(b)")
    trigger(window, "File", "Backups…")
    dialog = _dialog(window, BackupsDialog)
    before = dialog.model.rowCount()
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == before + 1
    assert "on request" in dialog.model.column_texts(2) or dialog.model.column_texts(2)
    taken = dialog.selected()
    assert taken is not None and taken.reason == "manual"

    dialog.reject()  # Close; the window is free again
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.detail.notes_edit, "after the backup")
    assert window.undo_stack.count() >= 1
    trigger(window, "File", "Backups…")
    assert _dialog(window, BackupsDialog) is dialog
    dialog.select_row(dialog.model.row_where(lambda b: b == taken))
    answers.accept = [True]
    assert dialog.restore_selected()
    seen = answers.shown[-1]
    assert seen.heading.startswith("Restore the backup taken ")
    assert taken.why in seen.text and seen.ok == "Restore"
    aid = window.desk.resolve_ref("1.3(b)")
    assert window.desk.action(aid).status == "not_assessed"
    assert window.desk.action(aid).notes == ""
    assert window.undo_stack.count() == 0
    assert proxy_index(window, "a1.3(b)", COL_STATUS).data() == "Not assessed"
    assert window.detail.notes_edit.toPlainText() == ""
    assert dialog.model.rowCount() == before + 2  # the state it replaced was backed up
    dialog.reject()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.action(aid).status == "being_addressed"  # the reopened Desk works


def test_a_damaged_database_at_start_up_offers_the_newest_good_backup(
        qapp, db_path, tmp_path, shown_dialogs, monkeypatch):
    desk = Desk.open(db_path)
    desk.set_notes(desk.resolve_ref("1.3(b)"), "kept in the backup")
    desk.backup("manual")
    desk.close()
    _damage(db_path)
    offers = []
    monkeypatch.setattr(dialogs, "offer_restore",
                        lambda _p, msg, info: offers.append((msg, info.reason)) or True)
    seen = {}

    def ready(window):
        seen["notes"] = window.desk.action(window.desk.resolve_ref("1.3(b)")).notes
        window.close()

    assert run_window(db_path, settings=UiSettings(tmp_path / "ui.ini"), on_ready=ready) == 0
    assert seen == {"notes": "kept in the backup"}
    [(message, reason)] = offers
    assert "damaged" in message and reason == "manual"


# -- deleted meetings -------------------------------------------------------------------------

def test_deleting_a_meeting_asks_first_and_it_comes_back_from_deleted_meetings(
        qtbot, window, shown_dialogs, monkeypatch):
    meeting_id = add_som(window, "1.1(a),2.1(c)")
    panel = open_panel(window)
    panel.reload(meeting_id)
    monkeypatch.setattr(dialogs, "confirm",
                        lambda _p, _t, q, detail, _ok: shown_dialogs.append(("confirm", q))
                        and False)
    assert not panel.delete_meeting()  # Cancel: nothing deleted
    assert shown_dialogs[-1][1].startswith("Delete SOM") and panel.meeting_id == meeting_id
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)
    assert panel.delete_meeting()
    assert window.desk.meetings.all() == []
    window.undo_stack.clear()  # as after a restart: undo cannot bring it back
    trigger(window, "Meeting", "Deleted Meetings…")
    dialog = _dialog(window, DeletedMeetingsDialog)
    assert dialog.model.column_texts(0)[0].startswith("SOM")
    new_id = dialog.restore_selected()
    assert new_id is not None
    [meeting] = window.desk.meetings.all()
    assert [i.ref for i in window.desk.meetings.get(meeting.id).items] == ["1.1(a)", "2.1(c)"]
    assert panel.meeting_id == meeting.id and panel.agenda_model.rowCount() == 2


# -- SIGTERM ----------------------------------------------------------------------------------

SIGTERM_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from app.ui.main import run_window
from app.ui.shell.settings import UiSettings

def ready(window):
    key = "a1.3(b)"
    window.select_key(key)
    edit = window.detail.notes_edit
    edit.setFocus()
    QTest.keyClicks(edit, "typed just before the log-out")
    print("typed", flush=True)

code = run_window(Path(sys.argv[1]), settings=UiSettings(Path(sys.argv[2])), on_ready=ready)
print("exit", code, flush=True)
"""


def test_sigterm_saves_what_is_being_typed(db_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", SIGTERM_SCRIPT, str(db_path),
                             str(tmp_path / "ui.ini")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "typed", proc.stderr.read() if proc.stderr else ""
        time.sleep(0.1)  # well within the 600 ms pause before typing is saved
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "exit 0" in out
    with sqlite3.connect(db_path) as conn:
        notes = conn.execute("SELECT notes FROM action_lines WHERE ref = '1.3(b)'").fetchone()[0]
    assert notes == "typed just before the log-out"
    lock = DatabaseLock(db_path)
    lock.acquire()  # released
    lock.release()
