"""Meetings and agendas behind `desk.meetings`: values out, one transaction per edit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import parse_date
from app.errors import InputError, NotFoundError
from app.meetings.values import MeetingDetail
from app.refs import split_refs
from app.values import KEEP
from tests.conftest import fuzz_cases, second_desk


def test_create_with_agenda(desk):
    desk.set_lines_to_take(desk.resolve_ref("2.1(c)"), "Welcome the stocktaking.")
    desk.set_lines_to_take(desk.resolve_ref("3.5(b)"), "Support the HLD.\nOffer experts.")
    created = desk.meetings.create("som", "29th ASEAN-EU SOM", date(2026, 3, 5), "Jakarta",
                                   "RESTRICTED", "1.1(a), 2.1c;3.5")
    assert created.change.meetings and not created.change.warnings
    m = desk.meetings.get(created.id)
    assert isinstance(m, MeetingDetail)
    assert (m.kind, m.title, m.date, m.venue, m.marking) == (
        "SOM", "29th ASEAN-EU SOM", date(2026, 3, 5), "Jakarta", "RESTRICTED")
    assert [i.ref for i in m.items] == ["1.1(a)", "2.1(c)", "3.5"]
    assert [i.position for i in m.items] == [0, 1, 2]
    first, second, section = m.items
    assert not first.is_section and first.text.startswith("Convene biennial ASEAN-EU")
    assert first.title.startswith("Enhance strategic dialogue")
    assert second.points_to_make == "Welcome the stocktaking."
    assert section.is_section and section.section_number == "3.5"
    in_tree = next(sec for part in desk.plan_tree().parts for sec in part.sections
                   if sec.number == "3.5")
    assert [a.ref for a in section.actions] == [a.ref for a in in_tree.actions]
    assert [a.text for a in section.actions] == [a.text for a in in_tree.actions]
    # every line keeps its reference (issue 21)
    assert section.points_to_make == "3.5(b): Support the HLD.\n3.5(b): Offer experts."
    assert section.text.splitlines()[1].startswith("b) Conduct ASEAN-EU High-Level Dialogue")
    assert desk.meetings.all()[0].item_count == 3


def test_edits_are_committed_at_once(desk):
    created = desk.meetings.create("JCC", "JCC 2026", refs="1.1(a)")
    item_id = desk.meetings.get(created.id).items[0].id
    change = desk.meetings.edit_item(item_id, objective="Agree the work plan.")
    assert change.meetings
    other = second_desk(desk)
    try:
        assert other.meetings.item(item_id).objective == "Agree the work plan."
    finally:
        other.close()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": "", "title": "T"}, "a meeting needs a kind"),
    ({"kind": "SOM", "title": "  "}, "a meeting needs a title"),
    ({"kind": "SOM", "title": "x" * 301}, "title is too long (301 characters; at most 300)"),
    ({"kind": "SOM", "title": "two\nlines"}, "title must be one line"),
    ({"kind": "SOM", "title": "T", "refs": "hello"}, "unknown reference 'hello'"),
])
def test_create_refuses_bad_input(desk, kwargs, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        desk.meetings.create(**kwargs)
    assert desk.meetings.all() == []


def test_unknown_refs_are_named_and_nothing_is_added(desk):
    meeting = desk.meetings.create("SOM", "T").id
    with pytest.raises(NotFoundError, match=r"no action line 9\.9\(z\) in this plan"):
        desk.meetings.add_items(meeting, "1.1(a),9.9(z)")
    with pytest.raises(NotFoundError, match=r"no section 4\.8 in this plan"):
        desk.meetings.add_items(meeting, "4.8")
    assert desk.meetings.get(meeting).items == ()
    with pytest.raises(NotFoundError, match="no meeting with id 999"):
        desk.meetings.get(999)
    with pytest.raises(InputError, match="no reference given"):
        desk.meetings.add_items(meeting, " , ")


def test_an_item_is_on_an_agenda_once(desk):
    meeting = desk.meetings.create("SOM", "T", refs="1.1(a),1.1a").id
    assert [i.ref for i in desk.meetings.get(meeting).items] == ["1.1(a)"]
    with pytest.raises(InputError, match=r"already on the agenda of this meeting: 1\.1\(a\)"):
        desk.meetings.add_items(meeting, "2.1(c),1.1(a)")
    assert len(desk.meetings.get(meeting).items) == 1


def test_add_at_position_move_remove_and_restore(desk):
    mm = desk.meetings
    meeting = mm.create("SOM", "T", refs="1.1(a),2.1(c),3.5").id
    added = mm.add_items(meeting, "4.1(a),5(a)", position=1)
    assert [i.ref for i in mm.get(meeting).items] == ["1.1(a)", "4.1(a)", "5(a)", "2.1(c)",
                                                      "3.5"]
    assert len(added.ids) == 2
    part_level = mm.item(added.ids[1])
    assert part_level.section_id is None and part_level.title == "Follow-up of the Plan of Action"
    mm.move_item(mm.find_item(meeting, "3.5"), 0)
    assert [i.ref for i in mm.get(meeting).items][:2] == ["3.5", "1.1(a)"]
    with pytest.raises(InputError, match=r"position 9 is outside the agenda \(1 to 5\)"):
        mm.move_item(mm.find_item(meeting, "3.5"), 8)
    view = mm.item(mm.find_item(meeting, "2.1(c)"))
    mm.edit_item(view.id, objective="Keep this")
    view = mm.item(view.id)
    mm.remove_item(view.id)
    items = mm.get(meeting).items
    assert "2.1(c)" not in [i.ref for i in items]
    assert [i.position for i in items] == list(range(4))
    mm.restore_item(view)
    back = mm.get(meeting).items[view.position]
    assert (back.ref, back.objective) == ("2.1(c)", "Keep this")
    with pytest.raises(NotFoundError, match=r"1\.2\(a\) is not on the agenda of meeting"):
        mm.find_item(meeting, "1.2(a)")


def test_reorder_takes_exactly_the_items(desk):
    mm = desk.meetings
    meeting = mm.create("SOM", "T", refs="1.1(a),2.1(c),3.5").id
    ids = [i.id for i in mm.get(meeting).items]
    mm.reorder(meeting, list(reversed(ids)))
    assert [i.ref for i in mm.get(meeting).items] == ["3.5", "2.1(c)", "1.1(a)"]
    with pytest.raises(InputError, match="every item of the agenda once"):
        mm.reorder(meeting, ids[:2])


@settings(max_examples=fuzz_cases(25), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=8))
def test_moves_behave_like_a_list(desk, moves):
    mm = desk.meetings
    meeting = mm.create("SOM", "moves", refs="1.1(a),1.2(a),1.3(a),1.4(a),1.5(a)").id
    model = [i.id for i in mm.get(meeting).items]
    try:
        for source, target in moves:
            item_id = model[source]
            mm.move_item(item_id, target)
            model.remove(item_id)
            model.insert(target, item_id)
        items = mm.get(meeting).items
        assert [i.id for i in items] == model
        assert [i.position for i in items] == list(range(5))
    finally:
        mm.delete(meeting)


def test_outcome_of_the_last_earlier_meeting_becomes_background(desk):
    mm = desk.meetings
    old = mm.create("SOM", "SOM 2025", date(2025, 3, 1), refs="2.1(c)").id
    mm.edit_item(mm.find_item(old, "2.1(c)"), outcome="Noted the JWG report.")
    som = mm.create("SOM", "SOM 2026", date(2026, 3, 5), refs="2.1(c),3.5").id
    mm.edit_item(mm.find_item(som, "2.1(c)"), outcome="Agreed to resume the JWG.")
    mm.edit_item(mm.find_item(som, "3.5"), outcome="Welcomed the HLD on climate.")
    later = mm.create("JCC", "JCC 2026", date(2026, 6, 1)).id
    mm.create("SOM", "SOM 2027", date(2027, 3, 1), refs="2.1(c)")  # later: never offered
    mm.add_items(later, "2.1(c),3.5(b),1.1(a)")
    items = {i.ref: i for i in mm.get(later).items}
    assert items["2.1(c)"].background == "Outcome of SOM, 5 March 2026: Agreed to resume the JWG."
    # an action line's last outcome may have been recorded on its whole section
    assert items["3.5(b)"].background == (
        "Outcome of SOM, 5 March 2026: Welcomed the HLD on climate.")
    assert items["1.1(a)"].background == ""
    assert mm.offered_background(items["2.1(c)"].id) == items["2.1(c)"].background


def test_edit_item_cleans_control_characters_and_says_so(desk):
    mm = desk.meetings
    meeting = mm.create("SOM", "T", refs="1.1(a)").id
    item = mm.find_item(meeting, "1.1(a)")
    change = mm.edit_item(item, points_to_make="Bell\x07 here\r\nnext", outcome="")
    assert change.warnings == ("points to make: removed control characters Word and Excel "
                               "reject",)
    assert mm.item(item).points_to_make == "Bell here\nnext"
    with pytest.raises(InputError, match="no field 'notes'"):
        mm.set_item_fields(item, {"notes": "x"})


def test_edit_meeting_keeps_what_is_not_given(desk):
    mm = desk.meetings
    meeting = mm.create("SOM", "T", date(2026, 3, 5), "Jakarta", "RESTRICTED").id
    mm.edit_meeting(meeting, title="New title", date=KEEP)
    m = mm.get(meeting)
    assert (m.title, m.date, m.venue, m.marking) == ("New title", date(2026, 3, 5),
                                                     "Jakarta", "RESTRICTED")
    mm.edit_meeting(meeting, date=None, marking="")
    m = mm.get(meeting)
    assert (m.date, m.marking, m.label) == (None, "", "SOM (New title)")


def test_meetings_are_listed_by_date_undated_last(desk):
    mm = desk.meetings
    undated = mm.create("AEMM", "Ministerial, date to be set").id
    later = mm.create("JCC", "Joint Cooperation Committee", date(2026, 9, 1)).id
    som = mm.create("SOM", "Senior Officials' Meeting", date(2026, 3, 5)).id
    assert [m.id for m in mm.all()] == [som, later, undated]
    mm.edit_meeting(undated, date=date(2026, 1, 20))
    assert [m.id for m in mm.all()] == [undated, som, later]
    mm.delete(undated)
    with pytest.raises(NotFoundError, match=f"no meeting with id {undated}"):
        mm.get(undated)


def test_delete_and_restore(desk):
    mm = desk.meetings
    meeting = mm.create("AEMM", "AEMM 2026", date(2026, 8, 1), refs="1.1(a),3.5").id
    mm.edit_item(mm.find_item(meeting, "3.5"), defensive_points="Hold the line.")
    snapshot = mm.get(meeting)
    assert mm.delete(meeting).meetings
    assert mm.all() == []
    restored = mm.get(mm.restore(snapshot).id)
    assert [i.ref for i in restored.items] == ["1.1(a)", "3.5"]
    assert restored.items[1].defensive_points == "Hold the line."


def test_parse_date_and_split_refs():
    assert parse_date("2026-03-05") == date(2026, 3, 5)
    assert parse_date(" ") is None
    for bad in ("05/03/2026", "2026-02-30", "tomorrow"):
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            parse_date(bad)
    assert split_refs("1.1(a), 2.1(c);3.5\n\n") == ["1.1(a)", "2.1(c)", "3.5"]
    assert split_refs(["1.1(a)", " "]) == ["1.1(a)"]


def test_json_backup_keeps_meetings_of_the_same_kind_title_and_date(desk, other_desk):
    from app.interchange.json_backup import export_state, import_state

    mm = desk.meetings
    mm.create("SOM", "Preparatory meeting", None, refs="1.1(a)")
    mm.create("SOM", "Preparatory meeting", None, refs="2.1")
    data = export_state(desk)
    for _ in range(2):  # importing the same file twice doubles nothing
        import_state(other_desk, data)
        agendas = [[i.ref for i in other_desk.meetings.get(m.id).items]
                   for m in other_desk.meetings.all()]
        assert agendas == [["1.1(a)"], ["2.1"]]


def test_a_deleted_meeting_comes_back_with_its_free_items_titles_and_top_page(desk):
    mm = desk.meetings
    meeting = mm.create("SOM", "29th SOM", date(2026, 3, 5), refs="3.5",
                        purpose="Stocktaking.", drafter="Desk", reference="REF/1").id
    mm.add_free_item(meeting, "Any other business")
    mm.edit_item(mm.find_item(meeting, "3.5"), title="Environment", quoted_lines="a,c")
    before = mm.get(meeting)
    mm.delete(meeting)
    (gone,) = desk.deleted_meetings()
    back = mm.get(desk.restore_meeting(gone.id).id)
    assert back.extra() == before.extra() and back.purpose == "Stocktaking."
    assert [(i.ref, i.own_title, i.quoted_lines) for i in back.items] == [
        ("3.5", "Environment", "a,c"), ("", "Any other business", "")]
    history = [h.field for h in desk.history() if h.kind == "agenda_item"]
    assert "title" in history or "created" in history


def test_a_meeting_undeleted_is_no_longer_listed_as_deleted(desk):
    """Issue 19: a meeting deleted then brought back by undo (`restore` of its snapshot) was
    still listed under Deleted Meetings, and restoring it from there made a second copy."""
    mm = desk.meetings
    meeting = mm.create("SOM", "29th SOM", date(2026, 3, 5), refs="3.5").id
    other = mm.create("JCC", "25th JCC", date(2026, 4, 1)).id
    mm.delete(other)  # deleted and left deleted: still listed
    snapshot = mm.get(meeting)
    mm.delete(meeting)
    som, jcc = "SOM, 2026-03-05: 29th SOM", "JCC, 2026-04-01: 25th JCC"
    assert [h.label for h in desk.deleted_meetings()] == [som, jcc]
    back = mm.restore(snapshot)  # the undo of the delete
    assert [h.label for h in desk.deleted_meetings()] == [jcc]
    assert [m.id for m in mm.all()] == [back.id]
    mm.delete(back.id)  # deleted again: listed once, and restored once
    (again, _jcc) = desk.deleted_meetings()
    assert again.label == som
    desk.restore_meeting(again.id)
    assert [m.title for m in mm.all()] == ["29th SOM"]
    assert [h.label for h in desk.deleted_meetings()] == [jcc]


def test_free_text_items_need_a_title_and_are_found_by_it(desk):
    mm = desk.meetings
    meeting = mm.create("SOM", "SOM", refs="1.1(a)").id
    with pytest.raises(InputError, match="needs a title"):
        mm.add_free_item(meeting, "  ")
    aob = mm.add_free_item(meeting, "Any other business").id
    with pytest.raises(InputError, match="already on the agenda"):
        mm.add_free_item(meeting, "any other business")
    assert mm.find_item(meeting, "Any other business") == aob == mm.find_item(meeting, "#2")
    with pytest.raises(NotFoundError, match="no item #3"):
        mm.find_item(meeting, "#3")
    with pytest.raises(InputError, match="always quoted in full"):
        mm.edit_item(mm.find_item(meeting, "1.1(a)"), quoted_lines="a")
    assert mm.offered_background(aob) == ""
