"""openpyxl building blocks for the Excel exports: sheets with a title row naming what they
are and their marking, a frozen, filtered header, wrapped text in rows as high as their text,
text that stays text (never a formula, whatever it begins with), a status drop-down fed from a
hidden "Lists" sheet, and a print set-up for A4 landscape: one page wide, the header row on
every page, the name and marking in the print header and footer, "Page X of Y". Each sheet's
columns are sized so that the print scale keeps 10 pt text at 8 pt or more
(`app.export.metrics.print_scale`); the header and footer are sized so too
(`header_footer_size`). Arial everywhere: every cell style, every header and footer part and
the workbook's default font. Import only from inside an export (openpyxl is lazy)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.text_clean import clean_text
from app.vocab import STATUS_ORDER, status_label

from .content import EXCEL_CELL_LIMIT
from .files import Cleaner
from .metrics import (
    PRINT_MARGIN_MM,
    cell_text_points,
    header_footer_size,
    wrapped_lines,
)

LISTS_SHEET = "Lists"
# the drop-down's order is the one every status list and breakdown uses (progress first)
STATUS_LIST = tuple(status_label(code) for code in STATUS_ORDER)
_FORMULA_STARTS = ("=", "+", "-", "@")
Value = str | int | datetime | None
FONT_NAME = "Arial"  # every cell, the print header and footer
FONT_SIZE = 10  # points, every cell
LINE_HEIGHT = 12.75  # points a line of Arial 10 takes in Excel (LibreOffice: a little less)
ROW_PADDING = 3.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit: longer texts go to rows of their own


class Styles:
    """The cell styles of one workbook, registered once: each cell then shares one of these
    style arrays (assigning font, alignment... per cell costs a lookup each, per cell).

    The workbook's own default font (its "Normal" style, which every unstyled cell, the empty
    cells of a title row and the default row height go by) becomes Arial 10 too: left at
    openpyxl's Calibri 11, a renderer without Calibri falls back to another face (a serif one
    on some systems). Both have 7-pixel digits, so column widths mean the same."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        _arial_default(workbook)
        sheet = workbook.create_sheet("styles")  # only to make cells with; removed below
        header = WriteOnlyCell(sheet)
        header.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        header.fill = PatternFill("solid", fgColor="D9D9D9")
        header.border = Border(bottom=Side(style="thin", color="808080"))
        header.alignment = Alignment(wrap_text=True, vertical="center")
        title = WriteOnlyCell(sheet)
        title.font = Font(name=FONT_NAME, size=12, bold=True)
        title.alignment = Alignment(vertical="center")
        # a light rule under each row: printed rows (and narrow columns like No. and Ref)
        # stay apart without the screen's grid
        rule = Side(style="hair", color="A6A6A6")
        lines = Border(left=rule, right=rule, bottom=rule)
        label = WriteOnlyCell(sheet)
        label.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        label.alignment = Alignment(wrap_text=True, vertical="top")
        font, wrap = Font(name=FONT_NAME, size=FONT_SIZE), Alignment(wrap_text=True,
                                                                     vertical="top")
        body, quoted, dated = WriteOnlyCell(sheet), WriteOnlyCell(sheet), WriteOnlyCell(sheet)
        literal, centered = WriteOnlyCell(sheet), WriteOnlyCell(sheet)
        for cell in (body, quoted, dated, literal, centered):
            cell.font, cell.alignment = font, wrap
        for cell in (body, quoted, dated, literal, centered, label):
            cell.border = lines
        middle = Alignment(wrap_text=True, vertical="top", horizontal="center")
        centered.alignment = middle
        # a row that opens a group (an agenda item on the Items sheet): bold on a light fill
        strong, strong_centered = WriteOnlyCell(sheet), WriteOnlyCell(sheet)
        for cell in (strong, strong_centered):
            cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
            cell.fill = PatternFill("solid", fgColor="F2F2F2")
            cell.border, cell.alignment = lines, wrap
        strong_centered.alignment = middle
        quoted.quotePrefix = True  # Excel keeps "=..." text even when the cell is edited
        dated.number_format = "d mmmm yyyy"  # the one date style: 5 March 2026
        literal.number_format = "@"  # what a user types there stays text ("1.10" is not 1.1)
        self.header, self.body = header._style, body._style
        self.title, self.label = title._style, label._style
        self.quoted, self.dated, self.literal = quoted._style, dated._style, literal._style
        self.centered = centered._style
        self.strong, self.strong_centered = strong._style, strong_centered._style
        workbook._sheets.remove(sheet)


