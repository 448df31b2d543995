"""a part's number as published

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08

Plans are numbered in several styles: a part is "1.", "I." or an unnumbered heading. `number`
stays the part's order (a roman numeral's value); `label` keeps it as published ("1", "I", or
"" for a heading). Every plan imported before was numbered 1., 2., ...: its parts get their
number as label.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('parts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.String(length=8), nullable=False,
                                      server_default=''))
    op.execute("UPDATE parts SET label = CAST(number AS VARCHAR(8))")


def downgrade() -> None:
    with op.batch_alter_table('parts', schema=None) as batch_op:
        batch_op.drop_column('label')
