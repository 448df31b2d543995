"""The shipped plan.db is the one `poadesk build-seed` makes from resources/."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import paths

pytestmark = pytest.mark.sqlite_only  # the shipped plan.db

REPO = Path(__file__).resolve().parents[1]


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return sorted(conn.iterdump())


def test_shipped_plan_db_is_up_to_date(seed_db):
    shipped = REPO / "plan.db"
    assert shipped.exists(), "plan.db is missing: run 'poadesk build-seed'"
    assert _dump(shipped) == _dump(seed_db), "plan.db is out of date: run 'poadesk build-seed'"


def test_shipped_resources_are_found():
    assert paths.seed_plan_text().is_file()
    assert paths.countries_csv().is_file()
    assert paths.seed_database() == REPO / "plan.db"


def test_seed_matches_the_design(seed_db):
    with sqlite3.connect(seed_db) as conn:
        count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        assert count("SELECT count(*) FROM plans") == 1
        assert count("SELECT count(*) FROM parts") == 5
        assert count("SELECT count(*) FROM sections") == 29
        assert count("SELECT count(*) FROM action_lines") == 165
        assert count("SELECT count(*) FROM countries") == 40
        assert count("SELECT count(*) FROM action_lines WHERE section_id IS NULL") == 4
        assert count("SELECT count(*) FROM acronyms") > 100
        assert count("SELECT typeof(number) FROM sections LIMIT 1") == "text"
