"""The progress report to the Ministerial Meeting (plan, part 5), for a period, as Word or Excel.

Word: a title page (plan, period, marking), the summary figures overall and by pillar with a
chart of status by pillar (a native chart with its data, app.export.status_chart: editable in
Word, drawn by LibreOffice), the figures by section,
what changed in the period (status changes from the history), the matrix (each action line with
its status and the activities in the period) and the lines with no activity in the period.
Excel: the same figures with the same chart, the matrix as a filterable sheet (references as
text), the changes and the lines without activity. The statuses come in app.vocab's order and
colours (STATUS_ORDER, STATUS_COLOURS) in the tables and the charts alike.

python-docx and openpyxl are imported only when a report is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomically
from app.clock import long_date, now
from app.vocab import STATUS_LABELS, STATUS_ORDER

from .docx_xml import PLAIN, Body, add_field, add_text
from .files import Cleaner, ExportResult, check_target
from .report_content import ReportContent, load_report

if TYPE_CHECKING:
    from app.service import Desk

    from .status_chart import StatusTable

REPORT_SUFFIXES = (".docx", ".xlsx")
TITLE = "Progress report on the implementation of the Plan of Action"
CHART_DESCRIPTION = ("Bar chart of the action lines by status and pillar; the same figures are "
                     "in the table above it.")


def export_report(desk: Desk, date_from: date, date_to: date, target: Path, *,
                  plan_id: int | None = None, marking: str = "", author: str = ""
                  ) -> ExportResult:
    """The progress report for the period, as Word (.docx) or Excel (.xlsx)."""
    check_target(target, REPORT_SUFFIXES, "a progress report")
    if date_to < date_from:
        from app.errors import InputError

        raise InputError(f"the period ends ({date_to}) before it starts ({date_from})")
    content = load_report(desk, date_from, date_to, plan_id)
    clean = Cleaner()
    if target.suffix.lower() == ".docx":
        _write_docx(content, target, clean, marking, author)
    else:
        _write_xlsx(content, target, clean, marking, author)
    return ExportResult(target, tuple(clean.warnings()))


def chart_table(content: ReportContent) -> StatusTable:
    """The chart's data: each pillar's counts by status."""
    from .status_chart import status_table

    return status_table([p.label for p in content.pillars],
                        [dict(p.counts) for p in content.pillars])


# -- Word ----------------------------------------------------------------------------------------

def _write_docx(content: ReportContent, target: Path, clean: Cleaner, marking: str,
                author: str) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10)

    def para(text: str, style_name: str | None = None, where: str = "report") -> Any:
        return document.add_paragraph(clean(text, where), style_name)

    body = Body(document)

    def table(header: list[str], rows: list[list[str]], widths_mm: list[float]) -> None:
        """A table written as XML directly (python-docx's cell API costs seconds here)."""
        t = body.table(widths_mm, header=header)
        for values in rows:
            t.row([[[(clean(line, "report table"), PLAIN)] for line in text.split("\n")]
                   for text in values])

    for part in (section.header, section.footer):
        p = part.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if marking:
            p.add_run(clean(marking, "marking")).bold = True
    numbers = section.footer.add_paragraph()
    numbers.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(numbers._p, "Progress report \u00b7 Page ")
    add_field(numbers._p, "PAGE", "1")
    add_text(numbers._p, " of ")
    add_field(numbers._p, "NUMPAGES", "1")
    para(content.plan_title, "Subtitle", "plan title")
    document.add_heading(TITLE, 0)
    para(f"Period: {content.period}")
    para(f"Prepared {long_date(now().date())}" + (f" by {author}" if author else ""))
    if marking:
        para(f"Handling: {marking}").runs[0].bold = True
    o = content.overall
    para(f"{o.addressed} of {o.total} action lines ({o.share:.0%}) are achieved or being "
         "addressed (Recurring counted as addressed), the measure ASEAN uses to report progress.")
    document.add_heading("Summary by pillar", 1)
    header = ["Pillar", *[STATUS_LABELS[c] for c in STATUS_ORDER], "Addressed"]
    rows = [[f.label, *[str(f.count(c)) for c in STATUS_ORDER],
             f"{f.addressed}/{f.total} ({f.share:.0%})"] for f in (*content.pillars, o)]
    table(header, rows, [38, 21, 21, 21, 21, 21, 27])
    _add_chart(document, chart_table(content))
    document.add_heading("By section", 1)
    table(["Section", "Action lines", "Addressed"],
          [[f.label, str(f.total), f"{f.addressed} ({f.share:.0%})"] for f in content.sections],
          [120, 25, 25])
    document.add_heading("What changed in the period", 1)
    if content.changes:
        table(["Date", "Action line", "Status before", "Status after"],
              [[long_date(c.at.date()), c.ref, c.old, c.new] for c in content.changes],
              [35, 30, 50, 50])
    else:
        para("No status changed in the period.")
    document.add_heading("Action lines and activities", 1)
    matrix = []
    for line in content.lines:
        if not line.activities:
            continue
        done = "\n".join(f"{a.when}: {a.fields.title} ({a.kind_label}"
                         + (f", {a.fields.place}" if a.fields.place else "") + ")"
                         for a in line.activities)
        matrix.append([line.ref, line.text, line.status, done])
    if matrix:
        table(["Ref", "Action", "Status", "Activities in the period"], matrix, [15, 70, 25, 60])
    else:
        para("No activity was recorded in the period.")
    document.add_heading("Action lines with no activity in the period", 1)
    quiet = content.without_activity
    para(", ".join(f"{line.ref} [{line.status}]" for line in quiet) if quiet else "None.")
    props = document.core_properties
    props.title = f"{TITLE}, {content.period}"
    props.subject = content.plan_title
    props.author = props.last_modified_by = author or "POA Desk"
    props.created = props.modified = now()
    props.comments = ""
    props.keywords = marking
    write_atomically(target, lambda tmp: document.save(str(tmp)))


def _add_chart(document: Any, table: StatusTable) -> None:
    """The chart of status by pillar, native, its data embedded (Word: Edit Data)."""
    from docx.shared import Mm

    from .docx_chart import add_chart
    from .status_chart import chart_space_xml, data_workbook, status_chart

    chart = status_chart(table, sheet="Sheet1")
    add_chart(document, lambda rid: chart_space_xml(chart, workbook_rid=rid),
              data_workbook(table, "Sheet1"), width=Mm(170), height=Mm(11 * len(
                  table.categories) + 35), name="Chart of status by pillar",
              description=CHART_DESCRIPTION)


# -- Excel ---------------------------------------------------------------------------------------

def _write_xlsx(content: ReportContent, target: Path, clean: Cleaner, marking: str,
                author: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .status_chart import status_chart

    wb = Workbook()
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    def sheet(title: str, header: list[str], widths: list[int]) -> Any:
        ws = wb.create_sheet(title)
        ws.append([f"{TITLE}, {content.period}" + (f" — {marking}" if marking else "")])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append(header)
        for cell in ws[2]:
            cell.font, cell.alignment = bold, wrap
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.freeze_panes = "A3"
        ws.print_title_rows = "1:2"
        ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", "9"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        if marking:
            ws.oddHeader.center.text = marking.replace("&", "&&")
            ws.oddHeader.center.font = "Arial,Bold"
        ws.oddFooter.right.text = "Page &P of &N"
        return ws

    def text_row(ws: Any, values: list[object]) -> None:
        ws.append([None] * len(values))
        for cell, value in zip(ws[ws.max_row], values, strict=True):
            if isinstance(value, str):
                cell.value = None
                cell._value, cell.data_type = clean(value, ws.title), "s"  # text, never a formula
            else:
                cell.value = value
            cell.alignment = wrap

    wb.remove(wb.active)
    summary = sheet("Summary", ["Pillar", *[STATUS_LABELS[c] for c in STATUS_ORDER],
                                "Addressed", "Share"], [44, 12, 14, 14, 12, 12, 11, 9])
    for f in (*content.pillars, content.overall):
        text_row(summary, [f.label, *[f.count(c) for c in STATUS_ORDER], f.addressed,
                           round(f.share, 3)])
        summary.cell(summary.max_row, 8).number_format = "0%"
    chart = status_chart(chart_table(content), sheet=summary.title, header_row=2)
    chart.width, chart.height = 24, 11  # cm: 9 pt text on A4 landscape at 100%
    rows = len(content.pillars)
    summary.add_chart(chart, f"A{rows + 6}")
    matrix = sheet("Matrix", ["Ref", "Pillar", "Section", "Action", "Status", "Activities",
                              "Activities in the period"], [8, 24, 30, 60, 16, 10, 60])
    for line in content.lines:
        done = "\n".join(f"{a.when}: {a.fields.title} ({a.kind_label})"
                         for a in line.activities)
        text_row(matrix, [line.ref, line.pillar, line.section, line.text, line.status,
                          len(line.activities), done])
    matrix.auto_filter.ref = f"A2:G{matrix.max_row}"
    changes = sheet("Changes", ["Date", "Ref", "Status before", "Status after"],
                    [14, 8, 20, 20])
    for c in content.changes:
        text_row(changes, [c.at.date().isoformat(), c.ref, c.old, c.new])
    quiet = sheet("No activity", ["Ref", "Status", "Action"], [8, 16, 90])
    for line in content.without_activity:
        text_row(quiet, [line.ref, line.status, line.text])
    wb.properties.title = f"{TITLE}, {content.period}"
    wb.properties.subject = content.plan_title
    wb.properties.creator = wb.properties.lastModifiedBy = author or "POA Desk"
    wb.properties.keywords = marking
    write_atomically(target, lambda tmp: wb.save(str(tmp)))
