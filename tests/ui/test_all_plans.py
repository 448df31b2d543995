"""View > Plan > All Plans: several plans side by side in one tree (issue 22)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.ui.plan.plan_filter import FilterCriteria, PlanFilterProxy
from app.ui.plan.plan_tree_model import PLAN, PlanTreeModel
from app.ui.shell.plan_refs import REFS_MIME
from tests.ui.helpers import proxy_index, top_level_texts, visible_rows

SECOND = "Plan of Action: ASEAN-Korea 2011-15"


def add_second_plan(db_path: Path) -> int:
    """A copy of the plan as a second plan (its 2.1(a) mentions Zanzibar); its id."""
    con = sqlite3.connect(db_path)
    with con:
        plan = con.execute("INSERT INTO plans (title, preamble, source_name, position) "
                           "SELECT ?, preamble, 'korea.txt', 2 FROM plans WHERE id = 1",
                           (SECOND,)).lastrowid
        columns = "letter, ref, position, text, status, notes, notes_private, lines_to_take"
        for part_id, number, title, label in con.execute(
                "SELECT id, number, title, label FROM parts WHERE plan_id = 1").fetchall():
            part = con.execute("INSERT INTO parts (plan_id, number, title, label) "
                               "VALUES (?,?,?,?)", (plan, number, title, label)).lastrowid
            con.execute(f"INSERT INTO action_lines (plan_id, part_id, section_id, {columns}) "
                        f"SELECT ?, ?, NULL, {columns} FROM action_lines "
                        "WHERE part_id = ? AND section_id IS NULL", (plan, part, part_id))
            for sid, snum, stitle, spos in con.execute(
                    "SELECT id, number, title, position FROM sections WHERE part_id = ?",
                    (part_id,)).fetchall():
                section = con.execute("INSERT INTO sections (part_id, number, title, position) "
                                      "VALUES (?,?,?,?)", (part, snum, stitle, spos)).lastrowid
                con.execute(f"INSERT INTO action_lines (plan_id, part_id, section_id, {columns}) "
                            f"SELECT ?, ?, ?, {columns} FROM action_lines WHERE section_id = ?",
                            (plan, part, section, sid))
        con.execute("UPDATE action_lines SET text = text || ' (as agreed in Zanzibar)' "
                    "WHERE plan_id = ? AND ref = '2.1(a)'", (plan,))
    con.close()
    return int(plan)


@pytest.fixture
def two_plans(db_path: Path, open_window):
    second = add_second_plan(db_path)
    window = open_window()
    all_plans = window.plans_menu.actions()[-1]
    assert all_plans.text() == "All Plans (330)" and window.plans_menu.isEnabled()
    all_plans.trigger()
    return window, second


def test_each_plan_is_a_top_level_row_and_search_runs_across_them(qtbot, two_plans):
    window, second = two_plans
    first_title = window.desk.plans()[0].title
    assert top_level_texts(window) == [first_title, SECOND]
    assert window.windowTitle().startswith("All 2 plans — ")
    assert window.filters.count.text() == "330 of 330 action lines"
    assert [a.isChecked() for a in window.plans_menu.actions()] == [False, False, False, True]

    window.filters.search.setText("zanzibar")  # only in the second plan
    rows = visible_rows(window)
    assert rows[:3] == [SECOND, "2. Economic Cooperation", rows[2]]
    assert rows[2].startswith("2.1  ") and rows[3].startswith("2.1(a)  ")
    assert len(rows) == 4 and window.filters.count.text() == "1 of 330 action lines"

    window.filters.search.setText("1.3b")  # a reference: that line in each plan
    assert window.filters.count.text() == "2 of 330 action lines"
    assert [r.split()[0] for r in visible_rows(window) if r.startswith("1.3(b)")] == [
        "1.3(b)", "1.3(b)"]
    assert window.browser.current_key in ("a1.3(b)@1", f"a1.3(b)@{second}")

    window.filters.search.setText("cybersecurity")
    found = window.desk.search_ids("cybersecurity", 1)
    assert window.filters.count.text() == f"{2 * len(found)} of 330 action lines"
    window.filters.search.setText("")
    assert window.filters.count.text() == "330 of 330 action lines"
    assert len(visible_rows(window)) == 2 + 2 * 199  # both plans opened, as on the first run


def test_a_line_names_its_plan_and_the_other_parts_work_on_it(qtbot, two_plans):
    window, second = two_plans
    window.show_row("a2.1(a)", second)  # what Show in Plan and the like do: no plan switch
    assert window.model.several
    assert window.browser.current_key == f"a2.1(a)@{second}"
    assert window.plan_id == second
    assert window.detail.ref_label.text() == "2.1(a)"
    assert window.detail.breadcrumb.text().startswith(f"{SECOND} › ")
    assert "Zanzibar" in window.detail.detail.text
    window.select_key(f"P{second}")  # the plan's own row: its summary
    assert window.detail.summary.heading.text() == SECOND
    assert window.detail.summary.counts()["not_assessed"] == 165

    window.tree.selectAll()  # dragged to an agenda: one plan's references
    rows = [proxy_index(window, key) for key in ("a1.3(b)@1", f"a1.3(c)@{second}",
                                                 "a1.3(d)@1")]
    data = json.loads(bytes(window.proxy.mimeData(rows).data(REFS_MIME)).decode())
    assert data == {"plan": 1, "refs": ["1.3(b)", "1.3(d)"]}


def test_choosing_one_plan_shows_it_alone_again(qtbot, two_plans):
    window, second = two_plans
    plan_actions = [a for a in window.plans_menu.actions() if a.text().startswith(SECOND)]
    plan_actions[0].trigger()
    assert not window.model.several and window.plan_id == second
    assert window.filters.count.text() == "165 of 165 action lines"
    assert top_level_texts(window)[0] == "1. Political and Security Cooperation"
    assert SECOND in window.windowTitle()
    window.filters.search.setText("zanzibar")
    assert window.filters.count.text() == "1 of 165 action lines"


def test_the_model_keys_rows_by_plan(desk, qapp, qtmodeltester):
    first = desk.plan_tree()
    other = type(first)(type(first.plan)(99, "Another plan", "x.txt", 165), first.parts)
    model = PlanTreeModel()
    model.set_trees([first, other])
    qtmodeltester.check(model)
    assert model.several and model.tree is None and model.action_count() == 165
    assert [model.index(r, 0).data() for r in range(2)] == [first.plan.title, "Another plan"]
    node = model.node_for_key("s1.3@99")
    assert node is not None and model.plan_of(node) == 99
    assert model.node_for_key("P99").kind == PLAN
    assert model.index(1, 1).data() == "0/165"
    proxy = PlanFilterProxy(model)
    proxy.set_criteria(FilterCriteria(frozenset(desk.search_ids("maritime"))))
    qtmodeltester.check(proxy)
    model.set_tree(first)
    assert not model.several and model.plan_of(model.node_for_key("s1.3")) == first.plan.id