def _arial_default(workbook: Any) -> None:
    """Make Arial 10 the workbook's default font (font 0 and the "Normal" style), before any
    cell style is registered (openpyxl has no public setting for it)."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    if len(workbook._fonts) != 1:  # styles registered already: leave the workbook as it is
        return
    default = Font(name=FONT_NAME, size=FONT_SIZE, family=2)
    workbook._fonts = IndexedList([default])
    for style in workbook._named_styles:
        if style.name == "Normal":
            style.font = default  # re-binds the style: font 0


class SheetWriter:
    """Rows into one sheet. Widths, freeze, title and header go in before the first row
    (write-only sheets write their top first); filter and validations at `close()`.

    `heading`: a title row above the header (the meeting and the marking) and the name in
    the print header (`print_name` if given: a shorter one); `freeze` is given as if the
    header were row 1; `centered`: columns whose numbers are centred (No.)."""

    def __init__(self, workbook: Any, title: str, columns: Sequence[tuple[str, float]],
                 styles: Styles, clean: Cleaner, *, freeze: str = "A2",
                 marking: str = "", texts: list[str] | None = None,
                 text_columns: Sequence[str] = (), heading: str = "",
                 centered: Sequence[str] = (), print_name: str = "") -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter
        from openpyxl.utils.cell import coordinate_from_string
        from openpyxl.worksheet.page import PageMargins

        self.ws = workbook.create_sheet(title)
        self.title = title
        self.styles = styles
        self.clean = clean
        self.texts = texts if texts is not None else []
        self.warnings: list[str] = []
        self.columns = [name for name, _ in columns]
        self.widths = [width for _, width in columns]
        self.last_column = get_column_letter(len(columns))
        self.text_columns = frozenset(text_columns)
        self._literal = [name in self.text_columns for name in self.columns]
        self._centered = [name in centered for name in self.columns]
        self._room = [cell_text_points(width) for width in self.widths]
        # a text shorter than this surely fits on one line (every character at its widest)
        self._per_line = [int(room / (FONT_SIZE * 1.015)) for room in self._room]
        self._cell = WriteOnlyCell
        for index, (name, width) in enumerate(columns, 1):
            dimension = self.ws.column_dimensions[get_column_letter(index)]
            dimension.width = width
            if name in self.text_columns:
                dimension.number_format = "@"
        self.header_row = 2 if heading else 1
        column, row = coordinate_from_string(freeze)
        self.ws.freeze_panes = f"{column}{row + self.header_row - 1}"
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = "9"  # A4
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        margin = PRINT_MARGIN_MM / 25.4
        self.ws.page_margins = PageMargins(left=margin, right=margin, top=0.75, bottom=0.7,
                                           header=0.3, footer=0.3)
        self.ws.print_options.horizontalCentered = True
        self._print_header(print_name or heading or title, title if heading else "", marking)
        self.rows = 0
        if heading:
            label = heading + (f" \u2014 {marking}" if marking else "")
            cell = self._text_cell(self.clean(label, "title"), False)
            cell._style = styles.title
            self.ws.row_dimensions[1].height = 22
            self._append([cell])
        self._append_header([name for name, _ in columns])

    def _print_header(self, name: str, footer_text: str, marking: str) -> None:
        """The name top left, the marking in the middle of the header and of the footer,
        "Page X of Y" bottom right: every part in Arial (a part with no font is drawn in the
        renderer's default face), at sizes that print at 8 pt or more whether or not the
        program shrinks them with the sheet (`scaleWithDoc` off: Excel keeps them as they
        are; a program that scales them anyway still prints them at 8 pt or more)."""
        small = header_footer_size(self.widths)
        self.ws.HeaderFooter.scaleWithDoc = False
        header, footer = self.ws.oddHeader, self.ws.oddFooter
        header.left.text = _escape(name)
        footer.left.text = _escape(footer_text)
        footer.right.text = "Page &P of &N"
        for part in (header.left, footer.left, footer.right):
            part.font, part.size = f"{FONT_NAME},Regular", small
        if marking:
            for hf in (header, footer):
                hf.center.text = _escape(marking)
                hf.center.font = f"{FONT_NAME},Bold"
                hf.center.size = small + 1

    def text(self, value: str, where: str, *, header: bool = False,
             literal: bool = False) -> Any:
        """A cell that holds `value` as text: never a formula, an error code or a number."""
        clean, changed = clean_text(value)
        if changed:
            self.clean.note(where)
        return self._text_cell(self._fit(clean, where), literal, header=header)

    def _fit(self, clean: str, where: str) -> str:
        """`clean` cut to what a cell holds (and a warning), and kept for the acronym scan."""
        if len(clean) > EXCEL_CELL_LIMIT:
            clean = clean[:EXCEL_CELL_LIMIT]
            self.warnings.append(f"{where}: longer than Excel allows in a cell "
                                 f"({EXCEL_CELL_LIMIT:,} characters); the rest was cut")
        self.texts.append(clean)
        return clean

    def _text_cell(self, clean: str, literal: bool, *, header: bool = False) -> Any:
        """A text cell for `clean` (already cleaned and cut). The value is set as the string it
        is, without openpyxl's type guessing (which takes "=..." for a formula and "#N/A" for
        an error) or its second check for control characters; the style is the workbook's
        shared array (no copy: nothing changes a cell's style array once it is written)."""
        cell = self._cell(self.ws)
        if clean:
            cell._value = clean
            cell.data_type = "s"
        styles = self.styles
        if header:
            cell._style = styles.header
        elif clean.startswith(_FORMULA_STARTS):
            cell._style = styles.quoted
        elif literal:
            cell._style = styles.literal
        else:
            cell._style = styles.body
        return cell

    def when(self, value: datetime | None) -> Any:
        cell = self._cell(self.ws, value=value)
        cell._style = self.styles.dated if value is not None else self.styles.body
        return cell

    def number(self, value: int) -> Any:
        cell = self._cell(self.ws, value=value)
        cell._style = self.styles.body
        return cell

    def _append_header(self, names: Sequence[str]) -> None:
        cells = [self.text(name, "header", header=True) for name in names]
        lines = max(wrapped_lines(name, room, FONT_SIZE, bold=True)
                    for name, room in zip(names, self._room, strict=True))
        if lines > 1:
            self.ws.row_dimensions[self.rows + 1].height = LINE_HEIGHT * lines + ROW_PADDING
        self._append(cells)

    def row(self, values: Sequence[Value], where: str, *, label_column: int = -1,
            strong: bool = False) -> None:
        """Append one row: strings as text cells, datetimes as dates, ints as numbers; the
        row as high as its tallest text (LibreOffice does not fit wrapped rows itself).
        `label_column`: the index of a column written in bold (a field's name); `strong`:
        the whole row in bold on a light fill (the first row of a group)."""
        cells = []
        lines = 1
        for index, (value, name, per_line, literal) in enumerate(zip(
                values, self.columns, self._per_line, self._literal, strict=True)):
            if isinstance(value, str):
                clean, changed = clean_text(value)
                if changed:
                    self.clean.note(f"{where} {name.lower()}")
                if len(clean) > EXCEL_CELL_LIMIT:
                    clean = self._fit(clean, f"{where} {name.lower()}")
                else:
                    self.texts.append(clean)
                bold = strong or index == label_column  # wider: measured as it is drawn
                if bold or len(clean) > per_line or "\n" in clean:
                    lines = max(lines, wrapped_lines(clean, self._room[index], FONT_SIZE,
                                                     bold=bold))
                cell = self._text_cell(clean, literal)
                if strong and cell._style is self.styles.body:  # "=..." keeps its prefix
                    cell._style = self.styles.strong
                elif index == label_column and clean:
                    cell._style = self.styles.label
                cells.append(cell)
            elif isinstance(value, datetime) or value is None:
                cell = self.when(value)
                if strong and value is None:
                    cell._style = self.styles.strong
                cells.append(cell)
            else:
                cell = self.number(value)
                if self._centered[index]:
                    cell._style = (self.styles.strong_centered if strong
                                   else self.styles.centered)
                elif strong:
                    cell._style = self.styles.strong
                cells.append(cell)
        if lines > 1:
            height = LINE_HEIGHT * lines + ROW_PADDING
            if height > MAX_ROW_HEIGHT:
                self.warnings.append(f"{where}: too long for one row of a sheet "
                                     f"({lines} lines); Excel shows only the first "
                                     f"{int((MAX_ROW_HEIGHT - ROW_PADDING) // LINE_HEIGHT)}")
            self.ws.row_dimensions[self.rows + 1].height = min(MAX_ROW_HEIGHT, height)
        self._append(cells)

    def _append(self, cells: list[Any]) -> None:
        self.ws.append(cells)
        self.rows += 1

    def status_dropdown(self, column: str, rows: Sequence[int] | None = None) -> None:
        """Status cells as a drop-down of the status vocabulary (the first list of the
        "Lists" sheet); `rows` limits it to some rows (default: every data row)."""
        self.dropdown(column, list_range(0, STATUS_LIST), "Status", STATUS_LIST, rows)

    def dropdown(self, column: str, source: str, title: str, choices: Sequence[str],
                 rows: Sequence[int] | None = None, *, spare_rows: int = 0) -> None:
        """Cells of `column` as a drop-down of the values in `source` (a range on the hidden
        "Lists" sheet), enforced: any other value is an error. `rows` limits it to some rows
        (default: every data row, plus `spare_rows` below them for rows a user adds)."""
        from openpyxl.worksheet.cell_range import MultiCellRange
        from openpyxl.worksheet.datavalidation import DataValidation

        last = self.rows + spare_rows
        first = self.header_row + 1
        if last < first:
            return
        dv = DataValidation(type="list", formula1=source, allow_blank=True,
                            showDropDown=False, showErrorMessage=True,
                            errorTitle=title, error=f"Choose one of: {', '.join(choices)}")
        if rows is None:
            dv.add(f"{column}{first}:{column}{last}")
        else:  # runs of rows as ranges, in one go (adding cells one by one is quadratic)
            dv.sqref = MultiCellRange(" ".join(
                f"{column}{a}" if a == b else f"{column}{a}:{column}{b}"
                for a, b in _runs(sorted(set(rows)))))
        if dv.sqref:
            self.ws.data_validations.append(dv)

    def close(self) -> None:
        top = self.header_row
        self.ws.auto_filter.ref = f"A{top}:{self.last_column}{max(self.rows, top)}"


def list_range(index: int, values: Sequence[str]) -> str:
    """Where `add_lists_sheet` puts its `index`-th list (0 is column A)."""
    from openpyxl.utils import get_column_letter

    column = get_column_letter(index + 1)
    return f"'{LISTS_SHEET}'!${column}$1:${column}${len(values)}"


def add_lists_sheet(workbook: Any, lists: Sequence[Sequence[str]] = (STATUS_LIST,)) -> None:
    """The hidden sheet the drop-downs read their values from: one list per column, in
    order (see `list_range`)."""
    from openpyxl.cell import WriteOnlyCell

    ws = workbook.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    for n in range(max(len(values) for values in lists)):
        row = []
        for values in lists:
            cell = WriteOnlyCell(ws, value=values[n] if n < len(values) else None)
            if n < len(values):
                cell.data_type = "s"
            row.append(cell)
        ws.append(row)


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _escape(text: str) -> str:
    """Text for a print header or footer: "&" starts a code there."""
    return text.replace("&", "&&")
