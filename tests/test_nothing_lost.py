"""Nothing lost, ever: the change history, automatic backups, check and restore, one writer,
edits on stale values refused (issue "Nothing lost, ever"), through the command line and the
gateway as a user meets them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.errors import DatabaseError, StaleEdit
from app.focal.values import FocalPointFields
from app.interchange.json_backup import export_state, import_state
from app.service import Desk, backups_of
from app.store.lock import DatabaseInUse, DatabaseLock

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def run(db_path, capsys, monkeypatch):
    monkeypatch.setenv("POADESK_USER", "Dewi (Jakarta desk)")

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def history_rows(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM history").fetchone()[0]


# -- history -----------------------------------------------------------------------------------

def test_every_kind_of_change_is_in_the_history_with_who_and_how(db_path, monkeypatch):
    monkeypatch.setenv("POADESK_USER", "Dewi")
    desk = Desk.open(db_path)
    try:
        aid = desk.resolve_ref("1.3(b)")
        desk.set_status(aid, "Being addressed")
        desk.set_lines_to_take(aid, "Support the work plan.")
        desk.set_tags(aid, ["terrorism", "ARF"])
        fp = desk.focal.add(FocalPointFields("Siti Rahmawati", "ID", email="siti@kemlu.go.id"))
        desk.focal.assign(fp.id, desk.resolve("1.3(b)").target, "lead")
        m = desk.meetings.create("SOM", "29th SOM", refs="1.3(b)")
        desk.meetings.edit_item(desk.meetings.find_item(m.id, "1.3(b)"), objective="Agree")
        line = desk.history(aid)
    finally:
        desk.close()
    seen = {(h.kind, h.field, h.old, h.new) for h in line}
    assert ("action_line", "status", "not_assessed", "being_addressed") in seen
    assert ("action_line", "lines_to_take", "", "Support the work plan.") in seen
    assert ("action_line", "tags", "", "ARF, terrorism") in seen
    assert ("assignment", "created", None, "lead") in seen
    assert ("agenda_item", "objective", "", "Agree") in seen
    assert {h.who for h in line} == {"Dewi"} and {h.operation for h in line} == {"edit"}


def test_history_command_and_changes_keep_private_notes_out(run, db_path):
    assert run("meeting", "add", "--kind", "SOM", "--title", "T")[0] == 0
    desk = Desk.open(db_path)
    try:
        aid = desk.resolve_ref("2.1(c)")
        desk.set_notes(aid, "Our red line: no text on palm oil.", private=True)
        desk.set_status(aid, "Achieved")
    finally:
        desk.close()
    code, out, _ = run("history", "2.1c")
    assert code == 0
    assert "Status: 'Not assessed' -> 'Achieved'" in out  # the user's words, not codes
    assert "Notes (private note changed)" in out
    assert "red line" not in out
    code, out, _ = run("changes", "--since", "2020-01-01")
    assert "2.1(c): Status" in out and "red line" not in out and "Meeting SOM: T: Added" in out
    code, out, _ = run("changes", "--since", "2020-01-01", "--include-private")
    assert "red line" not in out  # a private note's text never entered the history
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM history WHERE old LIKE '%red line%' "
                            "OR new LIKE '%red line%'").fetchone()[0] == 0


def test_a_note_typed_then_made_private_leaves_no_clear_text_in_the_history(run, db_path):
    """Issue 23: typed in the window (saved as you type), then ticked Private: the first save
    was recorded in clear and `changes` printed it."""
    desk = Desk.open(db_path)
    try:
        aid = desk.resolve_ref("2.1(c)")
        desk.set_notes(aid, "Minister may walk out")  # saved as typed
        desk.update_action(aid, notes_private=True)  # then the box is ticked
    finally:
        desk.close()
    for command in (["history", "2.1c"], ["changes", "--since", "2020-01-01"],
                    ["changes", "--since", "2020-01-01", "--include-private"]):
        code, out, _ = run(*command)
        assert code == 0 and "walk out" not in out and "Notes (private note changed)" in out
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM history WHERE new LIKE '%walk out%'"
                            ).fetchone()[0] == 0


def test_an_import_is_named_in_the_history_and_a_refused_one_leaves_none(db_path, other_desk):
    aid = other_desk.resolve_ref("1.1(a)")
    other_desk.set_notes(aid, "From Bangkok.")
    data = export_state(other_desk)
    desk = Desk.open(db_path)
    try:
        import_state(desk, data, source="bangkok.json")
        ops = {h.operation for h in desk.history(desk.resolve_ref("1.1(a)"))}
        assert ops == {"import from bangkok.json"}
        before = history_rows(db_path)
        data["plans"][0]["parts"][0]["sections"][0]["actions"][1]["status"] = "Sort of"
        data["plans"][0]["parts"][0]["sections"][0]["actions"][0]["notes"] = "changed"
        with pytest.raises(Exception, match="Sort of"):
            import_state(desk, data, source="bad.json")
        assert history_rows(db_path) == before  # same transaction: no change, no history
    finally:
        desk.close()


def test_a_deleted_meeting_comes_back_after_a_restart(run, db_path):
    run("meeting", "add", "--kind", "SOM", "--title", "29th SOM", "--date", "2027-03-05",
        "--venue", "Jakarta", "--refs", "1.1(a),3.5")
    run("meeting", "item", "1", "3.5", "--objective", "Move the haze work on.")
    run("meeting", "delete", "1")
    code, out, _ = run("meeting", "deleted")  # a new process would see the same
    number = out.split()[0]
    assert "29th SOM" in out
    code, out, err = run("meeting", "undelete", number)
    assert code == 0, err
    code, out, _ = run("meeting", "show", out.strip())
    assert "29th SOM" in out and "Jakarta" in out and "Move the haze work on." in out


def test_purge_forgets_old_history(run, db_path):
    run("meeting", "add", "--kind", "SOM", "--title", "T")
    assert history_rows(db_path) > 0
    tomorrow = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    code, out, _ = run("history", "--purge-before", tomorrow)
    assert code == 0 and "forgot" in out
    assert history_rows(db_path) == 0


def test_a_purged_note_is_gone_from_every_page_of_the_file(run, db_path):
    """Issue 23: the purged note's words stayed in the full-text index's pages of the file."""
    secret = "Zanzibarquoxite counterpart withdrew"
    desk = Desk.open(db_path)
    try:
        aid = desk.resolve_ref("1.3(b)")
        desk.set_notes(aid, secret)
        desk.set_notes(aid, "nothing to see")
    finally:
        desk.close()
    before = _file_bytes(db_path)
    assert b"Zanzibarquoxite" in before  # in the history
    assert b"zanzibarquoxite" in before  # and in the full-text index's pages
    tomorrow = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    assert run("history", "--purge-before", tomorrow)[0] == 0
    raw = _file_bytes(db_path)
    assert b"Zanzibarquoxite" not in raw and b"zanzibarquoxite" not in raw
    assert run("search", "zanzibarquoxite")[1] == ""  # and the index still works
    assert "1.3(b)" in run("search", "nothing")[1]


def test_hidden_copies_left_by_a_killed_process_are_removed_at_start(db_path):
    """Issue 23: a killed backup, restore or import left full copies of the database (private
    notes included) that nothing ever removed."""
    import shutil
    import time

    shelf = backups_of(db_path)
    shelf.folder.mkdir(parents=True, exist_ok=True)
    old = time.time() - 2 * 3600
    left = [db_path.with_name(f".{db_path.name}.restoring"),
            db_path.parent / ".poadesk-k1lled.db", shelf.folder / ".poadesk-0ld.db"]
    for path in left:
        shutil.copy(db_path, path)
        os.utime(path, (old, old))
    fresh = db_path.parent / ".poadesk-at-work.db"  # another process, copying right now
    shutil.copy(db_path, fresh)
    Desk.open(db_path).close()
    assert [p for p in left if p.exists()] == []
    assert fresh.exists()


def _file_bytes(db_path: Path) -> bytes:
    return b"".join(Path(f"{db_path}{s}").read_bytes() for s in ("", "-wal")
                    if Path(f"{db_path}{s}").exists())


# -- backups, check, restore -------------------------------------------------------------------

def test_a_backup_is_taken_at_the_days_first_start_and_before_an_import(db_path, other_desk):
    shelf = backups_of(db_path)
    Desk.open(db_path).close()
    Desk.open(db_path).close()
    assert [b.reason for b in shelf.list()] == ["daily"]
    desk = Desk.open(db_path)
    try:
        import_state(desk, export_state(other_desk), source="x.json")
    finally:
        desk.close()
    assert [b.reason for b in shelf.list()] == ["before-import", "daily"]
    with sqlite3.connect(shelf.list()[0].path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_only_the_newest_backups_are_kept(db_path):
    shelf = backups_of(db_path, keep=3)
    for day in range(5):
        shelf.take("manual", now=datetime(2026, 1, 1 + day, 9, 0))
    assert [b.taken_at.day for b in shelf.list()] == [5, 4, 3]


def damage(path: Path) -> None:
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


def test_check_finds_damage_and_restore_brings_back_the_last_good_state(run, db_path):
    code, out, _ = run("check")
    assert code == 0 and "healthy" in out
    run("meeting", "add", "--kind", "SOM", "--title", "Before the damage")
    assert run("backup")[0] == 0
    damage(db_path)
    code, out, _ = run("check")
    assert code == 1 and "NOT healthy" in out and "poadesk restore latest" in out
    code, _, err = run("show", "1.1(a)")  # at start-up: one line that names the command
    assert code == 1 and err.count("\n") == 1 and "poadesk restore latest" in err
    code, out, err = run("restore", "latest")
    assert code == 0, err
    assert "damaged" in err  # the damaged file is set aside, not lost
    assert run("check")[0] == 0
    assert "Before the damage" in run("meeting", "list")[1]


def test_restore_backs_up_the_current_state_first(run, db_path):
    run("meeting", "add", "--kind", "SOM", "--title", "Old")
    run("backup")
    run("meeting", "add", "--kind", "JCC", "--title", "New since")
    code, out, _ = run("backups")
    assert "on request" in out
    assert run("restore", "1")[0] == 0
    assert "New since" not in run("meeting", "list")[1]
    code, out, _ = run("backups")
    assert "before a restore" in out
    number = next(line.split()[0] for line in out.splitlines() if "before a restore" in line)
    assert run("restore", number)[0] == 0
    assert "New since" in run("meeting", "list")[1]


# -- one writer --------------------------------------------------------------------------------

def test_a_second_window_is_refused_naming_the_first(db_path):
    with DatabaseLock(db_path, "the POA Desk window"), pytest.raises(DatabaseInUse) as caught:
        DatabaseLock(db_path, "the POA Desk window").acquire()
    message = str(caught.value)
    assert "already open in the POA Desk window of" in message and str(os.getpid()) in message


def test_restore_waits_for_the_window_to_close(run, db_path):
    run("backup")
    with DatabaseLock(db_path):
        code, _, err = run("restore", "latest")
    assert code == 1 and "already open" in err


def test_a_restore_under_a_running_command_is_refused_and_loses_nothing(run, db_path):
    """Issue 23: a restore while a command-line writer (a long merge-back) had the database
    open replaced the file under it; the writer's work went into the replaced file and was lost
    while it said "merged". Now the writer holds the writers' lock: the restore is refused."""
    run("backup")
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom app.service import Desk\n"
         "desk = Desk.open(sys.argv[1], daily_backup=False)\n"
         "print('open', flush=True); sys.stdin.readline()\n"
         "desk.set_notes(desk.resolve_ref('1.3(b)'), 'written by the long command')\n"
         "desk.close(); print('done', flush=True)", str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        code, _, err = run("restore", "latest")
        assert code == 1 and "in use by another POA Desk window or command" in err
        assert err.count("\n") == 1
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "done"
    finally:
        writer.communicate(timeout=30)
    assert writer.returncode == 0
    with sqlite3.connect(db_path) as conn:  # what the command said it saved is there
        assert conn.execute("SELECT notes FROM action_lines WHERE ref = '1.3(b)'"
                            ).fetchone()[0] == "written by the long command"
    assert run("restore", "latest")[0] == 0  # once it has finished, the restore goes ahead


