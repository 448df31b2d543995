"""The focal-point register, assignments at both levels, coverage, gaps, hand-over, undo."""

from __future__ import annotations

import pytest

from app.errors import InputError, NotFoundError
from app.focal.values import FocalPointFields
from app.service import Desk


def person(name: str, country: str, **kw: str) -> FocalPointFields:
    return FocalPointFields(name, country, **kw)


@pytest.fixture
def focal(desk):
    return desk.focal


def section_action_ids(desk: Desk, number: str) -> set[int]:
    for part in desk.plan_tree().parts:
        for sec in part.sections:
            if sec.number == number:
                return {a.id for a in sec.actions}
    raise AssertionError(number)


# -- the register -----------------------------------------------------------------------------

def test_add_accepts_country_code_or_name_without_case(focal):
    a = focal.add(person("Nguyen Van A", "viet nam", email="a@mofa.gov.vn",
                         organisation="Ministry of Foreign Affairs", title="Deputy DG"))
    b = focal.add(person("Anna Schmidt", "de", email="anna.schmidt@auswaertiges-amt.de"))
    c = focal.add(person("ASEC desk", "ASEAN Secretariat"))
    assert [focal.get(x.id).country_code for x in (a, b, c)] == ["VN", "DE", "ASEC"]
    info = focal.get(a.id)
    assert (info.name, info.title, info.organisation, info.country_name, info.active) == (
        "Nguyen Van A", "Deputy DG", "Ministry of Foreign Affairs", "Viet Nam", True)
    assert info.updated_at is not None and info.assignment_count == 0
    assert a.change.focal_points


def test_people_filters_and_order(focal):
    focal.add(person("Zainal", "MY", organisation="Wisma Putra", notes="covers maritime"))
    focal.add(person("Ahmad", "MY", organisation="MITI"))
    focal.add(person("Budi", "ID", organisation="Kemlu", email="budi@kemlu.go.id"))
    gone = focal.add(person("Old Hand", "ID", organisation="Kemlu"))
    focal.deactivate(gone.id)
    # reference order (ID before MY), then name; inactive ones listed too by default
    assert [p.name for p in focal.people()] == ["Budi", "Old Hand", "Ahmad", "Zainal"]
    assert [p.name for p in focal.people(active=True)] == ["Budi", "Ahmad", "Zainal"]
    assert [p.name for p in focal.people(country="malaysia")] == ["Ahmad", "Zainal"]
    assert [p.name for p in focal.people(organisation="kem")] == ["Budi", "Old Hand"]
    assert [p.name for p in focal.people(text="MARITIME")] == ["Zainal"]
    assert [p.name for p in focal.people(text="budi kemlu.go")] == ["Budi"]
    with pytest.raises(InputError, match="unknown country 'Narnia'"):
        focal.people(country="Narnia")


def test_find_by_id_email_or_name(focal):
    a = focal.add(person("Budi Santoso", "ID", email="Budi@Kemlu.go.id"))
    assert focal.find(str(a.id)).id == a.id
    assert focal.find("budi@kemlu.GO.ID").id == a.id
    assert focal.find("budi  santoso").id == a.id
    with pytest.raises(NotFoundError, match="no focal point 'nobody@x.org'"):
        focal.find("nobody@x.org")


@pytest.mark.parametrize(("fields", "message"), [
    (person("X", "Vietnam"), r"unknown country 'Vietnam' \(did you mean Viet Nam \(VN\)\?\)"),
    (person("X", "Atlantis"), r"unknown country 'Atlantis' \(use a code like VN"),
    (person("X", "VN", email="x@"), r"malformed email 'x@'"),
    (person("X", "VN", email="x at mofa.gov.vn"), r"malformed email 'x at mofa.gov.vn'"),
    (person("  ", "VN"), r"the name is missing"),
    (person("X" * 201, "VN"), r"name is too long \(201 characters; at most 200\)"),
])
def test_validation_messages(focal, fields, message):
    with pytest.raises(InputError, match=message):
        focal.add(fields)
    assert focal.people() == []


