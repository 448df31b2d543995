"""The change history: one row per changed field of an action line, a focal point, an
assignment, a meeting or an agenda item, written in the same transaction as the change
(app.store.history). No foreign keys: history outlives what it describes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class HistoryEntry(Base):
    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    who: Mapped[str] = mapped_column(String(120), default="")
    operation: Mapped[str] = mapped_column(String(300), default="edit")
    kind: Mapped[str] = mapped_column(String(24))  # action_line, focal_point, assignment, ...
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    # the action line it concerns, if any (an assignment's or agenda item's too): the detail
    # pane's history of one line
    action_line_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    label: Mapped[str] = mapped_column(String(300), default="")  # "1.3(b)", "SOM, 2026-03-05"
    field: Mapped[str] = mapped_column(String(60))  # "status", ... "created", "deleted"
    old: Mapped[str | None] = mapped_column(Text, default=None)
    new: Mapped[str | None] = mapped_column(Text, default=None)
    private: Mapped[bool] = mapped_column(Boolean, default=False)  # a private note's text
