"""Activities: what was actually done under an action line or a whole section (meetings,
workshops, projects, visits, statements), the raw material of the progress report."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.vocab import ACTIVITY_KINDS

_kinds = ", ".join(f"'{k}'" for k in ACTIVITY_KINDS)


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_kinds})", name="kind_known"),
        CheckConstraint("(action_line_id IS NULL) <> (section_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_lines.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="other")
    start_date: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    place: Mapped[str] = mapped_column(String(300), default="")
    lead: Mapped[str] = mapped_column(String(120), default="")  # a side or a country
    programme: Mapped[str] = mapped_column(String(300), default="")  # funding, EU programme
    link: Mapped[str] = mapped_column(String(1000), default="")  # a URL or a file reference
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