def test_duplicates_are_refused(focal):
    a = focal.add(person("Nguyen Van A", "VN", email="a@mofa.gov.vn"))
    with pytest.raises(InputError, match=r"duplicate focal point: Nguyen Van A \(VN, id \d+\) "
                                         r"already has the email a@mofa.gov.vn"):
        focal.add(person("Someone Else", "TH", email="A@MOFA.gov.vn"))
    with pytest.raises(InputError, match=r"duplicate focal point: Nguyen Van A \(VN\) is "
                                         r"already in the register"):
        focal.add(person("nguyen  van a", "viet nam"))
    # same name in another country is another person
    focal.add(person("Nguyen Van A", "KH"))
    # an inactive one is history: the name can be used again, but not reactivated beside it
    focal.deactivate(a.id)
    b = focal.add(person("Nguyen Van A", "VN", email="a@mofa.gov.vn"))
    with pytest.raises(InputError, match="duplicate focal point"):
        focal.reactivate(a.id)
    assert focal.get(b.id).active and not focal.get(a.id).active


def test_update_and_its_undo(focal):
    a = focal.add(person("Budi", "ID", title="Director", phone="+62 21 1234"))
    before = focal.get(a.id)
    change = focal.update(a.id, person("Budi Santoso", "Indonesia", title="Director-General",
                                       notes="line one\x0b\r\nline two"))
    after = focal.get(a.id)
    assert (after.name, after.title, after.phone, after.notes) == (
        "Budi Santoso", "Director-General", "", "line one\nline two")
    assert change.focal_points and change.warnings == (
        "notes: removed control characters Word and Excel reject",)
    focal.update(a.id, before.fields)  # the inverse call
    assert focal.get(a.id).fields == before.fields


def test_add_delete_restore_keeps_the_id(focal):
    a = focal.add(person("Budi", "ID", email="budi@kemlu.go.id"))
    info = focal.get(a.id)
    focal.delete(a.id)
    assert focal.people() == []
    focal.restore(info)
    again = focal.get(a.id)
    assert again.fields == info.fields and again.id == a.id


# -- assignments ------------------------------------------------------------------------------

def test_assignment_to_an_action_line(desk, focal):
    a = focal.add(person("Budi", "ID"))
    target = focal.resolve_target("1.3b")
    assert (target.ref, target.is_section, len(target.action_ids)) == ("1.3(b)", False, 1)
    created = focal.assign(a.id, target.target, "Co Lead")
    assert created.change.action_ids == target.action_ids and created.change.focal_points
    (aid,) = target.action_ids
    (shown,) = desk.action(aid).focal_points
    assert (shown.name, shown.role, shown.via_section, shown.country_code) == (
        "Budi", "co-lead", False, "ID")
    with pytest.raises(InputError, match=r"Budi is already assigned to 1.3\(b\) \(as co-lead\)"):
        focal.assign(a.id, target.target, "lead")


def test_assignment_to_a_whole_section_covers_every_line(desk, focal):
    a = focal.add(person("Anna", "DE"))
    target = focal.resolve_target("2.1")
    expected = section_action_ids(desk, "2.1")
    assert target.is_section and target.action_ids == expected and len(expected) == 10
    created = focal.assign(a.id, target.target, "support")
    assert created.change.action_ids == expected
    for aid in expected:
        (shown,) = desk.action(aid).focal_points
        assert shown.via_section and shown.role == "support"
    summary = {x.id: x for x in desk.plan_tree().all_actions()}
    assert all(summary[aid].countries == ("DE",) for aid in expected)
    (info,) = focal.assignments_of(a.id)
    assert (info.ref, info.title, info.is_section) == (
        "2.1", "Expand trade, business and investment", True)


def test_role_change_and_remove_are_undoable(focal):
    a = focal.add(person("Budi", "ID"))
    created = focal.assign(a.id, focal.resolve_target("2.2").target, "lead")
    focal.set_role(created.id, "contact")
    assert [x.role for x in focal.assignments_of(a.id)] == ["contact"]
    with pytest.raises(InputError, match=r"unknown role 'boss' \(use one of: lead, co-lead, "
                                         r"support, contact\)"):
        focal.set_role(created.id, "boss")
    removed = focal.remove_assignment(created.id)
    assert focal.assignments_of(a.id) == []
    assert len(removed.change.action_ids) == 5
    again = focal.restore_assignment(removed.assignment)
    assert again.id == created.id
    assert focal.assignments_of(a.id) == [removed.assignment]


