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
                 include_notes: bool = False, include_private: bool = False,
                 full_text: bool = False) -> ExportResult:
    """The brief of a meeting as Word (.docx) or Excel (.xlsx), by the target's extension.
    Notes only with `include_notes` (private ones with `include_private`, in both);
    `full_text`: the Word brief's annex with every line of its whole sections (the Excel
    brief quotes the chosen lines of a section and names the others, as the Word brief)."""
    check_target(target, BRIEF_SUFFIXES, "a brief")
    if target.suffix.lower() == ".docx":
        from app.export.brief_docx import write_brief_docx

        return write_brief_docx(desk, meeting_id, target, template=template,
                                include_notes=include_notes, include_private=include_private,
                                full_text=full_text)
    if template is not None:
        from app.errors import InputError

        raise InputError("--template is for a Word brief (.docx); an Excel brief has none")
    from app.export.brief_xlsx import write_brief_xlsx

    return write_brief_xlsx(desk, meeting_id, target, include_notes=include_notes,
                            include_private=include_private)


def export_matrix(desk: Desk, target: Path, *, plan_id: int | None = None,
                  include_private: bool = False, marking: str | None = None) -> ExportResult:
    """The implementation matrix of the whole plan (.xlsx), marked `marking` (default
    app.vocab.DEFAULT_WORKBOOK_MARKING: it holds the focal points' contacts)."""
    from app.export.brief_xlsx import write_matrix_xlsx
    from app.vocab import DEFAULT_WORKBOOK_MARKING, marking_label

    return write_matrix_xlsx(desk, target, plan_id=plan_id, include_private=include_private,
                             marking=DEFAULT_WORKBOOK_MARKING if marking is None
                             else marking_label(marking))
