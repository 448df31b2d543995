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

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint(
            "(action_line_id IS NULL) <> (section_id IS NULL)", name="one_target"
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
    objective: Mapped[str] = mapped_column(Text, default="")
    points_to_make: Mapped[str] = mapped_column(Text, default="")
    defensive_points: Mapped[str] = mapped_column(Text, default="")
    background: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")
