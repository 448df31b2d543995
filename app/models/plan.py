"""The plan itself: plans > parts > sections > action lines, with the officer's own fields."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.vocab import STATUS_CODES

_status_list = ", ".join(f"'{code}'" for code in STATUS_CODES)


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    preamble: Mapped[str] = mapped_column(Text, default="")
    source_name: Mapped[str] = mapped_column(String(255), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    parts: Mapped[list[Part]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Part.number"
    )


class Part(Base):
    __tablename__ = "parts"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ...: a roman numeral's value
    title: Mapped[str] = mapped_column(String(500))
    # the number as published ("1", "I"); "" for an unnumbered heading
    label: Mapped[str] = mapped_column(String(8), default="")

    plan: Mapped[Plan] = relationship(back_populates="parts")
    sections: Mapped[list[Section]] = relationship(
        back_populates="part", cascade="all, delete-orphan", order_by="Section.position"
    )


class Section(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("part_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(16))  # "1.10" is text, never a float
    title: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer)

    part: Mapped[Part] = relationship(back_populates="sections")


action_tags = Table(
    "action_tags",
    Base.metadata,
    Column("action_id", ForeignKey("action_lines.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class ActionLine(Base):
    __tablename__ = "action_lines"
    __table_args__ = (
        UniqueConstraint("plan_id", "ref"),
        CheckConstraint(f"status IN ({_status_list})", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="CASCADE"), index=True
    )
    letter: Mapped[str] = mapped_column(String(4))
    ref: Mapped[str] = mapped_column(String(24))  # in the plan's notation: "1.3(b)", "1.1.1"
    position: Mapped[int] = mapped_column(Integer)  # document order within the plan
    text: Mapped[str] = mapped_column(Text)  # verbatim, never edited by the app
    # The officer's own working fields
    status: Mapped[str] = mapped_column(String(24), default="not_assessed")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_private: Mapped[bool] = mapped_column(Boolean, default=False)
    lines_to_take: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    tags: Mapped[list[Tag]] = relationship(secondary=action_tags, order_by="Tag.name")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Acronym(Base):
    __tablename__ = "acronyms"
    __table_args__ = (UniqueConstraint("plan_id", "abbr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    abbr: Mapped[str] = mapped_column(String(40))
    expansion: Mapped[str] = mapped_column(String(500))


class UserAcronym(Base):
    """An abbreviation the user explains (EUDR, ASEC...): it joins every plan's glossary."""

    __tablename__ = "user_acronyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    abbr: Mapped[str] = mapped_column(String(40), unique=True)
    expansion: Mapped[str] = mapped_column(String(500))
