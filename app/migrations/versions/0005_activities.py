"""activities under action lines and sections

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'activities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('action_line_id', sa.Integer(), nullable=True),
        sa.Column('section_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=True),
        sa.Column('end_date', sa.Date(), nullable=True),
        sa.Column('place', sa.String(length=300), nullable=False),
        sa.Column('lead', sa.String(length=120), nullable=False),
        sa.Column('programme', sa.String(length=300), nullable=False),
        sa.Column('link', sa.String(length=1000), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('meeting', 'workshop', 'project', 'visit', 'statement', "
                           "'other')", name=op.f('ck_activities_kind_known')),
        sa.CheckConstraint('(action_line_id IS NULL) <> (section_id IS NULL)',
                           name=op.f('ck_activities_one_target')),
        sa.ForeignKeyConstraint(['action_line_id'], ['action_lines.id'],
                                name=op.f('fk_activities_action_line_id_action_lines'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['section_id'], ['sections.id'],
                                name=op.f('fk_activities_section_id_sections'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_activities')),
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activities_action_line_id'), ['action_line_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_activities_section_id'), ['section_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_activities_start_date'), ['start_date'],
                              unique=False)


def downgrade() -> None:
    op.drop_table('activities')
