"""The window's fast start reads the tree only from an up-to-date database, and never writes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from app.service import Desk
from app.store import fast_open

pytestmark = pytest.mark.sqlite_only  # the fast start reads the file


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_up_to_date_database_is_read_without_a_change(db_path):
    before = _digest(db_path)
    tree = fast_open.read_current_plan_tree(db_path)
    assert tree is not None and tree.plan.action_count == 165
    assert _digest(db_path) == before
    desk = Desk.open(db_path)
    try:
        assert tree == desk.plan_tree()
    finally:
        desk.close()


def test_anything_unusual_means_the_full_way(db_path, tmp_path, monkeypatch):
    assert fast_open.read_current_plan_tree(tmp_path / "missing.db") is None
    assert fast_open.read_current_plan_tree(tmp_path) is None  # a folder
    text = tmp_path / "notes.db"
    text.write_text("my notes, not a database")
    assert fast_open.read_current_plan_tree(text) is None
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert fast_open.read_current_plan_tree(empty) is None

    older = tmp_path / "older.db"
    shutil.copyfile(db_path, older)
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000_older'")
    conn.close()
    assert fast_open.read_current_plan_tree(older) is None

    unversioned = tmp_path / "unversioned.db"
    shutil.copyfile(db_path, unversioned)
    with sqlite3.connect(unversioned) as conn:
        conn.execute("DROP TABLE alembic_version")
    conn.close()
    assert fast_open.read_current_plan_tree(unversioned) is None

    # this version of POA Desk knows a newer schema than the file's: migrate first
    monkeypatch.setattr(fast_open, "scanned_head_revision", lambda: "next-release")
    assert fast_open.read_current_plan_tree(db_path) is None
    # a migration history the scanner cannot read: alembic decides, on the full way
    monkeypatch.setattr(fast_open, "scanned_head_revision", lambda: None)
    assert fast_open.read_current_plan_tree(db_path) is None
