"""Migration 0003: one active focal point per email, and per name in a country, enforced by
the database (alembic cannot compare expression indexes, so this test does)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.schema import CreateIndex

from app.models.unique_indexes import focal_point_indexes
from app.store.db import make_engine, upgrade

pytestmark = pytest.mark.sqlite_only
NAMES = ("uq_focal_points_active_email", "uq_focal_points_active_name")


def _index_sql(path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return {name: " ".join(sql.split()) for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'uq_%'")}


def test_the_migration_makes_the_indexes_the_models_declare(tmp_path):
    engine = make_engine(tmp_path / "m.db")
    upgrade(engine)
    declared = {ix.name: " ".join(str(CreateIndex(ix).compile(engine)).split())
                for ix in focal_point_indexes()}
    engine.dispose()
    made = _index_sql(tmp_path / "m.db")
    assert set(declared) == set(NAMES) and set(made) >= set(NAMES)
    for name in NAMES:
        assert made[name].replace('"', "").casefold() == declared[name].casefold(), name


def test_duplicates_left_by_a_race_are_kept_as_history_by_the_migration(tmp_path):
    engine = make_engine(tmp_path / "old.db")
    from alembic import command

    from app.store.db import _alembic_config

    command.upgrade(_alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO countries (code, name, grouping, position) "
                             "VALUES ('VN', 'Viet Nam', 'ASEAN', 0)")
        for n, (name, email) in enumerate([("Lan", "lan@x.vn"), ("Lan", "LAN@x.vn"),
                                           ("Lan", ""), ("Minh", "")], start=1):
            conn.exec_driver_sql(
                "INSERT INTO focal_points (id, name, title, organisation, country_code, email, "
                f"phone, notes, active) VALUES ({n}, '{name}', '', '', 'VN', '{email}', '', '', 1)")
    upgrade(engine)
    with engine.connect() as conn:
        active = conn.exec_driver_sql(
            "SELECT id FROM focal_points WHERE active ORDER BY id").scalars().all()
    engine.dispose()
    assert active == [1, 4]
