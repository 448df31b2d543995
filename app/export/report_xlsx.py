"""The progress report as Excel, made to print: every sheet on A4 landscape, fitted to one page
wide at 8 pt or more (the column widths are chosen so: app.export.metrics.print_scale), every
row as tall as its wrapped text (LibreOffice never grows a row openpyxl wrote: the height is the
wrapped line count, app.export.metrics.wrapped_lines, times the line height), Arial set on every
cell written (no fallback to a serif font), the marking in the header and the footer, dates in
the Word report's long style ("5 March 2026") or as real dates in a long number format.

Sheets: Summary (figures by pillar, the chart), Activity figures (by pillar, section, kind),
Matrix (each action line with its own activities, each with its kind, place, lead side and
programme, and a row per section holding its section-wide ones: the Activities column adds up
to the number of activities), Changes, No activity, Acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.atomic import write_atomically
from app.clock import long_date, now
from app.text_clean import clean_text
from app.vocab import STATUS_LABELS, STATUS_ORDER

from .content import brief_acronyms
from .doc_props import save_workbook, set_xlsx_properties
from .files import Cleaner
from .metrics import cell_text_points, column_points, print_scale, wrapped_lines
from .report_common import TITLE, chart_caption, chart_table, report_chart
from .report_content import ReportContent, describe

if TYPE_CHECKING:
    from app.glossary import Acronym

FONT = "Arial"
SIZE = 10.0  # points: the body text; printed at 8 pt or more (the sheets' scale >= 0.8)
TITLE_SIZE = 12.0
LINE = 1.275  # a line's height in Arial, in font sizes (Excel: 12.75 pt at 10 pt)
PAD = 3.0  # points above and below a cell's text
LONG_DATE = "d mmmm yyyy"  # 5 March 2026
SECTION_WIDE = "Section-wide activities (the whole section)"
MARGIN_IN = 0.5  # left and right: what metrics.print_scale reckons with

# Column widths (characters) of each sheet: printed on A4 landscape at 80 % or more.
WIDTHS: dict[str, list[float]] = {
    "Summary": [44, 12, 14, 14, 12, 12, 11, 9],
    "Activity figures": [64, 16, 18, 10],
    "Matrix": [8, 16, 24, 48, 14, 11, 50],
    "Changes": [20, 10, 20, 20],
    "No activity": [8, 36, 16, 90],
    "Acronyms": [18, 100],
}


def line_height(size: float) -> float:
    """The height in points of one line of text at `size` points."""
    return size * LINE


def write_report_xlsx(content: ReportContent, target: Path, marking: str,
                      author: str) -> list[str]:
    """Write the Excel report; the warnings (text cleaned of control characters)."""
    book = ReportBook(content, marking, author)
    book.write()
    write_atomically(target, lambda tmp: save_workbook(book.wb, tmp))
    return book.clean.warnings()


class ReportBook:
    def __init__(self, content: ReportContent, marking: str, author: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font

        self.content = content
        self.clean = Cleaner()
        self.marking = self.clean(marking, "marking")
        self.author = author
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.fonts = {False: Font(name=FONT, size=SIZE), True: Font(name=FONT, size=SIZE,
                                                                       bold=True)}
        self.title_font = Font(name=FONT, size=TITLE_SIZE, bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.texts: dict[str, None] = {}  # each distinct text written, for the acronyms sheet
        self._styles: dict[tuple[bool, str], Any] = {}
        self.last: dict[str, int] = {}  # each sheet's last row written (max_row counts)
        # each distinct text (cleaned, whether it had to be) and its line count at a width:
        # a matrix repeats its pillar, section and status texts on every row
        self._cleaned: dict[str, tuple[str, bool]] = {}
        self._lines: dict[tuple[str, float, bool], int] = {}
        # a row's height, shared by the rows of a sheet that have it (a row's number is not
        # written from it): one object for each height, not for each of the many rows
        self._heights: dict[tuple[str, float], Any] = {}

    def write(self) -> None:
        c = self.content
        self.summary()
        self.activity_figures()
        self.matrix()
        ws = self.sheet("Changes", ["Date", "Ref", "Status before", "Status after"])
        for ch in c.changes:
            self.row(ws, [ch.at.date(), ch.ref, ch.old, ch.new])
        ws = self.sheet("No activity", ["Ref", "Section", "Status", "Action"])
        for line in c.without_activity:
            self.row(ws, [line.ref, line.section or line.pillar, line.status, line.text])
        self.acronyms()
        set_xlsx_properties(self.wb, title=f"{TITLE}, {c.period}",
                            subject=self.clean(c.plan_title, "plan title"),
                            marking=self.marking, author_name=self.author)

    # -- sheets -----------------------------------------------------------------------------

    def summary(self) -> None:
        c = self.content
        ws = self.sheet("Summary", ["Pillar", *[STATUS_LABELS[code] for code in STATUS_ORDER],
                                    "Addressed", "Share"])
        for f in (*c.pillars, c.overall):
            self.row(ws, [f.label, *[f.count(code) for code in STATUS_ORDER], f.addressed,
                          round(f.share, 3)], bold=f is c.overall, formats={8: "0%"})
        self.last[ws.title] += 1  # a blank row
        prepared = f"Prepared {long_date(now().date())}" + (
            f" by {self.author}" if self.author else "")
        for text in (f"Period: {c.period}", prepared, chart_caption(c)):
            self.note(ws, text)
        scale = print_scale(WIDTHS[ws.title], MARGIN_IN * 25.4)  # 1.0: the Summary fits
        chart = report_chart(chart_table(c), sheet=ws.title, header_row=2, print_scale=scale)
        chart.width, chart.height = 24, 9.5  # cm: 9 pt text at 100%, on page 1 with the table
        ws.add_chart(chart, f"A{self.last[ws.title] + 2}")

    def activity_figures(self) -> None:
        c = self.content
        figures = c.activity_figures
        ws = self.sheet("Activity figures", ["Pillar, section or kind", "On action lines",
                                             "On whole sections", "Total"])
        if figures is None:
            return
        for count in figures.by_pillar:
            self.row(ws, [count.label, count.on_lines, count.section_wide, count.total])
        self.row(ws, ["All pillars", figures.total - figures.section_wide,
                      figures.section_wide, figures.total], bold=True)
        self.row(ws, ["By section", None, None, None], bold=True)
        for count in figures.by_section:
            self.row(ws, [count.label, count.on_lines, count.section_wide, count.total])
        self.row(ws, ["By kind", None, None, None], bold=True)
        for kind, n in figures.by_kind:
            self.row(ws, [kind, None, None, n])
        self.last[ws.title] += 1  # a blank row
        self.note(ws, f"Each activity of the period counted once, {c.as_at_text}: one "
                      "recorded on a whole section counts for the section, not for each of "
                      "its lines.")

    def matrix(self) -> None:
        ws = self.sheet("Matrix", ["Ref", "Pillar", "Section", "Action", "Status",
                                   "Activities", "Activities in the period"])
        for group in self.content.groups:
            if group.activities:
                self.row(ws, [group.number, group.pillar, group.label, SECTION_WIDE, "",
                              len(group.activities),
                              "\n".join(describe(a) for a in group.activities)])
            for line in group.lines:
                self.row(ws, [line.ref, line.pillar, line.section, line.text, line.status,
                              len(line.activities),
                              "\n".join(describe(a) for a in line.activities)])
        ws.auto_filter.ref = f"A2:G{self.last[ws.title]}"

    def acronyms(self) -> None:
        glossary = self.content.glossary
        used = brief_acronyms(scanned_text(self.texts, glossary), glossary)
        ws = self.sheet("Acronyms", ["Acronym", "Expansion"])
        for a in used:
            self.row(ws, [a.abbr, a.expansion])

    # -- writing ----------------------------------------------------------------------------

    def sheet(self, title: str, header: list[str]) -> Any:
        """A sheet: its title row ("..., as at ..."), header row, widths and print set-up."""
        ws = self.wb.create_sheet(title)
        widths = WIDTHS[title]
        heading = f"{TITLE}, {self.content.as_at_text}"
        first = ws.cell(1, 1)
        first._value, first.data_type, first.font = heading, "s", self.title_font
        self.last[title] = 1
        ws.row_dimensions[1].height = line_height(TITLE_SIZE) + 2 * PAD
        self.texts[heading] = None
        self.row(ws, header, bold=True)
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.freeze_panes = "A3"
        ws.print_title_rows = "1:2"
        setup = ws.page_setup
        setup.orientation, setup.paperSize = "landscape", ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        setup.fitToWidth, setup.fitToHeight = 1, 0
        margins = ws.page_margins
        margins.left = margins.right = MARGIN_IN
        margins.top = margins.bottom = 0.6
        margins.header = margins.footer = 0.25
        ws.HeaderFooter.scaleWithDoc = False  # the marking and page numbers stay their size
        text = self.marking.replace("&", "&&")
        if text:
            for part in (ws.oddHeader.center, ws.oddFooter.center):
                part.text, part.font, part.size = text, f"{FONT},Bold", 10
        ws.oddFooter.left.text = f"Progress report, {self.content.as_at_text}"
        ws.oddFooter.right.text = "Page &P of &N"
        for part in (ws.oddFooter.left, ws.oddFooter.right):
            part.font, part.size = f"{FONT},Regular", 9
        return ws

    def row(self, ws: Any, values: Sequence[object], *, bold: bool = False,
            formats: dict[int, str] | None = None) -> None:
        """One row: text as text (never a formula), dates in the long format, Arial on every
        cell, and as tall as its most wrapped cell; `formats`: number formats by column."""
        from openpyxl.cell.cell import Cell
        from openpyxl.worksheet.dimensions import RowDimension

        title = ws.title
        r = self.last[title] = self.last[title] + 1
        cells = ws._cells
        lines = 1
        for column, (value, width) in enumerate(zip(values, WIDTHS[title], strict=False),
                                                start=1):
            if value is None or value == "":
                continue  # no cell: nothing to show
            if isinstance(value, str):
                text = self._text(value, title)
                cell = Cell(ws, r, column)
                cell._value, cell.data_type = text, "s"  # text, never a formula
                cell._style = self._style(bold, "")
                key = (text, width, bold)
                count = self._lines.get(key)
                if count is None:
                    count = self._lines[key] = wrapped_lines(text, cell_text_points(width),
                                                             SIZE, bold=bold)
                if count > lines:
                    lines = count
            else:
                fmt = (formats or {}).get(column) or (LONG_DATE if isinstance(value, date)
                                                      else "")
                cell = Cell(ws, r, column, value)
                cell._style = self._style(bold, fmt)
            cells[(r, column)] = cell
        height = lines * line_height(SIZE) + PAD
        dimension = self._heights.get((title, height))
        if dimension is None:
            dimension = self._heights[title, height] = RowDimension(ws, r, height)
        ws.row_dimensions[r] = dimension

    def _text(self, value: str, where: str) -> str:
        """`value` cleaned (the warning for `where` if it had to be), remembered for the
        acronyms sheet."""
        done = self._cleaned.get(value)
        if done is None:
            done = self._cleaned[value] = clean_text(value)
        if done[1]:
            self.clean.note(where)
        self.texts[done[0]] = None
        return done[0]

    def _style(self, bold: bool, number_format: str) -> Any:
        """The style of a written cell (Arial, wrapped, top; its number format), made once and
        shared by the cells written with it (assigning fonts cell by cell costs seconds in
        openpyxl; a copy for each cell, time and memory): no cell's style is changed once it
        is written."""
        key = (bold, number_format)
        if key not in self._styles:
            from openpyxl.cell.cell import Cell

            cell = Cell(self.wb.active or self.wb.worksheets[0])
            cell.font, cell.alignment = self.fonts[bold], self.wrap
            if number_format:
                cell.number_format = number_format
            self._styles[key] = cell._style
        return self._styles[key]

    def note(self, ws: Any, text: str) -> None:
        """A line of text across the sheet's columns (merged, wrapped, its height set)."""
        r = self.last[ws.title] = self.last[ws.title] + 1
        widths = WIDTHS[ws.title]
        cell = ws.cell(r, 1)
        text = self._text(text, ws.title)
        cell._value, cell.data_type = text, "s"
        cell.font, cell.alignment = self.fonts[False], self.wrap
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
        room = sum(column_points(w) for w in widths) - 4.5
        ws.row_dimensions[r].height = (wrapped_lines(text, room, SIZE) * line_height(SIZE)
                                       + PAD)


_MARKS = re.compile(r"[:;()]")


def scanned_text(texts: Iterable[str], glossary: Sequence[Acronym]) -> str:
    """The texts to look for acronyms in, shorter: each cut at ':', ';', '(' and ')', each
    piece once (an activity's kind, place, lead and programme recur on every activity), joined
    by ';'. The same acronyms are found as in each text whole: a match never runs across one
    of these marks (an abbreviation's words are joined by spaces), and if an abbreviation
    holds one the texts are scanned whole."""
    if any(_MARKS.search(entry.abbr) for entry in glossary):
        return "\n".join(texts)
    return ";".join(dict.fromkeys(piece for text in texts for piece in _MARKS.split(text)))
