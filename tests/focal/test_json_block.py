"""The "focal_points" block of the JSON export: the register and assignments, all or nothing."""

from __future__ import annotations

import copy

import pytest

from app.errors import ImportRefused, InputError
from app.focal.values import FocalPointFields
from app.interchange.json_backup import export_state, import_state
from app.service import Desk
from tests.focal.test_xlsx import state

PLAN = "Plan of Action to Implement the ASEAN-EU Strategic Partnership (2023-2027)"


@pytest.fixture
def filled(desk):
    f = desk.focal
    a = f.add(FocalPointFields("Nguyen Van A", "VN", email="desk@mofa.gov.vn", title="DDG"))
    f.assign(a.id, f.resolve_target("2.1").target, "lead")
    f.assign(a.id, f.resolve_target("1.3(b)").target, "support")
    done = f.handover(a.id, FocalPointFields("Tran Thi B", "VN", email="desk@mofa.gov.vn"))
    anna = f.add(FocalPointFields("Anna Schmidt", "DE", phone="+49 30 1"))
    f.assign(anna.id, f.resolve_target("5(c)").target, "contact")
    return desk, a.id, done.successor_id, anna.id


def export(desk: Desk) -> dict:
    return export_state(desk)


def test_export_block_names_plans_refs_and_sections(filled):
    desk, old, new, anna = filled
    block = export(desk)["focal_points"]
    people = {p["id"]: p for p in block["people"]}
    assert people[old] == {
        "id": old, "name": "Nguyen Van A", "title": "DDG", "organisation": "",
        "country": "VN", "email": "desk@mofa.gov.vn", "phone": "", "notes": "",
        "active": False, "successor": new, "updated_at": people[old]["updated_at"]}
    assert people[new]["active"] and people[new]["successor"] is None
    assert [p["name"] for p in block["people"]] == ["Nguyen Van A", "Tran Thi B",
                                                     "Anna Schmidt"]
    assert block["assignments"] == [
        {"person": new, "plan": PLAN, "ref": "1.3(b)", "role": "support"},
        {"person": new, "plan": PLAN, "section": "2.1", "role": "lead"},
        {"person": anna, "plan": PLAN, "ref": "5(c)", "role": "contact"},
    ]


def test_import_restores_register_assignments_and_successors(filled, other_desk):
    desk = filled[0]
    data = export(desk)
    import_state(other_desk, data)
    assert state(other_desk) == state(desk)
    old = next(p for p in other_desk.focal.people() if p.name == "Nguyen Van A")
    assert old.successor_id == other_desk.focal.find("Tran Thi B").id and not old.active
    assert other_desk.focal.coverage().row("2.1").count("VN") == 10
    # importing the same file again finds everyone: nothing doubles
    import_state(other_desk, data)
    assert state(other_desk) == state(desk)


def test_import_updates_matched_people(filled):
    desk, _old, new, anna = filled
    data = export(desk)
    block = data["focal_points"]
    for p in block["people"]:
        if p["id"] == anna:
            p["phone"] = ""  # JSON is complete: an empty field clears it
            p["title"] = "Head of Unit"
    block["assignments"].append({"person": anna, "plan": PLAN, "section": "3.5",
                                 "role": "co-lead"})
    block["assignments"][0]["role"] = "lead"  # Tran Thi B on 1.3(b): support -> lead
    import_state(desk, data)
    info = desk.focal.find("Anna Schmidt")
    assert (info.title, info.phone) == ("Head of Unit", "")
    assert [(a.ref, a.role) for a in desk.focal.assignments_of(anna)] == [
        ("3.5", "co-lead"), ("5(c)", "contact")]
    assert [(a.ref, a.role) for a in desk.focal.assignments_of(new)][0] == ("1.3(b)", "lead")


def test_a_bad_block_is_refused_whole(filled):
    desk, _old, new, anna = filled
    before = state(desk)
    data = export(desk)
    good = copy.deepcopy(data)
    block = data["focal_points"]
    block["people"].append({"id": 99, "name": "Pham", "country": "Vietnam"})
    block["people"].append({"id": 98, "name": "Le", "country": "KH", "email": "le@"})
    block["assignments"] += [
        {"person": anna, "plan": PLAN, "ref": "9.9(z)", "role": "lead"},
        {"person": anna, "plan": PLAN, "ref": "2.2(a)", "role": "boss"},
        {"person": anna, "plan": "Another plan", "ref": "2.2(a)"},
        {"person": 12345, "plan": PLAN, "ref": "2.2(a)"},
        {"person": new, "plan": PLAN, "section": "2.2(a)"},
    ]
    # the action-line part of the same file would change a status: that is undone too
    data["plans"][0]["parts"][0]["sections"][0]["actions"][0]["status"] = "Achieved"
    with pytest.raises(ImportRefused) as caught:
        import_state(desk, data)
    assert caught.value.problems == (
        "focal_points > people 4: unknown country 'Vietnam' (did you mean Viet Nam (VN)?)",
        "focal_points > people 5: malformed email 'le@' (expected name@domain.org)",
        "focal_points > assignments 4: unknown reference '9.9(z)': no action line 9.9(z) in "
        "this plan",
        "focal_points > assignments 5: unknown role 'boss' (use one of: lead, co-lead, "
        "support, contact)",
        "focal_points > assignments 6: unknown plan 'Another plan'",
        "focal_points > assignments 7: \"person\" 12345 is not a person's \"id\"",
        "focal_points > assignments 8: '2.2(a)' is not a section",
    )
    assert state(desk) == before
    assert desk.action(desk.resolve_ref("1.1(a)")).status == "not_assessed"
    import_state(desk, good)  # the untouched export still imports cleanly
    assert state(desk) == before


