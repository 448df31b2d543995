"""one active focal point per email, and per name in a country

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Two programs adding the same person at once both passed the application's check: the
database now refuses the second (partial unique indexes, on SQLite and PostgreSQL alike).
Duplicates that such a race left behind are kept as inactive history first (the oldest stays
active), so the indexes can be made.
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_DEDUPLICATE = [
    # a later active focal point with the email of an earlier active one
    """UPDATE focal_points SET active = false
       WHERE active AND email <> '' AND EXISTS (
           SELECT 1 FROM focal_points o
           WHERE o.active AND o.id < focal_points.id
             AND lower(o.email) = lower(focal_points.email))""",
    # a later active focal point with the name and country of an earlier active one
    """UPDATE focal_points SET active = false
       WHERE active AND EXISTS (
           SELECT 1 FROM focal_points o
           WHERE o.active AND o.id < focal_points.id
             AND o.country_code = focal_points.country_code
             AND lower(o.name) = lower(focal_points.name))""",
]


def upgrade() -> None:
    for sql in _DEDUPLICATE:
        op.execute(sql)
    op.execute("CREATE UNIQUE INDEX uq_focal_points_active_email ON focal_points "
               "(lower(email)) WHERE active AND email <> ''")
    op.execute("CREATE UNIQUE INDEX uq_focal_points_active_name ON focal_points "
               "(country_code, lower(name)) WHERE active")


def downgrade() -> None:
    op.drop_index('uq_focal_points_active_name', table_name='focal_points')
    op.drop_index('uq_focal_points_active_email', table_name='focal_points')
