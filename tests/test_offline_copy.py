"""The laptop that travels: a local copy of the team database for a trip, and its changes
brought back with every conflict shown. The team database is the `desk` fixture (PostgreSQL in
CI, SQLite too); the copy is a SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from app.activities.values import ActivityFields
from app.errors import InputError
from app.interchange.offline import apply_merge, preview_merge
from app.service import Desk
from tests.conftest import engine_of


def test_copy_edit_merge_back_with_a_conflict_left_alone(desk, tmp_path):
    team = desk
    a, b, c = (team.resolve_ref(r) for r in ("1.3(b)", "2.1(c)", "3.5(b)"))
    team.set_notes(a, "Before the trip.")
    trip = team.copy_offline(tmp_path / "trip.db")
    laptop = Desk.open(trip, daily_backup=False)
    try:
        assert laptop.action(a).notes == "Before the trip."
        assert laptop.plan_tree().plan.action_count == 165
        laptop.set_status(b, "Achieved")                      # only on the trip
        laptop.set_notes(a, "Written on the plane.")           # on both: a conflict
        laptop.set_tags(c, ["haze"])
        laptop.activities.add(laptop.resolve("3.5").target, ActivityFields(
            "Haze workshop", "workshop", date(2026, 9, 14), place="Pekanbaru"))
        m = laptop.meetings.create("SOM", "Trip notes")      # not carried back: named
        assert m.id
    finally:
        laptop.close()
    team.set_notes(a, "Changed at the office meanwhile.")
    preview = preview_merge(team, trip)
    seen = {(i.label, i.field): i for i in preview.items}
    assert not seen[("2.1(c)", "status")].conflict
    assert seen[("1.3(b)", "notes")].conflict
    assert seen[("1.3(b)", "notes")].server == "Changed at the office meanwhile."
    assert seen[("1.3(b)", "notes")].offline == "Written on the plane."
    assert ("3.5(b)", "tags") in seen
    assert any(i.kind == "activity" and i.field == "created" for i in preview.items)
    assert any("Trip notes" in line for line in preview.not_carried)
    apply_merge(team, trip, preview)
    assert team.action(b).status == "achieved"
    assert team.action(c).tags == ("haze",)
    assert team.action(a).notes == "Changed at the office meanwhile."  # left as it is
    assert [x.fields.title for x in team.activities.list()] == ["Haze workshop"]
    history = team.history(b)
    assert history[0].operation == f"merge back from {trip.name}"
    assert preview_merge(team, trip).items == (seen[("1.3(b)", "notes")],)  # the rest landed


def test_a_file_that_is_not_an_offline_copy_is_refused(desk, tmp_path):
    other = desk.copy_offline(tmp_path / "copy.db")
    plain = tmp_path / "plain.db"
    plain.write_bytes(other.read_bytes())
    import sqlite3

    with sqlite3.connect(plain) as conn:
        conn.execute("DELETE FROM history WHERE field = 'copied offline'")
    with pytest.raises(InputError, match="is not an offline copy"):
        preview_merge(desk, plain)
    with pytest.raises(InputError, match="already exists"):
        desk.copy_offline(other)


@pytest.mark.sqlite_only  # no database at all: the server is not there
def test_a_server_that_cannot_be_reached_is_one_line(capsys):
    from app.cli import main

    code = main(["--db", "postgresql+psycopg://poadesk@127.0.0.1:9/poadesk_team", "plans"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "cannot reach the team database" in err and "nothing was changed" in err


WRITER = """
import sys
from app.service import Desk
desk = Desk.open(sys.argv[1], daily_backup=False)
refs, text = sys.argv[2].split(","), sys.argv[3]
for ref in refs:
    desk.set_notes(desk.resolve_ref(ref), text + " " + ref)
