"""The window on a delegation's team database (issue 15): File > Open Team Database… on a real
PostgreSQL server (the password never saved), back to a file, a copy taken offline and its
changes brought back with a conflict left alone, a server gone away while typing (the text
kept, Retry), and activities imported from a workbook."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.errors import DatabaseError, ServerUnreachable
from app.service import Desk
from app.ui.files.team_database import TeamDatabaseDialog
from app.ui.shell import dialogs
from app.ui.shell.actions import Act, Menu
from app.ui.shell.review_dialog import ReviewDialog
from tests.ui.file_helpers import Answers, trigger
from tests.ui.helpers import click_row
from tests.ui.team_helpers import Dialogs, Team, team_schema
from tests.ui.walk_helpers import clashes, literal_ampersands, menu_clashes, unnamed

GONE = ("cannot reach the team database postgresql+psycopg://dewi@server/poadesk_team: check "
        "the network or ask who runs the server; nothing was changed")


@pytest.fixture
def team(monkeypatch) -> Iterator[Team]:
    """A new team database of its own on the test server (skipped without one)."""
    yield from team_schema(monkeypatch)


@pytest.fixture
def answered(monkeypatch, shown_dialogs) -> tuple[Dialogs, Answers]:
    """The file dialogs (Answers) and every dialog run through run_dialog (Dialogs)."""
    files = Answers().install(monkeypatch)
    runs = Dialogs()
    monkeypatch.setattr(dialogs, "run_dialog", runs.run)
    return runs, files


def open_team(window, runs: Dialogs, team: Team, password: str | None = None) -> None:
    runs.address = (team.host, team.port, team.database, team.user,
                    team.password if password is None else password)
    trigger(window, "File", "Open Team Database…")


# -- opening a team database ------------------------------------------------------------------

def test_a_team_database_opens_in_the_window_without_its_password_kept(
        qtbot, window, db_path, team, answered, shown_dialogs, settings_path):
    runs, files = answered
    open_team(window, runs, team, password="not-the-password-41")  # wrong: refused, one line
    assert window.desk.path == db_path
    assert len(shown_dialogs) == 1 and "refused the user name or password" in shown_dialogs[0][1]
    assert "not-the-password-41" not in shown_dialogs[0][1]
    assert runs.of(TeamDatabaseDialog)[0].password.text() == ""  # cleared at once

    open_team(window, runs, team)
    assert window.desk.path is None and window.db_path is None
    words = f"team database {team.database} on {team.host}"
    assert words in window.windowTitle()
    assert window.database_label.text() == "T" + words[1:]
    assert window.desk.plan_tree().plan.action_count == 165  # made on first open
    assert window.acts[Act.COPY_OFFLINE].isEnabled()
    assert window.undo_stack.count() == 0
    click_row(qtbot, window, "a1.3(b)")
    window.detail.set_status("achieved")
    colleague = Desk.open(team.url())
    try:
        assert colleague.action(colleague.resolve_ref("1.3(b)")).status == "achieved"
    finally:
        colleague.close()

    second = TeamDatabaseDialog(window, *window.settings.team_database())
    assert second.address() == (team.host, team.port, team.database, team.user)
    assert second.password.text() == ""
    second.deleteLater()

    files.open = db_path
    trigger(window, "File", "Open Database File…")
    assert window.desk.path == db_path
    assert window.windowTitle().endswith(f"{db_path.name} — POA Desk")
    assert not window.acts[Act.COPY_OFFLINE].isEnabled()
    assert window.settings.last_database_file == str(db_path)
    trigger(window, "File", "Open Database File…")  # the same file again: it starts there
    assert files.asked[-1][2] == db_path
    assert "open already" in window.statusBar().currentMessage()
    window.settings.sync()
    saved = settings_path.read_text(encoding="utf-8")
    assert "not-the-password-41" not in saved
    assert "pass" not in saved.lower()
    assert f":{team.password}@" not in saved


def test_the_password_can_come_from_a_pgpass_file(
        qtbot, window, team, answered, monkeypatch, tmp_path):
    runs, _files = answered
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{team.host}:{team.port}:{team.database}:{team.user}:{team.password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    open_team(window, runs, team, password="")
    assert window.desk.path is None
    assert f"team database {team.database}" in window.windowTitle()


# -- the laptop that travels ------------------------------------------------------------------

def test_a_copy_taken_offline_brings_its_changes_back_with_a_conflict_left_alone(
        qtbot, window, team, answered, tmp_path):
    runs, files = answered
    open_team(window, runs, team)
    desk = window.desk
    a, b = desk.resolve_ref("1.3(b)"), desk.resolve_ref("2.1(c)")
    desk.set_notes(a, "Before the trip.")
    files.save = tmp_path / "trip.db"
    runs.answers = [False]  # "Open the copy now?": Later
    trigger(window, "File", "Take a Copy Offline…")
    trip = tmp_path / "trip.db"
    assert trip.is_file() and window.desk.path is None

    laptop = Desk.open(trip, daily_backup=False)
    try:
        laptop.set_status(b, "achieved")
        laptop.set_notes(a, "Written on the plane.")
        laptop.meetings.create("SOM", "Trip notes")
    finally:
        laptop.close()
    colleague = Desk.open(team.url())
    try:
        colleague.set_notes(a, "Changed at the office meanwhile.")
    finally:
        colleague.close()

    files.open = trip
    runs.answers = [True]
    trigger(window, "File", "Bring My Changes Back…")
    review = runs.of(ReviewDialog)[-1]
    rows = {(g.title, r.what): r for g in review.review.groups for r in g.rows}
    conflict = rows[("1.3(b)", "notes")]
    assert conflict.conflict and not conflict.checked
    assert (conflict.old, conflict.new) == ("Changed at the office meanwhile.",
                                            "Written on the plane.")
    assert rows[("2.1(c)", "status")].checked and rows[("2.1(c)", "status")].new == "Achieved"
    assert review.chosen() == [("action_line", b, "status")]  # the conflict stays unticked
    assert any("Trip notes" in line for line in review.line_texts())
    assert unnamed(review) == [] and clashes(review) == {}

    assert window.desk.action(b).status == "achieved"
    assert window.desk.action(a).notes == "Changed at the office meanwhile."
    assert window.desk.history(b)[0].operation == "merge back from trip.db"
    assert "Brought back 1 change from trip.db" in window.statusBar().currentMessage()


def test_the_copy_can_be_opened_at_once(qtbot, window, team, answered, tmp_path):
    runs, files = answered
    open_team(window, runs, team)
    files.save = tmp_path / "away"  # no suffix: .db added
    runs.answers = [True]
    trigger(window, "File", "Take a Copy Offline…")
    assert window.desk.path == tmp_path / "away.db"
    assert window.lock is not None and window.lock.held
    assert not window.acts[Act.MERGE_BACK].isEnabled()
    assert window.desk.offline_origin() is not None


def test_copy_and_merge_back_are_for_a_team_database_only(window, answered):
    window.databases.update()
    assert not window.acts[Act.COPY_OFFLINE].isEnabled()
    assert not window.acts[Act.MERGE_BACK].isEnabled()


# -- the server gone away ---------------------------------------------------------------------

def _gone_once(desk, monkeypatch) -> list[int]:
    calls: list[int] = []
    real = desk.update_action

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ServerUnreachable(GONE)
        return real(*args, **kwargs)

    monkeypatch.setattr(desk, "update_action", flaky)
    return calls


def test_a_save_that_cannot_reach_the_server_keeps_the_text_and_retry_saves_it(
        qtbot, open_window, monkeypatch, shown_dialogs):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    calls = _gone_once(window.desk, monkeypatch)
    asked: list[str] = []

    def retry(_parent, _title, message, detail):
        asked.append(message)
        assert window.detail.notes_edit.toPlainText() == "Ask the Mission"
        assert QApplication.clipboard().text() == "Ask the Mission"
        assert "clipboard" in detail
        return True

    monkeypatch.setattr(dialogs, "offer_retry", retry)
    qtbot.keyClicks(window.detail.notes_edit, "Ask the Mission")
    assert not window.detail.flush()
    assert window.detail.notes_edit.toPlainText() == "Ask the Mission"
    qtbot.waitUntil(lambda: len(calls) == 2)
    assert asked == [GONE]
    ref = window.desk.resolve_ref("1.2(a)")
    assert window.desk.action(ref).notes == "Ask the Mission"
    assert "answers again" in window.statusBar().currentMessage()
    assert window.undo_stack.canUndo()


def test_after_cancel_further_failures_go_to_the_status_bar_only(
        qtbot, open_window, monkeypatch, shown_dialogs):
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    monkeypatch.setattr(window.desk, "update_action",
                        lambda *_a, **_k: (_ for _ in ()).throw(ServerUnreachable(GONE)))
    qtbot.keyClicks(window.detail.notes_edit, "One")
    assert not window.detail.flush()
    qtbot.waitUntil(lambda: ("retry?", GONE) in shown_dialogs)  # Cancel (conftest)
    qtbot.keyClicks(window.detail.notes_edit, " two")
    assert not window.detail.flush()
    QApplication.processEvents()
    assert shown_dialogs.count(("retry?", GONE)) == 1
    assert window.detail.notes_edit.toPlainText() == "One two"
    assert QApplication.clipboard().text() == "One two"
    assert "cannot reach" in window.statusBar().currentMessage()


def test_the_poll_failing_is_one_status_line_until_it_works_again(
        window, monkeypatch, shown_dialogs):
    real = window.desk.changes_after
    lost: list[str] = []
    window.watcher.lost.connect(lost.append)
    monkeypatch.setattr(window.desk, "changes_after",
                        lambda _t: (_ for _ in ()).throw(ServerUnreachable(GONE)))
    for _ in range(3):
        assert window.watcher.poll() is None
    assert lost == [GONE]
    assert window.statusBar().currentMessage().startswith("cannot reach")
    assert shown_dialogs == []
    monkeypatch.setattr(window.desk, "changes_after", real)
    window.watcher.poll()
    assert window.statusBar().currentMessage() == "The team database answers again."


def test_the_kind_of_error_decides_not_its_words(qtbot, open_window, monkeypatch,
                                                  shown_dialogs):
    """A refusal whose text says "cannot reach" but is no ServerUnreachable (or one in another
    language that is) is told by its kind: no Retry for the first, Retry for the second."""
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    monkeypatch.setattr(window.desk, "update_action",
                        lambda *_a, **_k: (_ for _ in ()).throw(DatabaseError(GONE)))
    qtbot.keyClicks(window.detail.notes_edit, "One")
    assert not window.detail.flush()
    QApplication.processEvents()
    assert ("retry?", GONE) not in shown_dialogs
    away = "le serveur de la base d'équipe est injoignable"
    monkeypatch.setattr(window.desk, "update_action",
                        lambda *_a, **_k: (_ for _ in ()).throw(ServerUnreachable(away)))
    qtbot.keyClicks(window.detail.notes_edit, " two")
    assert not window.detail.flush()
    qtbot.waitUntil(lambda: ("retry?", away) in shown_dialogs)


# -- activities from a workbook ---------------------------------------------------------------

def test_activities_are_imported_from_a_workbook_the_ticked_ones_only(
        qtbot, window, answered, tmp_path):
    runs, files = answered
    wb = Workbook()
    ws = wb.active
    ws.append(["Ref", "Title", "Kind", "Start", "Place"])
    ws.append(["3.5", "Haze workshop", "workshop", "2026-09-14", "Pekanbaru"])
    ws.append(["1.3(b)", "CT dialogue", "meeting", "2026-10-02", "Jakarta"])
    files.open = wb_path = tmp_path / "activities.xlsx"
    wb.save(wb_path)

    def untick_second(dialog: ReviewDialog) -> None:
        keys = [r.key for g in dialog.review.groups for r in g.rows]
        dialog.review.set_checked(keys[1], False)

    runs.review, runs.answers = untick_second, [True]
    trigger(window, "File", "Import Activities…")
    review = runs.of(ReviewDialog)[-1]
    assert [g.title for g in review.review.groups] == ["3.5", "1.3(b)"]
    assert "Pekanbaru" in review.review.groups[0].rows[0].new
    titles = [(a.fields.title, a.fields.start_date) for a in window.desk.activities.list()]
    assert titles == [("Haze workshop", date(2026, 9, 14))]


# -- keyboard and screen readers --------------------------------------------------------------

def test_the_new_dialog_and_the_file_menu_are_named_and_their_keys_do_not_clash(
        qtbot, window):
    dialog = TeamDatabaseDialog(window, "server.mission.local", 5432, "poadesk_team", "dewi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed(dialog) == []
    assert clashes(dialog) == {} and literal_ampersands(dialog) == []
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.focusWidget() is dialog.password  # the rest is remembered
    dialog.host.setText("server/x")
    assert not dialog.ok_button.isEnabled()
    dialog.reject()
    file_menu = window.acts.menus[Menu.FILE]
    file_menu.aboutToShow.emit()
    assert menu_clashes(file_menu) == {}
    assert window.database_label.accessibleName() == "Database"
    assert window.database_label.text() == f"File {Path(window.desk.path).name}"


def test_typed_text_of_a_refused_save_is_told_only_for_typing(qtbot, open_window, monkeypatch,
                                                              shown_dialogs):
    """A status chosen while the server is gone is no typing: no Retry question, one line."""
    window = open_window(save_delay_ms=60_000)
    click_row(qtbot, window, "a1.2(a)")
    monkeypatch.setattr(window.desk, "update_action",
                        lambda *_a, **_k: (_ for _ in ()).throw(ServerUnreachable(GONE)))
    qtbot.keyClick(window.tree, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert ("retry?", GONE) not in shown_dialogs
    assert "cannot reach" in window.statusBar().currentMessage()


COLLEAGUE = """
import sys
from app.service import Desk
desk = Desk.open(sys.argv[1])
aid = desk.resolve_ref("1.3(b)")
desk.set_status(aid, "Achieved")
desk.set_notes(aid, "Typed by a colleague in another office.")
desk.close()
"""


def test_the_window_sees_a_change_made_by_another_process_on_the_team_database(
        qtbot, window, team, answered):
    """Two officers on one team database: what the other's program writes (another process)
    shows up in this window through its poll, the tree and the open detail pane updated."""
    import subprocess
    import sys

    from app.ui.plan.plan_tree_model import COL_STATUS
    from tests.ui.helpers import proxy_index

    runs, _files = answered
    open_team(window, runs, team)
    click_row(qtbot, window, "a1.3(b)")
    window.watcher.poll()  # whatever the window's own opening recorded
    done = subprocess.run([sys.executable, "-c", COLLEAGUE, team.url()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    change = window.watcher.poll()
    assert change is not None and window.desk.resolve_ref("1.3(b)") in change.action_ids
    assert proxy_index(window, "a1.3(b)", COL_STATUS).data() == "Achieved"
    assert window.detail.notes_edit.toPlainText() == "Typed by a colleague in another office."
