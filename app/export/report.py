"""The progress report to the Ministerial Meeting (plan, part 5), for a period, as Word or Excel.

Both files say the same, "as at" the period's end (or today, if that is earlier): the status
figures overall, by pillar (with a chart) and by section; the period's activities counted by
pillar, section and kind (each once: an activity recorded on a whole section is counted and
shown at the section, never under each of its lines); what changed in the period; each action
line with its own activities (kind, place, lead side, programme) and each section's
section-wide ones; the lines with no activity of their own, compactly by section; and the
acronyms the report uses. Word: app.export.report_docx (the brief's house style). Excel:
app.export.report_xlsx (printable: rows as tall as their wrapped text, 8 pt or more on A4).

The chart (app.export.status_chart, the same in Word and Excel, statuses in app.vocab's
STATUS_ORDER and colours) shows the assessed lines only: beside a plan where most lines are not
yet assessed, progress would otherwise be a sliver. Its caption gives the number not assessed
(the tables give every status).

python-docx and openpyxl are imported only when a report is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.vocab import STATUS_ORDER

from .files import ExportResult, check_target
from .report_content import ReportContent, load_report

if TYPE_CHECKING:
    from openpyxl.chart import BarChart

    from app.service import Desk

    from .status_chart import StatusTable

REPORT_SUFFIXES = (".docx", ".xlsx")
TITLE = "Progress report on the implementation of the Plan of Action"
CHART_DESCRIPTION = ("Bar chart of the assessed action lines by status and pillar; the same "
                     "figures, and the lines not assessed, are in the table above it.")
# What the chart shows: the lines with a status other than "Not assessed" (see above).
CHARTED: tuple[str, ...] = tuple(code for code in STATUS_ORDER if code != "not_assessed")


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


def chart_table(content: ReportContent) -> StatusTable:
    """The chart's data: each pillar's counts by status."""
    from .status_chart import status_table

    return status_table([p.label for p in content.pillars],
                        [dict(p.counts) for p in content.pillars])


def chart_caption(content: ReportContent) -> str:
    """What the chart shows, as at when, and what it leaves out."""
    assessed = content.overall.total - content.not_assessed
    text = (f"Figure 1. The {assessed} assessed action lines by status and pillar, "
            f"{content.as_at_text}.")
    if content.not_assessed:
        lines = "line" if content.not_assessed == 1 else "lines"
        text += (f" Not charted: {content.not_assessed} action {lines} not assessed "
                 "(in the table).")
    return text


def report_chart(table: StatusTable, *, sheet: str, header_row: int = 1,
                 statuses: Sequence[str] = CHARTED, print_scale: float = 1.0) -> BarChart:
    """The status chart (app.export.status_chart) of `statuses` only, in STATUS_ORDER; its
    cell references stay those of the full table; `print_scale`: its sheet's (Excel)."""
    from .status_chart import status_chart

    return status_chart(table, sheet=sheet, header_row=header_row, statuses=statuses,
                        print_scale=print_scale)


def _add_chart(document: Any, table: StatusTable, *, width_mm: float = 160,
               statuses: Sequence[str] = STATUS_ORDER) -> Any:
    """The chart of status by pillar, native, its data embedded (Word: Edit Data)."""
    from docx.shared import Mm

    from .docx_chart import add_chart
    from .status_chart import chart_space_xml, data_workbook

    chart = report_chart(table, sheet="Sheet1", statuses=statuses)
    return add_chart(document, lambda rid: chart_space_xml(chart, workbook_rid=rid),
                     data_workbook(table, "Sheet1"), width=Mm(width_mm),
                     height=Mm(11 * len(table.categories) + 35),
                     name="Chart of status by pillar", description=CHART_DESCRIPTION)
