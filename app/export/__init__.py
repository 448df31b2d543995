"""Exports: the Word and Excel briefs of a meeting and the implementation matrix of the plan.

python-docx and openpyxl are imported only when an export runs (start-up time matters).
Every export checks its target first (extension, lock, read-only), cleans its text with
app.text_clean and writes atomically: a failure never leaves half a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.export.files import ExportResult, check_target

if TYPE_CHECKING:
    from app.service import Desk

BRIEF_SUFFIXES = (".docx", ".xlsx")

__all__ = ["BRIEF_SUFFIXES", "ExportResult", "export_brief", "export_matrix"]


def export_brief(desk: Desk, meeting_id: int, target: Path, *, template: Path | None = None,
                 include_notes: bool = False, include_private: bool = False) -> ExportResult:
    """The brief of a meeting as Word (.docx) or Excel (.xlsx), by the target's extension."""
    check_target(target, BRIEF_SUFFIXES, "a brief")
    if target.suffix.lower() == ".docx":
        from app.export.brief_docx import write_brief_docx

        return write_brief_docx(desk, meeting_id, target, template=template,
                                include_notes=include_notes, include_private=include_private)
    if template is not None:
        from app.errors import InputError

        raise InputError("--template is for a Word brief (.docx); an Excel brief has none")
    from app.export.brief_xlsx import write_brief_xlsx

    return write_brief_xlsx(desk, meeting_id, target, include_private=include_private)


def export_matrix(desk: Desk, target: Path, *, plan_id: int | None = None,
                  include_private: bool = False) -> ExportResult:
    """The implementation matrix of the whole plan (.xlsx)."""
    from app.export.brief_xlsx import write_matrix_xlsx

    return write_matrix_xlsx(desk, target, plan_id=plan_id, include_private=include_private)