def test_a_restore_is_refused_when_the_lock_file_is_a_folder(run, db_path):
    run("backup")
    Path(f"{db_path}.lock").unlink(missing_ok=True)
    Path(f"{db_path}.lock").mkdir()
    code, _, err = run("restore", "latest")
    assert code == 1 and "is not a file" in err


def test_restore_through_a_symbolic_link_replaces_the_file_not_the_link(run, db_path, tmp_path):
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    assert main(["--db", str(link), "backup"]) == 0
    assert main(["--db", str(link), "restore", "latest"]) == 0
    assert link.is_symlink() and Path(os.path.realpath(link)) == db_path.resolve()


def test_a_stale_lock_from_a_crash_is_taken_over(db_path):
    holder = subprocess.run(
        [sys.executable, "-c", "import os, signal, sys; from pathlib import Path\n"
         "from app.store.lock import DatabaseLock\n"
         "DatabaseLock(Path(sys.argv[1])).acquire()\n"
         "os.kill(os.getpid(), signal.SIGKILL)", str(db_path)], capture_output=True)
    assert holder.returncode == -9
    assert json.loads(Path(f"{db_path}.holder").read_text())["pid"] > 0  # left behind
    with DatabaseLock(db_path) as lock:
        assert lock.held


def test_an_edit_on_a_value_changed_elsewhere_is_refused_with_both(db_path, run):
    window = Desk.open(db_path)
    try:
        aid = window.resolve_ref("1.3(b)")
        token = window.change_token()
        shown = window.action(aid).notes  # what the window shows: ""
        assert run("meeting", "add", "--kind", "SOM", "--title", "T")[0] == 0
        other = Desk.open(db_path)
        other.set_notes(aid, "Typed on the command line.")
        other.close()
        token2, change = window.changes_after(token)
        assert token2 > token and aid in change.action_ids and change.meetings
        with pytest.raises(StaleEdit) as caught:
            window.update_action(aid, notes="Typed in the window.", expect={"notes": shown})
        assert "Typed on the command line." in str(caught.value)
        assert "Typed in the window." in str(caught.value)
        assert window.action(aid).notes == "Typed on the command line."
        window.update_action(aid, notes="Merged.", expect={"notes": "Typed on the command line."})
        assert window.action(aid).notes == "Merged."
    finally:
        window.close()


