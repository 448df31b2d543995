"""change history

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'history',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('who', sa.String(length=120), nullable=False),
        sa.Column('operation', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=False),
        sa.Column('action_line_id', sa.Integer(), nullable=True),
        sa.Column('label', sa.String(length=300), nullable=False),
        sa.Column('field', sa.String(length=60), nullable=False),
        sa.Column('old', sa.Text(), nullable=True),
        sa.Column('new', sa.Text(), nullable=True),
        sa.Column('private', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_history')),
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_history_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_history_action_line_id'), ['action_line_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_action_line_id'))
        batch_op.drop_index(batch_op.f('ix_history_entity_id'))
        batch_op.drop_index(batch_op.f('ix_history_at'))
    op.drop_table('history')
