"""What only PostgreSQL needs checking: the schema the migrations make there, the column
lengths it enforces, its id sequences, and its search (no FTS5) against SQLite's.

Everything else the gateway does is checked on PostgreSQL by the ordinary tests: their `desk`
runs on both databases (tests/conftest.py, tests/pg_schemas.py). These run when
POADESK_TEST_PG_URL is set (`.ci/run` starts a server and sets it), and are skipped otherwise;
in CI (CI=true) its absence is a failure, never a silent skip.
"""

from __future__ import annotations

import os

import pytest

from app.errors import InputError
from app.focal.values import FocalPointFields
from tests.conftest import engine_of, postgresql_skip_reason, raw_session
from tests.pg_schemas import PG_URL_VAR

IN_CI = os.environ.get("CI", "").lower() in ("true", "1")


def test_ci_runs_the_postgresql_tests():
    reason = postgresql_skip_reason()
    if reason and IN_CI:
        pytest.fail(f"CI is set but the PostgreSQL tests would be skipped ({reason}): .ci/run "
                    f"must start PostgreSQL and export {PG_URL_VAR}")
    if reason:
        pytest.skip(reason)


@pytest.fixture
def pg(pg_schemas):
    """A Desk on PostgreSQL only (a fresh schema: migrations, countries, the plan)."""
    from app.service import Desk

    desk = Desk(pg_schemas.engine(0))
    yield desk
    desk.close()


@pytest.fixture
def lite(db_path):
    """The same plan on SQLite, to compare answers with."""
    from app.service import Desk

    desk = Desk.open(db_path)
    yield desk
    desk.close()


# -- the schema ----------------------------------------------------------------------------------

def test_the_migrations_build_the_schema_without_the_sqlite_index(pg):
    from sqlalchemy import inspect

    from app.store.db import current_revision, head_revision

    assert engine_of(pg).dialect.name == "postgresql"
    assert current_revision(engine_of(pg)) == head_revision()
    with engine_of(pg).connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert {"plans", "parts", "sections", "action_lines", "tags", "action_tags", "acronyms",
            "countries", "focal_points", "assignments", "meetings", "agenda_items",
            "alembic_version"} <= tables
    assert not {t for t in tables if t.startswith("action_fts")}  # FTS5 is SQLite only


def test_the_longest_plan_texts_fit_their_columns(pg):
    from sqlalchemy import String, func, select

    from app.models import Acronym, ActionLine, Country, Part, Plan, Section

    with raw_session(pg) as s:
        for model in (Plan, Part, Section, ActionLine, Acronym, Country):
            for column in model.__table__.columns:
                if isinstance(column.type, String) and column.type.length:
                    longest = s.scalar(select(func.max(func.length(column))))
                    assert (longest or 0) <= column.type.length, column


def test_a_value_too_long_for_its_column_is_one_clear_line_and_changes_nothing(pg):
    aid = pg.resolve_ref("2.1(d)")
    with pytest.raises(InputError, match="too long") as caught:  # the gateway's own check
        pg.set_tags(aid, ["x" * 81])
    assert "\n" not in str(caught.value)
    # past the gateway, PostgreSQL itself enforces String(80) (SQLite does not): an input
    # error in one line, not a database error, and nothing is written
    from sqlalchemy import func, select

    from app.models import Tag

    refused = pytest.raises(InputError, match=r"refused by the database: .*too long")
    with refused as caught, raw_session(pg) as s:
        s.add(Tag(name="x" * 81))
    assert "\n" not in str(caught.value)
    with raw_session(pg) as s:
        assert s.scalar(select(func.count()).select_from(Tag)) == 0
    assert pg.action(aid).tags == ()


def test_rows_recreated_with_their_ids_leave_the_sequence_usable(pg):
    """Undo/redo re-create rows with explicit ids: PostgreSQL's id sequence must move on."""
    f = pg.focal
    first = f.add(FocalPointFields("Ana Cruz", "PH"))
    info = f.get(first.id)
    f.delete(first.id)
    f.restore(info)
    assert f.get(first.id).name == "Ana Cruz"
    ahead = f.add(FocalPointFields("Ben Lim", "SG"), id=first.id + 1)  # the next id to be drawn
    assert ahead.id == first.id + 1
    after = f.add(FocalPointFields("Chai Wong", "TH"))  # no duplicate key
    assert after.id > ahead.id
    target = f.resolve_target("3.1(a)").target
    asg = f.assign(after.id, target)
    removed = f.remove_assignment(asg.id)
    ahead_asg = f.assign(ahead.id, target, id=asg.id + 1)
    assert f.restore_assignment(removed.assignment).id == asg.id
    assert f.assign(first.id, target).id > ahead_asg.id


# -- the same answers as on SQLite ---------------------------------------------------------------

def test_the_tree_is_the_one_sqlite_holds(pg, lite):
    tree = pg.plan_tree()
    assert len(tree.parts) == 5 and sum(len(p.sections) for p in tree.parts) == 29

    def shape(t):
        return [(p.number, p.title, [(s.number, s.title, [(a.ref, a.text) for a in s.actions])
                                     for s in p.sections], [(a.ref, a.text) for a in p.actions])
                for p in t.parts]

    assert shape(tree) == shape(lite.plan_tree())
    assert [(p.title, p.action_count) for p in pg.plans()] == [(tree.plan.title, 165)]
    aid = pg.resolve_ref("1.3 (B)")
    assert (pg.action(aid).text, pg.action(aid).breadcrumb) == (
        lite.action(lite.resolve_ref("1.3(b)")).text,
        lite.action(lite.resolve_ref("1.3(b)")).breadcrumb)


def test_search_finds_what_sqlites_full_text_index_finds(pg, lite):
    # no FTS5 on PostgreSQL: each word a case-insensitive match at the start of a word
    for query in ("maritime security", "Climate CHANGE", "cyber", "EU", "1.3", "capacity-build",
                  "ASEAN Regional Forum", "blue economy", "tvet", "2025", "secur"):
        assert pg.search_ids(query) == lite.search_ids(query), query
        assert {h.action_id for h in pg.search(query)} == lite.search_ids(query), query


def test_search_takes_no_wildcard(pg):
    aid = pg.resolve_ref("4.2(a)")
    pg.set_notes(aid, "Quokka briefing pending")
    assert pg.search_ids("quokka") == {aid}
    # a regular expression, not LIKE: '_' is no wildcard (SQLite's index drops the '_')
    assert pg.search_ids("quokka_") == set()


def test_acronyms_and_countries_are_the_ones_sqlite_has(pg, lite):
    acronyms = pg.acronyms()
    assert len(acronyms) > 100
    assert [(a.abbr, a.expansion) for a in acronyms] == [
        (a.abbr, a.expansion) for a in lite.acronyms()]
    assert ("ARF", "ASEAN Regional Forum") in {(a.abbr, a.expansion) for a in acronyms}
    assert [c.code for c in pg.countries()] == [c.code for c in lite.countries()]
