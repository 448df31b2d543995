"""The plan tree in plain SQL (app.store.tree_query), read over a standard-library sqlite3
connection as the window's fast start does, is the tree `Desk.plan_tree()` hands out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.errors import NotFoundError
from app.focal.values import FocalPointFields
from app.interchange.plan_text import import_plan
from app.store.tree_query import read_coverage, read_plan_tree

pytestmark = pytest.mark.sqlite_only  # the fast start's plain SQL over sqlite3

DATA = Path(__file__).parent / "data"


@pytest.fixture
def busy_desk(desk):
    """The plan with what the tree shows beside the text: status, notes, tags, focal points
    (on a line, on a whole section, an inactive one), and a second plan."""
    focal = desk.focal
    vn = focal.add(FocalPointFields("Nguyen Van A", "VN"))
    vn2 = focal.add(FocalPointFields("Tran Thi B", "VN"))
    de = focal.add(FocalPointFields("Anna", "DE"))
    gone = focal.add(FocalPointFields("Old Hand", "FR"))
    target = focal.resolve_target
    focal.assign(vn.id, target("2.1").target)  # a whole section
    focal.assign(vn2.id, target("2.1(c)").target)  # covered twice by VN: counted once
    focal.assign(de.id, target("1.3(b)").target)
    focal.assign(gone.id, target("1.3(b)").target)
    focal.assign(gone.id, target("3.2").target)
    focal.deactivate(gone.id)  # covers nothing any more
    desk.set_tags(desk.resolve_ref("1.1(a)"), ["zeta", "Alpha", "SOM 2026"])
    desk.set_tags(desk.resolve_ref("5(b)"), ["trade"])
    desk.set_notes(desk.resolve_ref("1.1(b)"), "a note")
    desk.set_status(desk.resolve_ref("1.1(b)"), "Achieved")
    import_plan(desk, DATA / "mini-plan.txt")
    return desk


def test_read_over_sqlite3_is_the_desk_tree(busy_desk, db_path):
    second = busy_desk.plans()[1].id
    conn = sqlite3.connect(db_path)
    try:
        for plan_id in (None, busy_desk.default_plan_id(), second):
            assert read_plan_tree(conn, plan_id) == busy_desk.plan_tree(plan_id)
    finally:
        conn.close()
    tree = busy_desk.plan_tree()
    by_ref = {a.ref: a for a in tree.all_actions()}
    assert (by_ref["1.3(b)"].countries, by_ref["2.1(c)"].countries) == (("DE",), ("VN",))
    assert sum(a.coverage for a in tree.all_actions()) == 11  # 10 lines of 2.1, and 1.3(b)
    assert not by_ref["3.2(a)"].countries  # only the inactive focal point is there
    assert by_ref["1.1(a)"].tags == ("Alpha", "SOM 2026", "zeta")
    assert by_ref["1.1(b)"].has_notes and by_ref["1.1(b)"].status == "achieved"
    assert tree.plan.action_count == 165 and busy_desk.plan_tree(second).plan.action_count == 6


def test_coverage_is_the_one_the_focal_register_uses(busy_desk, db_path):
    matrix = busy_desk.focal.coverage()
    conn = sqlite3.connect(db_path)
    try:
        covered = read_coverage(conn, busy_desk.default_plan_id())
    finally:
        conn.close()
    assert matrix.row("2.1").count("VN") == 10
    assert sum(len(codes) for codes in covered.values()) == 11


def test_unknown_plans_and_ids_that_are_not_integers(db_path, tmp_path):
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(NotFoundError, match="no plan with id 9999"):
            read_plan_tree(conn, 9999)
        for bad in ("1 OR 1=1", True, 1.0):
            with pytest.raises(TypeError):
                read_plan_tree(conn, bad)  # type: ignore[arg-type]
    finally:
        conn.close()
    empty = sqlite3.connect(tmp_path / "empty.db")
    try:
        empty.execute("CREATE TABLE plans (id INTEGER PRIMARY KEY, title TEXT, "
                      "source_name TEXT, position INTEGER)")
        with pytest.raises(NotFoundError, match="holds no plan"):
            read_plan_tree(empty)
    finally:
        empty.close()