desk.close()
"""


def _location(desk) -> str:
    return str(desk.path) if desk.path is not None else \
        engine_of(desk).url.render_as_string(hide_password=False)


def test_two_processes_write_at_once_and_a_stale_edit_is_refused(desk):
    """Two officers' programs at once (two processes on the same database, the team's in CI):
    no update is lost, and an edit made on a value another changed meanwhile is refused."""
    import subprocess
    import sys

    from app.errors import StaleEdit

    first = [a.ref for a in desk.plan_tree().all_actions()][:40]
    shown = desk.action(desk.resolve_ref(first[0])).notes  # what this window shows
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, _location(desk),
                               ",".join(refs), who])
             for refs, who in ((first[:20], "Dewi"), (first[20:], "Budi"))]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    notes = {ref: desk.action(desk.resolve_ref(ref)).notes for ref in first}
    assert notes == {ref: f"{'Dewi' if i < 20 else 'Budi'} {ref}" for i, ref in enumerate(first)}
    with pytest.raises(StaleEdit) as caught:
        desk.update_action(desk.resolve_ref(first[0]), notes="Mine.", expect={"notes": shown})
    assert f"Dewi {first[0]}" in str(caught.value)
    assert desk.action(desk.resolve_ref(first[0])).notes == f"Dewi {first[0]}"


# -- forged and foreign copies (issue 23) -----------------------------------------------------

def _trip(desk, tmp_path, name="trip.db"):
    return desk.copy_offline(tmp_path / name)


def test_a_copy_of_another_database_is_refused_before_anything_merges(desk, other_desk,
                                                                       tmp_path):
    """It was applied by row id: an unrelated activity on the server was deleted."""
    target = desk.resolve("3.5").target
    mine = desk.activities.add(target, ActivityFields("Ours, at the office", "meeting"))
    foreign = _trip(other_desk, tmp_path, "foreign.db")
    laptop = Desk.open(foreign, daily_backup=False)
    try:  # the colleague's copy: an activity with the same id, removed on their trip
        laptop.activities.add(laptop.resolve("3.5").target, ActivityFields("Theirs", "visit"))
        laptop.activities.remove(mine.ids[0])
    finally:
        laptop.close()
    with pytest.raises(InputError, match="was copied from another database"):
        preview_merge(desk, foreign)
    assert [a.fields.title for a in desk.activities.list()] == ["Ours, at the office"]


def test_an_activity_removed_on_the_trip_but_edited_at_the_office_is_a_conflict(desk,
                                                                               tmp_path):
    target = desk.resolve("3.5").target
    made = desk.activities.add(target, ActivityFields("Haze dialogue", "meeting"))
    trip = _trip(desk, tmp_path)
    laptop = Desk.open(trip, daily_backup=False)
    try:
        laptop.activities.remove(made.ids[0])
    finally:
        laptop.close()
    info = desk.activities.get(made.ids[0])
    from dataclasses import replace

    desk.activities.edit(made.ids[0], replace(info.fields, place="Bangkok"))
    preview = preview_merge(desk, trip)
    (item,) = [i for i in preview.items if i.field == "deleted"]
    assert item.conflict
    apply_merge(desk, trip, preview)  # conflicts stay as they are on the team database
    assert desk.activities.get(made.ids[0]).fields.place == "Bangkok"


@pytest.mark.parametrize("forgery", [
    "UPDATE history SET new = 'not json {' WHERE field = 'copied offline'",
    "UPDATE history SET field = 'no_such_field' WHERE kind = 'action_line'",
    "UPDATE activities SET start_date = 'someday'",
    "ALTER TABLE history RENAME TO h2; CREATE VIEW history AS SELECT * FROM h2",
])
def test_forged_copies_are_one_line_and_merge_nothing(desk, tmp_path, forgery):
    import sqlite3
    import time

    desk.activities.add(desk.resolve("3.5").target, ActivityFields("A", "meeting"))
    trip = _trip(desk, tmp_path)
    laptop = Desk.open(trip, daily_backup=False)
    try:
        laptop.set_status(laptop.resolve_ref("2.1(c)"), "Achieved")
        laptop.activities.add(laptop.resolve("3.5").target,
                              ActivityFields("B", "workshop", date(2026, 3, 4)))
    finally:
        laptop.close()
    conn = sqlite3.connect(trip)
    conn.executescript(forgery)
    conn.close()
    started = time.monotonic()
    try:
        preview = preview_merge(desk, trip)
    except InputError as exc:
        assert "\n" not in str(exc) and "nothing was merged" in str(exc) or \
            "nothing can be merged" in str(exc)
    else:  # an unknown field is skipped, never a crash
        assert all(i.field in ("status", "created") for i in preview.items)
    assert time.monotonic() - started < 10
    assert desk.action(desk.resolve_ref("2.1(c)")).status == "not_assessed"


def test_merge_back_never_prints_a_private_note(desk, tmp_path, capsys):
    a = desk.resolve_ref("1.3(b)")
    desk.set_notes(a, "office text")
    trip = _trip(desk, tmp_path)
    laptop = Desk.open(trip, daily_backup=False)
    try:
        laptop.set_notes(a, "Our red line, typed on the plane", private=True)
    finally:
        laptop.close()
    desk.set_notes(a, "changed at the office")
    preview = preview_merge(desk, trip)
    notes = [i for i in preview.items if i.field == "notes"]
    assert notes and notes[0].private and notes[0].shown(notes[0].offline) == "(private note)"
    from app.cli import main

    location = str(desk.path) if desk.path is not None else \
        engine_of(desk).url.render_as_string(hide_password=False)
    main(["--db", location, "merge-back", "--dry-run", str(trip)])
    out, err = capsys.readouterr()
    assert "red line" not in out + err and "(private note)" in out + err


def test_the_offline_copy_is_owner_only(desk, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        trip = _trip(desk, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(trip.stat().st_mode) == 0o600


def test_after_a_merge_with_new_activities_the_next_activity_is_added_first_time(desk,
                                                                                  tmp_path):
    """On PostgreSQL the copy's ids were inserted without moving the sequence on: the next
    `activity add` failed once per carried activity."""
    trip = _trip(desk, tmp_path)
    laptop = Desk.open(trip, daily_backup=False)
    try:
        for title in ("One", "Two"):
            laptop.activities.add(laptop.resolve("3.5").target, ActivityFields(title, "visit"))
    finally:
        laptop.close()
    apply_merge(desk, trip, preview_merge(desk, trip))
    added = desk.activities.add(desk.resolve("1.1").target, ActivityFields("Three", "visit"))
    assert added.ids and {a.fields.title for a in desk.activities.list()} == {"One", "Two",
                                                                              "Three"}


def test_a_copy_taken_by_the_earlier_version_still_comes_back(desk, other_desk, tmp_path):
    """Copies taken before databases had an identity: told apart by their shared history."""
    import json
    import sqlite3

    desk.set_notes(desk.resolve_ref("1.1(a)"), "before the trip")
    other_desk.set_notes(other_desk.resolve_ref("1.1(a)"), "elsewhere")
    trips = {}
    for name, source in (("ours.db", desk), ("theirs.db", other_desk)):
        trip = _trip(source, tmp_path, name)
        conn = sqlite3.connect(trip)
        row = conn.execute("SELECT id, new FROM history WHERE field = 'copied offline'").fetchone()
        info = json.loads(row[1])
        del info["identity"], info["copy"]  # as the earlier version wrote it
        conn.execute("UPDATE history SET new = ? WHERE id = ?", (json.dumps(info), row[0]))
        conn.execute("UPDATE action_lines SET status = 'achieved' WHERE ref = '2.1(c)'")
        conn.commit()
        conn.close()
        laptop = Desk.open(trip, daily_backup=False)
        laptop.set_status(laptop.resolve_ref("3.5(b)"), "Achieved")
        laptop.close()
        trips[name] = trip
    assert any(i.label == "3.5(b)" for i in preview_merge(desk, trips["ours.db"]).items)
    with pytest.raises(InputError, match="copied from another database"):
        preview_merge(desk, trips["theirs.db"])
