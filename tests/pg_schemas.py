"""Fresh PostgreSQL databases for the tests, one schema each, restored from one seeded copy.

The `desk` fixture (tests/conftest.py) runs a test on PostgreSQL when POADESK_TEST_PG_URL
names a database the tests may create schemas in (`.ci/run` starts a server and sets it), e.g.

    POADESK_TEST_PG_URL=postgresql+psycopg://poadesk:poadesk@127.0.0.1/poadesk_test

Building a schema from the migrations and the plan text takes over a second, too slow for
every test. So it is done once per run, in slot 0: the migrations make the schema, the
countries and the plan go in as `build_seed` puts them into plan.db, and the rows are then
copied into a snapshot schema. A test takes a slot (0 for `desk`, 1 for `other_desk`, made
from the migrations the first time it is asked for); a slot used before is restored first, in
one transaction: every table emptied (DELETE: on tables this small ten times faster than
TRUNCATE), the snapshot's rows put back with their ids, every id sequence set back to where it
stood. Each slot is a schema of its own (the engine's `search_path`), so nothing outside it is
touched; every schema of the run is dropped at the end (the database is left as it was, and
runs can be repeated or run side by side, as pytest-xdist's workers do).
"""

from __future__ import annotations

import os
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported when a test first asks for PostgreSQL
    from sqlalchemy import Engine

PG_URL_VAR = "POADESK_TEST_PG_URL"

# the schema's own bookkeeping: made by the migrations, never changed by a test
_KEEP = ("alembic_version",)


def pg_url() -> str:
    return os.environ.get(PG_URL_VAR, "").strip()


class PgSchemas:
    """Schemas (slots) in the test database, each a fresh copy of the seeded plan on demand."""

    def __init__(self, url: str, worker: str = "main") -> None:
        from sqlalchemy import create_engine

        self.url = url
        # per process: pytest-xdist's workers (gw0, gw1, ...) and runs side by side never meet
        self.prefix = f"poadesk_test_{worker}_{os.getpid()}_{secrets.token_hex(3)}"
        self.snapshot = f"{self.prefix}_seed"
        self.admin = create_engine(url, pool_size=1)
        self._slots: dict[int, bool] = {}  # slot -> dirty (handed out since its restore)
        self._tables: list[str] = []  # the tables a restore empties, in that order
        self._copied: list[tuple[str, str]] = []  # (table, columns) with rows, in FK order
        self._sequences: list[tuple[str, int | None]] = []  # (sequence, last value)
        self._schemas: list[str] = []

    def schema(self, slot: int) -> str:
        return f"{self.prefix}_{slot}"

    def url_of(self, schema: str) -> str:
        from sqlalchemy.engine import make_url

        # test data only: a commit need not wait for the server's disk
        return make_url(self.url).update_query_dict(
            {"options": f"-csearch_path={schema} -csynchronous_commit=off"}
        ).render_as_string(hide_password=False)

    def engine(self, slot: int) -> Engine:
        """An engine on `slot`, holding the seeded plan and nothing else (restored if used)."""
        from app.store.db import make_engine

        if slot not in self._slots:
            self._create(slot)
        elif self._slots[slot]:
            self._restore(self.schema(slot))
        self._slots[slot] = True
        engine = make_engine(self.url_of(self.schema(slot)))
        assert engine.dialect.name == "postgresql"
        return engine

    # -- building ---------------------------------------------------------------------------

    def _new_schema(self, schema: str) -> Engine:
        from app.store.db import make_engine, upgrade

        with self.admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        self._schemas.append(schema)
        engine = make_engine(self.url_of(schema))
        upgrade(engine)  # the schema, as on a user's PostgreSQL server
        return engine

    def _create(self, slot: int) -> None:
        schema = self.schema(slot)
        engine = self._new_schema(schema)
        engine.dispose()
        if not self._copied:
            self._seed(schema)
        else:
            self._restore(schema)

    def _seed(self, schema: str) -> None:
        """The countries and the plan, as `build_seed` puts them in plan.db; then the snapshot
        that restores copy back."""
        from sqlalchemy import text
        from sqlalchemy.orm import Session

        from app import paths
        from app.models.base import Base
        from app.plan_parser import read_plan_file
        from app.store.db import make_engine
        from app.store.seed import add_plan, load_countries

        engine = make_engine(self.url_of(schema))
        try:
            with Session(engine) as session, session.begin():
                assert load_countries(session) == 40
                add_plan(session, read_plan_file(paths.seed_plan_text()),
                         source_name=paths.PLAN_TEXT_NAME)
        finally:
            engine.dispose()
        with self.admin.begin() as conn:
            tables = list(conn.scalars(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"),
                {"s": schema}))
            tables = [t for t in tables if t not in _KEEP]
            order = [t.name for t in Base.metadata.sorted_tables if t.name in tables]
            order += [t for t in tables if t not in order]  # made by a migration only
            self._tables = order[::-1]  # referencing tables first
            conn.exec_driver_sql(f"CREATE SCHEMA {self.snapshot}")
            self._schemas.append(self.snapshot)
            for table in order:
                if not conn.scalar(text(f"SELECT EXISTS (SELECT 1 FROM {schema}.{table})")):
                    continue
                columns = ", ".join(conn.scalars(text(
                    "SELECT quote_ident(column_name) FROM information_schema.columns "
                    "WHERE table_schema = :s AND table_name = :t ORDER BY ordinal_position"),
                    {"s": schema, "t": table}))
                conn.exec_driver_sql(f"CREATE TABLE {self.snapshot}.{table} AS "
                                     f"SELECT {columns} FROM {schema}.{table}")
                self._copied.append((table, columns))
            self._sequences = [(name, last) for name, last in conn.execute(text(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = :s "
                "ORDER BY sequencename"), {"s": schema})]
        assert {t for t, _ in self._copied} >= {"plans", "parts", "sections", "action_lines",
                                                "acronyms", "countries"}

    def _restore(self, schema: str) -> None:
        """Back to the snapshot: every table emptied and refilled, the sequences reset."""
        from sqlalchemy import text

        with self.admin.begin() as conn:
            # a connection a test left open in a transaction would block this: say so
            conn.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            conn.exec_driver_sql("SET LOCAL synchronous_commit = off")  # test data only
            for table in self._tables:  # DELETE: a few ms; TRUNCATE takes ten times as long
                conn.exec_driver_sql(f"DELETE FROM {schema}.{table}")
            for table, columns in self._copied:
                conn.exec_driver_sql(f"INSERT INTO {schema}.{table} ({columns}) "
                                     f"SELECT {columns} FROM {self.snapshot}.{table}")
            for sequence, last in self._sequences:
                conn.execute(text("SELECT setval(CAST(:seq AS regclass), :value, :called)"),
                             {"seq": f"{schema}.{sequence}", "value": last or 1,
                              "called": last is not None})

    def close(self) -> None:
        try:
            with self.admin.begin() as conn:
                for schema in reversed(self._schemas):
                    conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        finally:
            self.admin.dispose()
