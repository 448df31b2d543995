"""What the progress report's Word and Excel writers share (app.export.report_docx and
app.export.report_xlsx both import it; app.export.report only dispatches): the title, the
chart's data, caption and chart.

The chart (app.export.status_chart, the same in Word and Excel, statuses in app.vocab's
STATUS_ORDER and colours) shows the assessed lines only: beside a plan where most lines are not
yet assessed, progress would otherwise be a sliver. Its caption gives the number not assessed
(the tables give every status).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.vocab import STATUS_ORDER

if TYPE_CHECKING:
    from openpyxl.chart import BarChart

    from .report_content import ReportContent
    from .status_chart import StatusTable

TITLE = "Progress report on the implementation of the Plan of Action"
CHART_DESCRIPTION = ("Bar chart of the assessed action lines by status and pillar; the same "
                     "figures, and the lines not assessed, are in the table above it.")
# What the chart shows: the lines with a status other than "Not assessed" (see above).
CHARTED: tuple[str, ...] = tuple(code for code in STATUS_ORDER if code != "not_assessed")


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


def add_report_chart(document: Any, table: StatusTable, *, width_mm: float = 160,
                     statuses: Sequence[str] = STATUS_ORDER) -> Any:
    """The chart of status by pillar in a Word document, native, its data embedded (Word:
    Edit Data)."""
    from docx.shared import Mm

    from .docx_chart import add_chart
    from .status_chart import chart_space_xml, data_workbook

    chart = report_chart(table, sheet="Sheet1", statuses=statuses)
    return add_chart(document, lambda rid: chart_space_xml(chart, workbook_rid=rid),
                     data_workbook(table, "Sheet1"), width=Mm(width_mm),
                     height=Mm(11 * len(table.categories) + 35),
                     name="Chart of status by pillar", description=CHART_DESCRIPTION)
