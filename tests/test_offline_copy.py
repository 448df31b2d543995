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
