"""The partial unique indexes on focal points (migration 0003 makes them), declared apart from the
models: their dialect options (`sqlite_where`, `postgresql_where`) make SQLAlchemy load its
PostgreSQL dialect, about 6 MB the window does not need to start on a file.
tests/models/test_unique_focal_points.py holds these declarations against the migration.

One active focal point per email, and per name in a country (without case), enforced by the
database: two programs adding the same person at once cannot both succeed. Inactive ones are
history (a successor takes over the office's mailbox). app.focal.rules says the same first,
with a friendlier message; app.store.session words a refusal by these names.
"""

from __future__ import annotations

from sqlalchemy import Index, MetaData, Table, func, text


def focal_point_indexes() -> list[Index]:
    """The two indexes, on a copy of the focal_points table (the models' own is untouched)."""
    from app.models import FocalPoint

    table = FocalPoint.__table__
    assert isinstance(table, Table)
    copy = table.to_metadata(MetaData())
    active_with_email = text("active AND email <> ''")
    return [
        Index("uq_focal_points_active_email", func.lower(copy.c.email), unique=True,
              sqlite_where=active_with_email, postgresql_where=active_with_email),
        Index("uq_focal_points_active_name", copy.c.country_code, func.lower(copy.c.name),
              unique=True, sqlite_where=text("active"), postgresql_where=text("active")),
    ]
