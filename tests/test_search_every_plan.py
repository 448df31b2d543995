"""Desk.search_ids(every_plan=True): the window's search with all plans shown (issue 22)."""

from __future__ import annotations

from app.interchange.plan_text import import_plan
from tests.conftest import DATA


def test_every_plan_finds_the_lines_of_each_plan_in_one_query(desk):
    mini = import_plan(desk, DATA / "mini-plan.txt")
    first = desk.default_plan_id()
    for query in ("cyber", "ocean forum", "1.1b", "trade", "nothing-like-it"):
        each = desk.search_ids(query, first) | desk.search_ids(query, mini.id)
        assert desk.search_ids(query, every_plan=True) == each, query
    assert desk.search_ids("cyber", mini.id)  # the two plans both have such lines
    assert desk.search_ids("cyber", first)


def test_a_private_note_is_never_found_in_any_plan(desk):
    mini = import_plan(desk, DATA / "mini-plan.txt")
    [line] = desk.resolve("2.1(a)", mini.id).action_ids
    desk.update_action(line, notes="Zanzibar contact", notes_private=True)
    assert desk.search_ids("zanzibar", every_plan=True) == set()
    desk.update_action(line, notes_private=False)
    assert desk.search_ids("zanzibar", every_plan=True) == {line}
