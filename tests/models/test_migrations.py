"""The migrations and the ORM models agree, and a database upgrades in place."""

from __future__ import annotations

import sqlite3

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