def test_block_must_be_an_object(desk):
    data = export(desk)
    data["focal_points"] = ["not", "an", "object"]
    with pytest.raises(InputError, match="\"focal_points\" must be an object"):
        import_state(desk, data)


def test_ids_that_are_not_numbers_or_text_are_named_not_a_crash(desk):
    data = export(desk)
    data["focal_points"] = {
        "people": [{"id": [1], "name": "Pham", "country": "VN"},
                   {"id": 2, "name": "Le", "country": "KH", "successor": {"id": 1}}],
        "assignments": [{"person": [2], "plan": PLAN, "ref": "2.2(a)"}],
    }
    with pytest.raises(ImportRefused) as caught:
        import_state(desk, data)
    assert caught.value.problems == (
        "focal_points > people 1: \"id\" must be a number or text, not [1]",
        "focal_points > people 2: \"successor\" must be a number or text, not {'id': 1}",
        "focal_points > assignments 1: \"person\" [2] is not a person's \"id\"",
    )
    assert desk.focal.people() == []


def test_a_restored_backup_keeps_when_each_focal_point_was_updated(filled, other_desk):
    desk = filled[0]
    data = export(desk)
    data["focal_points"]["people"][0]["updated_at"] = "2024-05-06T07:08:09Z"
    import_state(other_desk, data)
    again = export(other_desk)

    def stamps(d: dict) -> list[tuple[str, str]]:
        return [(p["name"], p["updated_at"]) for p in d["focal_points"]["people"]]

    assert stamps(again) == stamps(data)
    assert again["focal_points"]["people"][0]["updated_at"] == "2024-05-06T07:08:09Z"
    bad = copy.deepcopy(data)
    bad["focal_points"]["people"][1]["updated_at"] = "yesterday"
    with pytest.raises(ImportRefused, match="\"updated_at\" is not a date and time: "
                                            "'yesterday'"):
        import_state(desk, bad)


def successors(desk: Desk) -> dict[str, str | None]:
    names = {p.id: p.name for p in desk.focal.people()}
    return {p.name: names.get(p.successor_id) if p.successor_id else None
            for p in desk.focal.people()}


@pytest.mark.parametrize(("links", "problem"), [
    ({"c": "c"}, "focal_points > people 1: Pham Van C (VN) is given as their own successor"),
    ({"c": "d", "d": "c"}, "focal_points > people 1: successors go round in a circle: "
                           "Pham Van C (VN) -> Le Thi D (KH) -> Pham Van C (VN)"),
    ({"d": "e", "e": "c", "c": "d"}, "focal_points > people 1: successors go round in a "
                                     "circle: Pham Van C (VN) -> Le Thi D (KH) -> "
                                     "Anna Schmidt (DE) -> Pham Van C (VN)"),
])
def test_successor_cycles_are_refused_whole(filled, links, problem):
    desk = filled[0]  # Anna Schmidt (e here) is in the register, the others are new
    before, chain = state(desk), successors(desk)
    data = export(desk)
    people = [{"id": "c", "name": "Pham Van C", "country": "VN"},
              {"id": "d", "name": "Le Thi D", "country": "KH"},
              {"id": "e", "name": "Anna Schmidt", "country": "DE"}]
    for p in people:
        p["successor"] = links.get(p["id"])
    data["focal_points"] = {"people": people, "assignments": []}
    with pytest.raises(ImportRefused) as caught:
        import_state(desk, data)
    assert caught.value.problems == (problem,)
    assert "nothing was imported" in str(caught.value)
    assert (state(desk), successors(desk)) == (before, chain)
    people[0]["successor"] = None  # no cycle left: the same file imports
    import_state(desk, data)
    assert successors(desk)["Pham Van C"] is None


def test_a_cycle_through_the_registers_successors_is_refused(filled):
    desk, old, new, _anna = filled  # in the register: Nguyen Van A -> Tran Thi B
    before, chain = state(desk), successors(desk)
    data = export(desk)
    people = data["focal_points"]["people"]
    for p in people:
        p["successor"] = old if p["id"] == new else None  # B -> A; A's is left out
    with pytest.raises(ImportRefused) as caught:
        import_state(desk, data)
    assert caught.value.problems == (
        "focal_points > people 2: successors go round in a circle: Tran Thi B (VN) -> "
        "Nguyen Van A (VN) -> Tran Thi B (VN)",)
    assert (state(desk), successors(desk)) == (before, chain)