@pytest.mark.parametrize(("typed", "message"), [
    ("9.9(z)", r"no action line 9.9\(z\) in this plan"),
    ("7.1", r"no section 7.1 in this plan"),
    ("hello", r"unknown reference 'hello'"),
    ("1", r"'1' is a part, not a section"),
])
def test_unknown_references(focal, typed, message):
    with pytest.raises(InputError, match=message):
        focal.resolve_target(typed)


# -- coverage and gaps ------------------------------------------------------------------------

def test_coverage_counts_section_and_line_assignments(desk, focal):
    vn = focal.add(person("Nguyen Van A", "VN"))
    vn2 = focal.add(person("Tran Thi B", "VN"))
    de = focal.add(person("Anna", "DE"))
    fr = focal.add(person("Marie", "FR"))
    asec = focal.add(person("ASEC desk", "ASEC"))
    t = focal.resolve_target
    focal.assign(vn.id, t("2.1").target)           # the whole section: 10 lines
    focal.assign(vn2.id, t("2.1(c)").target)       # already covered by VN: no double count
    focal.assign(vn2.id, t("1.3(b)").target)
    focal.assign(de.id, t("1.3(b)").target)
    focal.assign(fr.id, t("1.3(c)").target)
    focal.assign(asec.id, t("5(a)").target)
    m = focal.coverage()
    assert len(m.rows) == 30  # 29 sections + part 5's own action lines
    assert [r.label for r in m.rows][:3] == ["1.1", "1.2", "1.3"]
    part5 = m.rows[-1]
    assert (part5.label, part5.section_id, part5.total) == ("5", None, 4)
    assert [a.ref for a in part5.actions] == ["5(a)", "5(b)", "5(c)", "5(d)"]
    assert (m.row("2.1").count("VN"), m.row("2.1").total) == (10, 10)
    assert (m.row("1.3").count("VN"), m.row("1.3").count("DE"), m.row("1.3").total) == (1, 1, 13)
    assert m.row("1.3").count_any(m.codes("EU")) == 2  # 1.3(b) by DE, 1.3(c) by FR
    assert part5.count("ASEC") == 1 and part5.count("VN") == 0
    assert len(m.codes("ASEAN")) == 11 and len(m.codes("EU")) == 27
    assert m.codes("institution") == ("EU", "ASEC")
    # an inactive focal point no longer covers anything
    focal.deactivate(vn.id)
    assert focal.coverage().row("2.1").count("VN") == 1  # only 2.1(c), by Tran Thi B
    assert focal.coverage().row("1.3").count("VN") == 1


def test_gaps_count_section_assignments(focal):
    vn = focal.add(person("Nguyen Van A", "VN"))
    focal.assign(vn.id, focal.resolve_target("2.1").target)
    focal.assign(vn.id, focal.resolve_target("5b").target)
    focal.assign(vn.id, focal.resolve_target("1.1(a)").target)
    rows = focal.gaps("Viet Nam")
    labels = [row.label for row, _ in rows]
    assert "2.1" not in labels  # fully covered by the section assignment
    missing = [a.ref for _, actions in rows for a in actions]
    assert len(missing) == 165 - 10 - 1 - 1
    assert "1.1(a)" not in missing and "1.1(b)" in missing and "5(b)" not in missing
    ((row, actions),) = focal.gaps("VN", section="5")
    assert row.label == "5" and [a.ref for a in actions] == ["5(a)", "5(c)", "5(d)"]
    ((_, actions),) = focal.gaps("vn", section="1.1")
    assert [a.ref for a in actions] == ["1.1(b)", "1.1(c)"]
    assert focal.gaps("VN", section="2.1") == []
    # another country sees every line as a gap
    assert sum(len(a) for _, a in focal.gaps("TH")) == 165
    with pytest.raises(NotFoundError, match="no section '9.9'"):
        focal.gaps("VN", section="9.9")


