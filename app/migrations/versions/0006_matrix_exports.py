"""the record of each implementation matrix sent out

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

A matrix coming back was compared with what its own hidden sheet said it had been: a sheet a
sender can edit. The database now keeps, per export, its id and per action line the version
stamp written in the file and what the file showed (the status, the notes as a digest).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'matrix_exports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('who', sa.String(length=120), nullable=False),
        sa.Column('sheet', sa.String(length=31), nullable=False),
        sa.Column('columns', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'],
                                name=op.f('fk_matrix_exports_plan_id_plans'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_matrix_exports')),
        sa.UniqueConstraint('token', name=op.f('uq_matrix_exports_token')),
    )
    with op.batch_alter_table('matrix_exports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matrix_exports_plan_id'), ['plan_id'],
                              unique=False)
    op.create_table(
        'matrix_export_lines',
        sa.Column('export_id', sa.Integer(), nullable=False),
        sa.Column('action_line_id', sa.Integer(), nullable=False),
        sa.Column('stamp', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=24), nullable=False),
        sa.Column('notes_digest', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['action_line_id'], ['action_lines.id'],
                                name=op.f('fk_matrix_export_lines_action_line_id_action_lines'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['export_id'], ['matrix_exports.id'],
                                name=op.f('fk_matrix_export_lines_export_id_matrix_exports'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('export_id', 'action_line_id',
                                name=op.f('pk_matrix_export_lines')),
    )
    with op.batch_alter_table('matrix_export_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matrix_export_lines_action_line_id'),
                              ['action_line_id'], unique=False)


def downgrade() -> None:
    op.drop_table('matrix_export_lines')
    op.drop_table('matrix_exports')