# -- failing disks and kills -------------------------------------------------------------------

FILLER = """
import resource, signal, sys
from app.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk: writes fail with EFBIG
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(["--db", sys.argv[1], "import", "json", sys.argv[3]]))
"""


def test_a_full_disk_is_one_line_and_no_damage(db_path, other_desk, tmp_path):
    with other_desk.transaction():  # one commit, not 165
        for aid in range(1, 166):
            other_desk.set_notes(aid, "x" * 20_000)  # 3.3 MB of notes: more than the disk holds
    big = tmp_path / "big.json"
    big.write_text(json.dumps(export_state(other_desk)), encoding="utf-8")
    Desk.open(db_path).close()  # the day's backup is taken before the disk is "full"
    size = db_path.stat().st_size
    result = subprocess.run([sys.executable, "-c", FILLER, str(db_path), str(size + 200_000),
                             str(big)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "disk is full" in result.stderr or "cannot write" in result.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM action_lines WHERE notes != ''"
                            ).fetchone() == (0,)


def test_a_read_only_folder_is_one_line_and_no_damage(db_path):
    import shutil
    import tempfile

    tmp_path = Path(tempfile.mkdtemp(prefix="poadesk-ro-"))  # reachable by "nobody"
    tmp_path.chmod(0o755)
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "som.db"
    target.write_bytes(db_path.read_bytes())
    folder.chmod(0o555)
    target.chmod(0o444)
    # as root, the check runs as "nobody" (root writes anywhere), with everything it needs
    # imported first (nobody cannot read root's Python installation)
    script = ("import os, sys\n"
              "import app.service, app.cli, app.cli.meeting_commands, platformdirs\n"
              "import sqlalchemy.dialects.sqlite.pysqlite, encodings.idna\n"
              "from app.cli import build_parser, main\n"
              "build_parser()\n"
              "if os.getuid() == 0: os.setgid(65534); os.setuid(65534)\n"
              "sys.exit(main(['--db', sys.argv[1], 'meeting', 'add', '--kind', 'SOM', "
              "'--title', 'T']))")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    (tmp_path / "data").mkdir(mode=0o777)
    tmp_path.chmod(0o777)
    try:
        result = subprocess.run([sys.executable, "-c", script, str(target)],
                                capture_output=True, text=True, env=env)
    finally:
        folder.chmod(0o755)
        rows = sqlite3.connect(target).execute("SELECT count(*) FROM meetings").fetchone()
        shutil.rmtree(tmp_path, ignore_errors=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "read-only" in result.stderr
    assert rows == (0,)


def test_database_error_messages_name_the_way_out(tmp_path):
    """From real driver errors (tests/test_errors.py: classified by code, not by text)."""
    from app.errors import describe_db_error
    from tests.test_errors import full, not_a_database

    assert "full" in describe_db_error("som.db", full(tmp_path))
    assert "poadesk restore latest" in describe_db_error("som.db", not_a_database(tmp_path))
    assert isinstance(DatabaseInUse("x"), DatabaseError)


def test_a_meeting_brought_back_is_no_longer_listed_as_deleted(run):
    run("meeting", "add", "--kind", "JCC", "--title", "Once only")
    run("meeting", "delete", "1")
    number = run("meeting", "deleted")[1].split()[0]
    assert run("meeting", "undelete", number)[0] == 0
    assert "no deleted meetings" in run("meeting", "deleted")[1]
    code, _, err = run("meeting", "undelete", number)
    assert code == 1 and "no deleted meeting" in err


def test_history_speaks_the_users_words_and_names_the_activity(run):
    """Issue 19: `changes` printed codes and "created"/"place" without saying which activity."""
    assert run("activity", "add", "3.5", "--title", "Haze dialogue", "--date", "2026-03-04",
               "--place", "Bangkok")[0] == 0
    assert run("activity", "edit", "1", "--place", "Chiang Mai", "--date", "2026-03-05")[0] == 0
    _, out, _ = run("changes", "--since", "2020-01-01")
    assert "Activity 3.5: Haze dialogue: Added" in out
    assert "Activity 3.5: Haze dialogue: Place: 'Bangkok' -> 'Chiang Mai'" in out
    assert "Activity 3.5: Haze dialogue: Start: '4 March 2026' -> '5 March 2026'" in out
    assert "created" not in out and "start_date" not in out


def test_a_restore_is_refused_under_an_open_window_whose_lock_file_was_deleted(run, db_path):
    """Issue 23: with the window's lock file deleted, a restore went ahead under it. The
    window's Desk also holds the writers' lock, which the restore needs alone."""
    run("backup")
    window_lock = DatabaseLock(db_path)
    window_lock.acquire()
    window = Desk.open(db_path)
    try:
        Path(f"{db_path}.lock").unlink()
        code, _, err = run("restore", "latest")
        assert code == 1 and "in use by another POA Desk window or command" in err
    finally:
        window.close()
        window_lock.release()
