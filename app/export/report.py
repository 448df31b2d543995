"""The progress report to the Ministerial Meeting (plan, part 5), for a period, as Word or Excel.

Both files say the same, "as at" the period's end (or today, if that is earlier): the status
figures overall, by pillar (with a chart) and by section; the period's activities counted by
pillar, section and kind (each once: an activity recorded on a whole section is counted and
shown at the section, never under each of its lines); what changed in the period; each action
line with its own activities (kind, place, lead side, programme) and each section's
section-wide ones; the lines with no activity of their own, compactly by section; and the
acronyms the report uses. Word: app.export.report_docx (the brief's house style). Excel:
app.export.report_xlsx (printable: rows as tall as their wrapped text, 8 pt or more on A4).

What both writers share (the title, the chart and its caption): app.export.report_common.

python-docx and openpyxl are imported only when a report is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .files import ExportResult, check_target
from .report_common import TITLE, chart_table
from .report_content import load_report

if TYPE_CHECKING:
    from app.service import Desk

__all__ = ["REPORT_SUFFIXES", "TITLE", "chart_table", "export_report"]

REPORT_SUFFIXES = (".docx", ".xlsx")


def export_report(desk: Desk, date_from: date, date_to: date, target: Path, *,
                  plan_id: int | None = None, marking: str = "", author: str = ""
                  ) -> ExportResult:
    """The progress report for the period, as Word (.docx) or Excel (.xlsx)."""
    check_target(target, REPORT_SUFFIXES, "a progress report")
    if date_to < date_from:
        from app.errors import InputError

        raise InputError(f"the period ends ({date_to}) before it starts ({date_from})")
    content = load_report(desk, date_from, date_to, plan_id, glossary=True)
    if target.suffix.lower() == ".docx":
        from .report_docx import write_report_docx

        warnings = write_report_docx(content, target, marking, author)
    else:
        from .report_xlsx import write_report_xlsx

        warnings = write_report_xlsx(content, target, marking, author)
    return ExportResult(target, tuple(warnings))

