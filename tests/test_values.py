"""Plain values: an action's detail gives the same row as the plan tree."""

from __future__ import annotations

from app.focal.values import FocalPointFields
from app.values import Target


def test_detail_summary_matches_the_tree_row(desk):
    aid = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, "x")
    desk.set_tags(aid, ["trade", "SOM 2026", "b"])
    section = next(s for p in desk.plan_tree().parts for s in p.sections if s.number == "1.3")
    people = [("A", "ID", Target(action_id=aid)), ("B", "EU", Target(section_id=section.id)),
              ("C", "SG", Target(action_id=aid)), ("D", "ID", Target(section_id=section.id))]
    ids = {}
    for name, country, target in people:
        ids[name] = desk.focal.add(FocalPointFields(name, country)).id
        desk.focal.assign(ids[name], target)
    desk.focal.deactivate(ids["C"])  # an inactive focal point covers nothing
    by_id = {a.id: a for a in desk.plan_tree().all_actions()}
    for ref in ("1.3(b)", "1.3(a)", "1.1(a)", "5(d)"):
        action_id = desk.resolve_ref(ref)
        assert desk.action(action_id).summary() == by_id[action_id]
    assert by_id[aid].countries == ("EU", "ID") and by_id[aid].has_notes
