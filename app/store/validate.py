"""Nothing trusted that a database file claims about itself: before a backup (or any file given
to `restore`) replaces the working database, a copy of it must be a POA Desk database, whole
and plausible.

`database_problems(copy, reference)` compares the copy, already migrated to the current schema,
with the pristine plan.db (`reference`, built by the same migrations):
- exactly POA Desk's own schema objects: every table, index, trigger and view by name and kind,
  each table's columns, and the text of every trigger and view (an extra trigger that would
  later rewrite rows, a view in place of a table, are refused);
- values in range: each column holds what its declared type says (whole numbers in integer
  columns, text in text columns, real dates in date columns: 'yesterday' is no date), statuses
  from the vocabulary, at least one plan with action lines.
Each problem is one line, naming the table and column; a handful at most.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from app.store.uri import sqlite_uri
from app.vocab import STATUS_CODES

_MAX_PROBLEMS = 5
_SPACES = re.compile(r"\s+")


def _normal_sql(sql: str | None) -> str:
    text = _SPACES.sub(" ", sql or "").strip().rstrip(";").lower()
    return text.replace('"', "").replace("`", "").replace("[", "").replace("]", "")


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    return {(kind, name): _normal_sql(sql) for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, int, int]]:
    return [(str(r[1]), str(r[2]).upper(), int(r[3]), int(r[5]))
            for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _schema_problems(copy: sqlite3.Connection, reference: sqlite3.Connection) -> list[str]:
    mine, theirs = _objects(reference), _objects(copy)
    problems = [f"it has a {kind} '{name}' that POA Desk never makes"
                for kind, name in sorted(set(theirs) - set(mine))]
    problems += [f"its {kind} '{name}' is missing"
                 for kind, name in sorted(set(mine) - set(theirs))]
    for (kind, name), sql in sorted(mine.items()):
        if (kind, name) not in theirs:
            continue
        if kind in ("trigger", "view") and theirs[(kind, name)] != sql:
            problems.append(f"its {kind} '{name}' is not POA Desk's own")
        elif kind == "table" and _columns(copy, name) != _columns(reference, name):
            problems.append(f"its table '{name}' has other columns than POA Desk's")
    return problems


def _value_problems(copy: sqlite3.Connection, reference: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    shadow = {name for (name,) in reference.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%VIRTUAL TABLE%'")}
    tables = [name for (name,) in reference.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    for table in tables:
        if table in shadow or any(table.startswith(f"{v}_") for v in shadow):
            continue  # the full-text index: its own check (check_file) covers it
        for column, declared, _notnull, _pk in _columns(reference, table):
            test = _bad_value_test(declared, column)
            if test is None:
                continue
            row = copy.execute(f'SELECT rowid, "{column}" FROM "{table}" WHERE "{column}" IS '
                               f"NOT NULL AND ({test}) LIMIT 1").fetchone()
            if row is not None:
                shown = str(row[1])
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                problems.append(f"row {row[0]} of {table} has {column} {shown!r}, which is not "
                                f"a {_kind_word(declared)}")
            if len(problems) >= _MAX_PROBLEMS:
                return problems
    codes = ", ".join(f"'{c}'" for c in STATUS_CODES)
    row = copy.execute(f"SELECT ref, status FROM action_lines WHERE status NOT IN ({codes}) "
                       "LIMIT 1").fetchone()
    if row is not None:
        problems.append(f"action line {row[0]} has the status {str(row[1])[:40]!r}, which POA "
                        "Desk does not know")
    if copy.execute("SELECT count(*) FROM action_lines").fetchone()[0] == 0:
        problems.append("it holds no plan (no action lines)")
    return problems


def _bad_value_test(declared: str, column: str) -> str | None:
    col = f'"{column}"'
    if declared == "DATE":
        # '+0 days' makes SQLite carry an impossible day over ('2026-02-31' -> '03-03')
        return (f"typeof({col}) != 'text' OR date({col}, '+0 days') IS NULL "
                f"OR date({col}, '+0 days') != substr({col}, 1, 10)")
    if declared in ("DATETIME", "TIMESTAMP"):
        return (f"typeof({col}) != 'text' OR datetime({col}, '+0 seconds') IS NULL "
                f"OR substr(datetime({col}, '+0 seconds'), 1, 10) != substr({col}, 1, 10)")
    if declared in ("INTEGER", "BIGINT", "SMALLINT") or declared == "BOOLEAN":
        return f"typeof({col}) != 'integer'"
    if declared.startswith(("VARCHAR", "TEXT", "CHAR")) or declared == "TEXT":
        return f"typeof({col}) != 'text'"
    return None


def _kind_word(declared: str) -> str:
    if declared == "DATE":
        return "date"
    if declared in ("DATETIME", "TIMESTAMP"):
        return "date and time"
    if declared in ("INTEGER", "BIGINT", "SMALLINT", "BOOLEAN"):
        return "whole number"
    return "text"


def database_problems(copy: Path, reference: Path) -> list[str]:
    """What makes `copy` (migrated to the current schema) unfit to become the working database,
    compared with `reference` (the pristine plan.db): [] when it is fit."""
    try:
        ours = sqlite3.connect(sqlite_uri(reference, mode="ro"), uri=True)
    except sqlite3.Error as exc:  # pragma: no cover - the installation itself is broken
        return [f"cannot read the pristine plan.db to compare with: {exc}"]
    try:
        conn = sqlite3.connect(sqlite_uri(copy, mode="ro"), uri=True)
    except sqlite3.Error as exc:
        ours.close()
        return [f"cannot read it: {exc}"]
    try:
        problems = _schema_problems(conn, ours)
        if not problems:
            problems = _value_problems(conn, ours)
    except sqlite3.DatabaseError as exc:
        problems = [f"cannot read it: {exc}"]
    finally:
        conn.close()
        ours.close()
    return problems[:_MAX_PROBLEMS]


def schema_revision(path: Path) -> str | None:
    """The schema revision a database file says it is at (None: none, or unreadable)."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None
