"""Meetings (SOM, JCC, AEMM...) and their ordered agendas of action lines or sections."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))  # one of app.vocab.MEETING_KINDS or free text
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[date | None] = mapped_column(Date, default=None)
    venue: Mapped[str] = mapped_column(String(300), default="")
    marking: Mapped[str] = mapped_column(String(120), default="")
    # the top page of the brief
    purpose: Mapped[str] = mapped_column(Text, default="")
    key_asks: Mapped[str] = mapped_column(Text, default="")
    delegation: Mapped[str] = mapped_column(Text, default="")
    logistics: Mapped[str] = mapped_column(Text, default="")
    # document control
    drafter: Mapped[str] = mapped_column(String(200), default="")
    cleared_by: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[str] = mapped_column(String(60), default="")
    reference: Mapped[str] = mapped_column(String(120), default="")

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        # an action line, a whole section, or neither: a free-text item ("Any other
        # business"), which then has a title
        CheckConstraint(
            "(action_line_id IS NULL OR section_id IS NULL) AND "
            "(action_line_id IS NOT NULL OR section_id IS NOT NULL OR title <> '')",
            name="target_or_title",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    action_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_lines.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), default="")  # the user's own title
    # the lines of a whole section quoted in the brief: "" the default choice, "*" every
    # line, "-" none, else letters "a,c,h"
    quoted_lines: Mapped[str] = mapped_column(String(400), default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    points_to_make: Mapped[str] = mapped_column(Text, default="")
    defensive_points: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")
