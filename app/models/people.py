"""Countries, national focal points and their assignments to action lines or sections."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.vocab import COUNTRY_GROUPS, ROLES

_roles = ", ".join(f"'{r}'" for r in ROLES)
_groups = ", ".join(f"'{g}'" for g in COUNTRY_GROUPS)


class Country(Base):
    """A participant: a state (ISO 3166-1 alpha-2 code) or an institution (EEAS, ASEC...)."""

    __tablename__ = "countries"
    __table_args__ = (CheckConstraint(f"grouping IN ({_groups})", name="grouping_known"),)

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    grouping: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)


class FocalPoint(Base):
    __tablename__ = "focal_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    successor_id: Mapped[int | None] = mapped_column(
        ForeignKey("focal_points.id", ondelete="SET NULL"), default=None
    )
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    country: Mapped[Country] = relationship()


# The partial unique indexes of migration 0003 are declared in app.models.unique_indexes.


class Assignment(Base):
    """A focal point covers one action line, or a whole section (every action line in it)."""

    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint(f"role IN ({_roles})", name="role_known"),
        CheckConstraint(
            "(action_line_id IS NULL) <> (section_id IS NULL)", name="one_target"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    focal_point_id: Mapped[int] = mapped_column(
        ForeignKey("focal_points.id", ondelete="CASCADE"), index=True
    )
    action_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_lines.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="lead")
