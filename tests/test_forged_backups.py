"""Issue 23: a file given to `restore` is checked on a copy before it replaces anything:
another program's SQLite file, a newer POA Desk database, an empty file, forged values or an
extra trigger are refused in one line and the working database is left exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import suppress
from pathlib import Path

import pytest

from app.cli import main
from app.safety import backups as safety_backups

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def run(db_path, capsys):
    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), *args])
        out, err = capsys.readouterr()
        return code, out, err
    return _run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good_backup(run, db_path, tmp_path):
    assert run("meeting", "add", "--kind", "SOM", "--title", "Kept")[0] == 0
    target = tmp_path / "good.db"
    assert run("backup", str(target))[0] == 0
    return target


def _forge(good: Path, tmp_path: Path, name: str, *sql: str) -> Path:
    forged = tmp_path / name
    shutil.copy(good, forged)
    conn = sqlite3.connect(forged)
    conn.execute("PRAGMA ignore_check_constraints=1")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return forged


def _refused(run, db_path, backup: Path, words: str) -> None:
    before = _digest(db_path)
    code, _, err = run("restore", str(backup))
    assert code == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err and words in err, err
    assert "nothing was changed" in err
    assert _digest(db_path) == before  # not a byte changed
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".restoring")]
    assert run("show", "1.3b")[0] == 0  # and every command still opens it


def test_another_programs_sqlite_file_is_refused(run, db_path, tmp_path):
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    _refused(run, db_path, other, "not a POA Desk database")


def test_a_database_of_a_newer_poa_desk_is_refused(run, db_path, good_backup, tmp_path):
    newer = _forge(good_backup, tmp_path, "newer.db",
                   "UPDATE alembic_version SET version_num = 'ffffffffffff'")
    _refused(run, db_path, newer, "newer version of POA Desk")


def test_an_empty_file_is_refused(run, db_path, tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    _refused(run, db_path, empty, "it is empty")


def test_an_sqlite_file_with_no_plan_is_refused(run, db_path, tmp_path):
    blank = tmp_path / "blank.db"
    sqlite3.connect(blank).close()
    with sqlite3.connect(blank) as conn:
        conn.execute("PRAGMA user_version = 1")
    _refused(run, db_path, blank, "cannot be restored")


@pytest.mark.parametrize("sql, words", [
    ("UPDATE action_lines SET status = 'bogus' WHERE ref = '1.3(b)'",
     "integrity check (CHECK constraint failed in action_lines)"),
    ("UPDATE history SET at = 'yesterday' WHERE id = (SELECT min(id) FROM history)",
     "'yesterday', which is not a date"),
    ("UPDATE meetings SET date = '2026-02-31'", "which is not a date"),
    ("CREATE TRIGGER unmark AFTER UPDATE ON action_lines BEGIN "
     "UPDATE action_lines SET notes_private = 0; END", "trigger 'unmark'"),
    ("DROP TABLE history", "history"),
])
def test_forged_contents_are_refused(run, db_path, good_backup, tmp_path, sql, words):
    forged = _forge(good_backup, tmp_path, "forged.db", sql)
    _refused(run, db_path, forged, words)


def test_a_view_in_place_of_the_history_is_refused(run, db_path, good_backup, tmp_path):
    forged = _forge(good_backup, tmp_path, "view.db", "ALTER TABLE history RENAME TO h2",
                    "CREATE VIEW history AS SELECT * FROM h2")
    _refused(run, db_path, forged, "that POA Desk never makes")


def test_the_restored_entry_is_in_the_file_before_it_takes_the_place(run, db_path,
                                                                     good_backup, monkeypatch):
    """A restore killed just after the swap still leaves its history entry."""
    seen = {}
    real_swap = safety_backups.swap_in

    def swap(staged, database):
        conn = sqlite3.connect(staged)
        seen["note"] = conn.execute("SELECT new FROM history WHERE field = 'restored'"
                                    ).fetchall()
        conn.close()
        real_swap(staged, database)

    monkeypatch.setattr(safety_backups, "swap_in", swap)
    assert run("restore", str(good_backup))[0] == 0
    assert seen["note"] and "good.db" in seen["note"][-1][0]
    assert "Kept" in run("meeting", "list")[1]


@pytest.mark.parametrize("command", [["restore", "latest"], ["backups", "--keep", "1"],
                                     ["check"]])
def test_file_commands_on_a_server_database_never_touch_the_local_file(command, capsys,
                                                                       db_path, monkeypatch):
    monkeypatch.setenv("POADESK_DB", str(db_path))  # the local working file
    assert main(["backup"]) == 0
    capsys.readouterr()
    before = _digest(db_path)
    code = main(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", *command])
    err = capsys.readouterr().err
    assert code == 1 and "on a server" in err and err.count("\n") == 1
    assert _digest(db_path) == before
    assert main(["backups"]) == 0
    assert "before a restore" not in capsys.readouterr().out


@pytest.mark.parametrize("location", ["sqlite://", "sqlite:///x.db", ":memory:"])
def test_a_database_that_would_be_thrown_away_is_refused(location, capsys, tmp_path,
                                                         monkeypatch, db_path):
    backup = tmp_path / "colleague.json"
    assert main(["--db", str(db_path), "export", "json", str(backup)]) == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    capsys.readouterr()
    code = main(["--db", location, "import", "json", str(backup)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "not a database" in err, err
    assert list(work.iterdir()) == []  # no stray ':memory:' file


# -- generated forgeries: restore and merge-back never trust what a file claims ---------------

_FORGERIES = [
    "UPDATE action_lines SET status = {text} WHERE id = {row}",
    "UPDATE history SET at = {text} WHERE id = (SELECT min(id) FROM history)",
    "UPDATE meetings SET date = {text}",
    "UPDATE action_lines SET notes = {number} WHERE id = {row}",
    "UPDATE action_lines SET notes_private = {text} WHERE id = {row}",
    "CREATE TRIGGER t{row} AFTER UPDATE ON action_lines BEGIN SELECT 1; END",
    "CREATE VIEW v{row} AS SELECT 1",
    "CREATE TABLE x{row} (a)",
    "CREATE INDEX i{row} ON action_lines (notes)",
    "DELETE FROM action_lines",
    "DROP TABLE IF EXISTS activities",
    "UPDATE alembic_version SET version_num = {text}",
    "UPDATE action_lines SET notes = {text} WHERE id = {row}",  # a plain edit: may pass
]


def _mutated(good: Path, tmp_path: Path, steps: list[tuple[int, str, int, int]]) -> Path:
    forged = tmp_path / "generated.db"
    shutil.copy(good, forged)
    conn = sqlite3.connect(forged)
    conn.execute("PRAGMA ignore_check_constraints=1")
    for kind, text, number, row in steps:
        sql = _FORGERIES[kind].format(text="'" + text.replace("'", "''") + "'",
                                      number=number, row=row)
        with suppress(sqlite3.Error):  # a forgery SQLite itself refuses: the next one
            conn.execute(sql)
    conn.commit()
    conn.close()
    return forged


def test_generated_forged_backups_are_refused_or_restored_whole(tmp_path_factory, seed_db):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tests.conftest import fuzz_cases

    base = tmp_path_factory.mktemp("forged")
    good = base / "good.db"
    shutil.copy(seed_db, good)
    assert main(["--db", str(good), "meeting", "add", "--kind", "SOM", "--title", "T",
                 "--date", "2026-03-05"]) == 0
    steps = st.lists(st.tuples(st.integers(0, len(_FORGERIES) - 1),
                               st.sampled_from(["bogus", "yesterday", "2026-02-31", "",
                                                "ffff", "1.10", "=1+1"]),
                               st.integers(-5, 10**12), st.integers(1, 200)),
                     min_size=1, max_size=3)

    @settings(max_examples=fuzz_cases(20), deadline=None)
    @given(steps)
    def check(case):
        work = tmp_path_factory.mktemp("work") / "work.db"
        shutil.copy(seed_db, work)
        forged = _mutated(good, work.parent, case)
        before = _digest(work)
        import io
        from contextlib import redirect_stderr, redirect_stdout

        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = main(["--db", str(work), "restore", str(forged)])
        if code == 0:  # accepted: then every command works on what came back
            out = io.StringIO()
            with redirect_stdout(out), redirect_stderr(io.StringIO()):
                assert main(["--db", str(work), "export", "json", "-"]) == 0
                assert main(["--db", str(work), "changes", "--since", "2020-01-01"]) == 0
        else:
            assert code == 1, err.getvalue()
            assert err.getvalue().count("\n") == 1 and "nothing was changed" in err.getvalue()
            assert _digest(work) == before

    check()