# -- hand-over --------------------------------------------------------------------------------

def test_handover_to_a_new_successor_and_undo(desk, focal):
    old = focal.add(person("Nguyen Van A", "VN", email="asean-desk@mofa.gov.vn"))
    s21 = focal.assign(old.id, focal.resolve_target("2.1").target, "lead")
    l13 = focal.assign(old.id, focal.resolve_target("1.3(b)").target, "support")
    before = focal.coverage()
    # the successor takes over the office mailbox: allowed, the old one becomes history
    done = focal.handover(old.id, person("Tran Thi B", "VN", email="asean-desk@mofa.gov.vn"))
    assert done.successor_created and set(done.moved) == {s21.id, l13.id} and not done.dropped
    new = focal.get(done.successor_id)
    old_now = focal.get(old.id)
    assert (old_now.active, old_now.successor_id, old_now.assignment_count) == (
        False, new.id, 0)
    assert [(a.ref, a.role, a.id) for a in focal.assignments_of(new.id)] == [
        ("1.3(b)", "support", l13.id), ("2.1", "lead", s21.id)]
    assert focal.coverage() == before  # coverage is the same: same country, still covered
    assert len(done.change.action_ids) == 11
    focal.undo_handover(done)
    assert [p.name for p in focal.people()] == ["Nguyen Van A"]
    restored = focal.get(old.id)
    assert restored.active and restored.successor_id is None
    assert {a.id for a in focal.assignments_of(old.id)} == {s21.id, l13.id}
    # redo keeps the successor's id
    again = focal.handover(old.id, person("Tran Thi B", "VN"), new_id=done.successor_id)
    assert again.successor_id == done.successor_id


def test_handover_to_an_existing_successor_merges_overlaps(focal):
    old = focal.add(person("Anna", "DE"))
    heir = focal.add(person("Berta", "DE"))
    keep = focal.assign(heir.id, focal.resolve_target("2.1").target, "co-lead")
    overlap = focal.assign(old.id, focal.resolve_target("2.1").target, "lead")
    moved = focal.assign(old.id, focal.resolve_target("3.5(i)").target, "contact")
    done = focal.handover(old.id, heir.id)
    assert not done.successor_created and done.moved == (moved.id,)
    assert [a.id for a in done.dropped] == [overlap.id]
    assert [(a.ref, a.role) for a in focal.assignments_of(heir.id)] == [
        ("2.1", "co-lead"), ("3.5(i)", "contact")]
    assert keep.id in {a.id for a in focal.assignments_of(heir.id)}
    focal.undo_handover(done)
    assert [(a.ref, a.role, a.id) for a in focal.assignments_of(old.id)] == [
        ("2.1", "lead", overlap.id), ("3.5(i)", "contact", moved.id)]
    assert [a.ref for a in focal.assignments_of(heir.id)] == ["2.1"]
    assert focal.get(old.id).active


def test_handover_refusals_change_nothing(focal):
    old = focal.add(person("Anna", "DE", email="anna@diplo.de"))
    focal.assign(old.id, focal.resolve_target("2.1").target)
    gone = focal.add(person("Carl", "DE"))
    focal.deactivate(gone.id)
    with pytest.raises(InputError, match="the successor Carl is inactive"):
        focal.handover(old.id, gone.id)
    with pytest.raises(InputError, match="cannot hand over to itself"):
        focal.handover(old.id, old.id)
    with pytest.raises(InputError, match="unknown country"):
        focal.handover(old.id, person("Dora", "Germania"))
    assert focal.get(old.id).active and focal.get(old.id).assignment_count == 1
    assert len(focal.people()) == 2


def test_person_edits_name_the_action_lines_to_refresh(desk, focal):
    a = focal.add(person("Budi", "ID"))
    focal.assign(a.id, focal.resolve_target("1.2").target)
    change = focal.deactivate(a.id)
    assert change.action_ids == section_action_ids(desk, "1.2") and change.focal_points
    assert focal.reactivate(a.id).action_ids == change.action_ids
    with pytest.raises(InputError, match="Budi has 1 assignment"):
        focal.delete(a.id)
