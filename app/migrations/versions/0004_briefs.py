"""briefs a head of delegation takes into the room: the top page, item titles, free-text
items, quoted lines of a whole section, the user's own glossary

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- meetings: purpose, key asks, our delegation, logistics and the document control of the
  brief (drafter, cleared by, version, reference);
- agenda_items: the user's own title of an item, the lines of a whole section quoted in the
  brief ("" the default choice, "*" every line, else letters "a,c,h"), and items that are no
  action line or section ("Any other business"): such an item has its title and no target;
- user_acronyms: the abbreviations the user explains (EUDR, ASEC...), for every plan.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_MEETING_TEXTS = ("purpose", "key_asks", "delegation", "logistics")
_MEETING_LINES = (("drafter", 200), ("cleared_by", 200), ("version", 60), ("reference", 120))
_ONE_TARGET = "(action_line_id IS NULL) <> (section_id IS NULL)"
_TARGET_OR_TITLE = ("(action_line_id IS NULL OR section_id IS NULL) AND "
                    "(action_line_id IS NOT NULL OR section_id IS NOT NULL OR title <> '')")


_OLD_COLUMNS = ("id", "meeting_id", "position", "action_line_id", "section_id", "objective",
                "points_to_make", "defensive_points", "background", "outcome")


def _agenda_items(name: str) -> None:
    """agenda_items as 0004 makes it, under `name`. Written out (not an alembic batch copy,
    which lists the foreign keys in no fixed order: plan.db must come out the same each
    time)."""
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('action_line_id', sa.Integer(), nullable=True),
        sa.Column('section_id', sa.Integer(), nullable=True),
        sa.Column('objective', sa.Text(), nullable=False),
        sa.Column('points_to_make', sa.Text(), nullable=False),
        sa.Column('defensive_points', sa.Text(), nullable=False),
        sa.Column('background', sa.Text(), nullable=False),
        sa.Column('outcome', sa.Text(), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False, server_default=''),
        sa.Column('quoted_lines', sa.String(length=400), nullable=False, server_default=''),
        sa.CheckConstraint(_TARGET_OR_TITLE, name=op.f('ck_agenda_items_target_or_title')),
        sa.ForeignKeyConstraint(['action_line_id'], ['action_lines.id'],
                                name=op.f('fk_agenda_items_action_line_id_action_lines'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'],
                                name=op.f('fk_agenda_items_meeting_id_meetings'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['section_id'], ['sections.id'],
                                name=op.f('fk_agenda_items_section_id_sections'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    )


def upgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        for name in _MEETING_TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))
        for name, length in _MEETING_LINES:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False,
                                          server_default=''))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot change a CHECK constraint: a new table, the rows copied, renamed
        # (foreign keys are off during migrations: app/migrations/env.py)
        _agenda_items('agenda_items_0004')
        columns = ", ".join(_OLD_COLUMNS)
        op.execute(f"INSERT INTO agenda_items_0004 ({columns}) SELECT {columns} "
                   "FROM agenda_items")
        op.drop_table('agenda_items')
        op.rename_table('agenda_items_0004', 'agenda_items')
        for column in ('action_line_id', 'meeting_id', 'section_id'):
            op.create_index(op.f(f'ix_agenda_items_{column}'), 'agenda_items', [column])
    else:
        op.add_column('agenda_items', sa.Column('title', sa.String(length=300),
                                                nullable=False, server_default=''))
        op.add_column('agenda_items', sa.Column('quoted_lines', sa.String(length=400),
                                                nullable=False, server_default=''))
        op.drop_constraint(op.f('ck_agenda_items_one_target'), 'agenda_items', type_='check')
        op.create_check_constraint(op.f('ck_agenda_items_target_or_title'), 'agenda_items',
                                   sa.text(_TARGET_OR_TITLE))
    op.create_table(
        'user_acronyms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('abbr', sa.String(length=40), nullable=False),
        sa.Column('expansion', sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_acronyms')),
        sa.UniqueConstraint('abbr', name=op.f('uq_user_acronyms_abbr')),
    )


def downgrade() -> None:
    op.drop_table('user_acronyms')
    op.execute("DELETE FROM agenda_items WHERE action_line_id IS NULL AND section_id IS NULL")
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_agenda_items_target_or_title'), type_='check')
        batch_op.create_check_constraint('one_target', sa.text(_ONE_TARGET))
        batch_op.drop_column('quoted_lines')
        batch_op.drop_column('title')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        for name, _ in reversed(_MEETING_LINES):
            batch_op.drop_column(name)
        for name in reversed(_MEETING_TEXTS):
            batch_op.drop_column(name)
