"""What each implementation matrix sent out was, kept here (not trusted from the file): an
export's id and, per action line, the version stamp written beside it in the file's hidden
sheet and what the file showed then (the status; the notes only as a digest, so no note's text
is kept twice). `poadesk import matrix` compares the file with this record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class MatrixExport(Base):
    __tablename__ = "matrix_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the export id in the file
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"),
                                         index=True)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    who: Mapped[str] = mapped_column(String(120), default="")
    sheet: Mapped[str] = mapped_column(String(31))  # the matrix sheet's title
    columns: Mapped[str] = mapped_column(String(200))  # the fields it showed: "status,notes"


class MatrixExportLine(Base):
    __tablename__ = "matrix_export_lines"

    export_id: Mapped[int] = mapped_column(
        ForeignKey("matrix_exports.id", ondelete="CASCADE"), primary_key=True)
    action_line_id: Mapped[int] = mapped_column(
        ForeignKey("action_lines.id", ondelete="CASCADE"), primary_key=True, index=True)
    stamp: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(24))  # its code, as exported
    notes_digest: Mapped[str] = mapped_column(String(64))  # sha256 of the notes shown
