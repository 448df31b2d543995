"""A local SQLite copy of a database (the team's PostgreSQL one, or another file), row for row with
the same ids, for the laptop that travels: `Desk.copy_offline`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, insert, select

from app.errors import InputError
from app.models import Base
from app.store.db import make_engine, upgrade


def copy_database(source: Engine, target: Path) -> None:
    """Create the SQLite file `target` with the current schema and copy every row of `source`
    into it, in one transaction (a failure leaves no file)."""
    if target.exists():
        raise InputError(f"{target} already exists: choose a new file for the copy")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {target.parent} does not exist")
    engine = make_engine(target)
    try:
        upgrade(engine)
        with source.connect() as src, engine.begin() as dst:
            for table in Base.metadata.sorted_tables:
                rows = [dict(r._mapping) for r in src.execute(select(table))]
                if rows:
                    dst.execute(insert(table), rows)
    except BaseException:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
