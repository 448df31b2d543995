"""openpyxl building blocks for the Excel exports: streamed (write-only) sheets with a frozen,
filtered header, wrapped text, sensible widths, text that stays text (never a formula, whatever
it begins with), and a status drop-down fed from a hidden "Lists" sheet. Import only from inside
an export (openpyxl is lazy)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.text_clean import clean_text
from app.vocab import STATUS_LABELS

from .content import EXCEL_CELL_LIMIT
from .files import Cleaner

LISTS_SHEET = "Lists"
STATUS_LIST = tuple(STATUS_LABELS.values())
_FORMULA_STARTS = ("=", "+", "-", "@")
Value = str | int | datetime | None
LINE_HEIGHT = 12.2  # points, Arial 10
CHARS_PER_WIDTH = 1.1  # Arial 10 characters per unit of column width, allowing for wrapping


class Styles:
    """The cell styles of one workbook, registered once: each cell then shares one of these
    style arrays (assigning font, alignment... per cell costs a lookup each, per cell)."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        sheet = workbook.create_sheet("styles")  # only to make cells with; removed below
        header = WriteOnlyCell(sheet)
        header.font = Font(name="Arial", size=10, bold=True)
        header.fill = PatternFill("solid", fgColor="D9D9D9")
        header.border = Border(bottom=Side(style="thin", color="808080"))
        header.alignment = Alignment(wrap_text=True, vertical="center")
        font, wrap = Font(name="Arial", size=10), Alignment(wrap_text=True, vertical="top")
        body, quoted, dated = WriteOnlyCell(sheet), WriteOnlyCell(sheet), WriteOnlyCell(sheet)
        literal = WriteOnlyCell(sheet)
        for cell in (body, quoted, dated, literal):
            cell.font, cell.alignment = font, wrap
        quoted.quotePrefix = True  # Excel keeps "=..." text even when the cell is edited
        dated.number_format = "yyyy-mm-dd hh:mm"
        literal.number_format = "@"  # what a user types there stays text ("1.10" is not 1.1)
        self.header, self.body = header._style, body._style
        self.quoted, self.dated, self.literal = quoted._style, dated._style, literal._style
        workbook._sheets.remove(sheet)


class SheetWriter:
    """Rows into one write-only sheet. Widths, freeze and header go in before the first row
    (write-only sheets write their top first); filter and validations at `close()`."""

    def __init__(self, workbook: Any, title: str, columns: Sequence[tuple[str, float]],
                 styles: Styles, clean: Cleaner, *, freeze: str = "A2",
                 marking: str = "", texts: list[str] | None = None,
                 text_columns: Sequence[str] = ()) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

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
        self._per_line = [_chars_per_line(width) for width in self.widths]
        self._cell = WriteOnlyCell
        for index, (name, width) in enumerate(columns, 1):
            dimension = self.ws.column_dimensions[get_column_letter(index)]
            dimension.width = width
            if name in self.text_columns:
                dimension.number_format = "@"
        self.ws.freeze_panes = freeze
        self.ws.print_title_rows = "1:1"
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.paperSize = "9"  # A4
        self.ws.page_setup.fitToWidth, self.ws.page_setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        if marking:
            for hf in (self.ws.oddHeader, self.ws.oddFooter):
                hf.center.text = marking.replace("&", "&&")
                hf.center.font = "Arial,Bold"
        self.ws.oddFooter.right.text = "Page &P of &N"
        self.rows = 0
        self._append([self.text(name, "header", header=True) for name, _ in columns])

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

    def row(self, values: Sequence[Value], where: str) -> None:
        """Append one row: strings as text cells, datetimes as dates, ints as numbers."""
        cells = []
        lines = 1
        for value, name, per_line, literal in zip(values, self.columns, self._per_line,
                                                  self._literal, strict=True):
            if isinstance(value, str):
                clean, changed = clean_text(value)
                if changed:
                    self.clean.note(f"{where} {name.lower()}")
                if len(clean) > EXCEL_CELL_LIMIT:
                    clean = self._fit(clean, f"{where} {name.lower()}")
                else:
                    self.texts.append(clean)
                if len(clean) > per_line or "\n" in clean:
                    lines = max(lines, _wrapped_lines(clean, per_line))
                cells.append(self._text_cell(clean, literal))
            elif isinstance(value, datetime) or value is None:
                cells.append(self.when(value))
            else:
                cells.append(self.number(value))
        if lines > 1:  # LibreOffice does not fit wrapped rows itself on opening
            self.ws.row_dimensions[self.rows + 1].height = min(409, LINE_HEIGHT * lines + 3)
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
        from openpyxl.worksheet.datavalidation import DataValidation

        last = self.rows + spare_rows
        if last < 2:
            return
        dv = DataValidation(type="list", formula1=source, allow_blank=True,
                            showDropDown=False, showErrorMessage=True,
                            errorTitle=title, error=f"Choose one of: {', '.join(choices)}")
        if rows is None:
            dv.add(f"{column}2:{column}{last}")
        else:
            for row in rows:
                dv.add(f"{column}{row}")
        if dv.sqref:
            self.ws.data_validations.append(dv)

    def close(self) -> None:
        self.ws.auto_filter.ref = f"A1:{self.last_column}{max(self.rows, 1)}"


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


def _chars_per_line(width: float) -> int:
    return max(1, int(width * CHARS_PER_WIDTH))


def _wrapped_lines(text: str, per_line: int) -> int:
    """About how many lines `text` takes, wrapped at spaces, `per_line` characters a line."""
    total = 0
    for line in text.split("\n"):
        if len(line) <= per_line:
            total += 1
            continue
        count, used = 1, 0
        for word in line.split():
            if used and used + 1 + len(word) > per_line:
                count, used = count + 1, 0
            used += (1 if used else 0) + len(word)
            while used > per_line:  # a word longer than the column breaks anywhere
                count, used = count + 1, used - per_line
        total += count
    return total
