"""The JSON backup of a whole desk (app.interchange.json_backup): action lines, focal points and
meetings out and back in, all or nothing. The blocks' details: tests/focal/test_json_block.py,
tests/test_meetings.py; from the command line: tests/cli/test_plan_commands.py."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.errors import InputError
from app.focal.values import FocalPointFields
from app.interchange.json_backup import export_state, import_state


def test_json_export_import_round_trip(desk):
    aid = desk.resolve_ref("1.2(a)")
    desk.set_status(aid, "Achieved")
    desk.set_notes(aid, "Round trip note")
    desk.set_tags(aid, ["json"])
    f = desk.focal
    kim = f.add(FocalPointFields("Kim Tran", "VN", email="kim@example.invalid"))
    f.assign(kim.id, f.resolve_target("1.2").target, "co-lead")
    mm = desk.meetings
    meeting = mm.create("SOM", "JSON round trip SOM", date(2026, 5, 1), refs="1.2(a)").id
    mm.edit_item(mm.find_item(meeting, "1.2(a)"), points_to_make="Point one.")
    data = json.loads(json.dumps(export_state(desk)))
    action = next(a for p in data["plans"] for sec in p["parts"][0]["sections"]
                  for a in sec["actions"] if a["ref"] == "1.2(a)")
    assert (action["status"], action["notes"], action["tags"]) == ("Achieved",
                                                                   "Round trip note", ["json"])
    assert action["updated_at"].endswith("Z")

    desk.set_status(aid, "Not yet addressed")
    desk.set_notes(aid, "changed")
    desk.set_tags(aid, [])
    f.update(kim.id, FocalPointFields("Kim Tran", "VN", title="Director",
                                      email="kim@example.invalid"))
    mm.edit_item(mm.find_item(meeting, "1.2(a)"), points_to_make="Changed.")
    assert import_state(desk, data).action_lines == 165
    detail = desk.action(aid)
    assert (detail.status, detail.notes, detail.tags) == ("achieved", "Round trip note",
                                                          ("json",))
    assert f.get(kim.id).title == ""
    assert [(a.ref, a.role) for a in f.assignments_of(kim.id)] == [("1.2", "co-lead")]
    found = [m for m in mm.all() if m.title == "JSON round trip SOM"]
    assert len(found) == 1
    assert [i.points_to_make for i in mm.get(found[0].id).items] == ["Point one."]
    again = export_state(desk)
    assert again["plans"] == data["plans"] and again["meetings"] == data["meetings"]

    def register(block):  # an import stamps the people it changed with the time of import
        return [{k: v for k, v in person.items() if k != "updated_at"}
                for person in block["people"]], block["assignments"]

    assert register(again["focal_points"]) == register(data["focal_points"])

    bad = json.loads(json.dumps(data))
    bad["plans"][0]["parts"][0]["sections"][0]["actions"][0]["status"] = "Sort of"
    with pytest.raises(InputError, match="Sort of"):
        import_state(desk, bad)
    assert desk.action(aid).status == "achieved"  # all or nothing
