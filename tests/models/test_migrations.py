"""The migrations and the ORM models agree, and a database upgrades in place."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.models import Base
from app.store.db import (
    current_revision,
    head_revision,
    include_object,
    make_engine,
    open_database,
    upgrade,
)

# SQLite files and FTS5 (the schema on PostgreSQL: test_postgresql_specific.py).
pytestmark = pytest.mark.sqlite_only


def test_models_match_the_migrations(tmp_path):
    engine = make_engine(tmp_path / "m.db")
    upgrade(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object,
                                                     "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == [], "models changed without a migration: add one in app/migrations/versions"


def test_fts_index_is_created_with_the_schema(tmp_path):
    engine = make_engine(tmp_path / "f.db")
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(tmp_path / "f.db") as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"action_fts", "action_fts_ai", "action_fts_ad", "action_fts_au"} <= names


def test_old_database_is_upgraded_in_place_with_a_backup(db_path, monkeypatch):
    """Pretend a newer release added a migration: opening runs it and keeps a copy first."""
    import app.store.db as db

    real_head = head_revision()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE action_lines SET notes = 'kept' WHERE ref = '1.1(a)'")
    monkeypatch.setattr(db, "head_revision", lambda: "next-release")
    ran = []
    monkeypatch.setattr(db, "upgrade", lambda engine: ran.append(current_revision(engine)))
    engine = open_database(db_path)
    engine.dispose()
    assert ran == [real_head]
    backup = db_path.with_name(f"{db_path.name}.before-next-release.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute(
            "SELECT notes FROM action_lines WHERE ref = '1.1(a)'").fetchone() == ("kept",)


def test_0004_keeps_meetings_and_agendas_and_adds_the_brief_fields(tmp_path):
    """A database at 0003 with a meeting upgrades: its items stay, the new fields are empty,
    free-text items are allowed, and 0004 can be undone."""
    from alembic import command

    from app.store.db import _alembic_config

    engine = make_engine(tmp_path / "old.db")
    config = _alembic_config(engine)
    command.upgrade(config, "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO meetings (id, kind, title, venue, marking) "
                             "VALUES (1, 'SOM', 'Old SOM', '', '')")
        conn.exec_driver_sql("INSERT INTO plans (id, title, preamble, source_name, position) "
                             "VALUES (1, 'P', '', '', 0)")
        conn.exec_driver_sql("INSERT INTO parts (id, plan_id, number, title) "
                             "VALUES (1, 1, 1, 'PART')")
        conn.exec_driver_sql("INSERT INTO sections (id, part_id, number, title, position) "
                             "VALUES (1, 1, '1.1', 'S', 0)")
        conn.exec_driver_sql(
            "INSERT INTO agenda_items (meeting_id, position, section_id, objective, "
            "points_to_make, defensive_points, background, outcome) "
            "VALUES (1, 0, 1, 'Keep me', '', '', '', '')")
    command.upgrade(config, "0004")
    with engine.begin() as conn:
        row = conn.exec_driver_sql("SELECT objective, title, quoted_lines FROM agenda_items"
                                   ).fetchone()
        assert tuple(row) == ("Keep me", "", "")
        assert conn.exec_driver_sql("SELECT purpose, reference FROM meetings").fetchone() \
            == ("", "")
        conn.exec_driver_sql("INSERT INTO agenda_items (meeting_id, position, title, "
                             "quoted_lines, objective, points_to_make, defensive_points, "
                             "background, outcome) "
                             "VALUES (1, 1, 'Any other business', '', '', '', '', '', '')")
        with pytest.raises(Exception, match="CHECK constraint"), conn.begin_nested():
            conn.exec_driver_sql("INSERT INTO agenda_items (meeting_id, position, title, "
                                 "quoted_lines, objective, points_to_make, "
                                 "defensive_points, background, outcome) "
                                 "VALUES (1, 2, '', '', '', '', '', '', '')")
    command.downgrade(config, "0003")
    with engine.begin() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM agenda_items").fetchone() == (1,)
    engine.dispose()
