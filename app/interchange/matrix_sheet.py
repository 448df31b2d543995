"""Reading a matrix that comes back: which sheet, which columns, which rows, and what the file
says about the export it came from (app.export.matrix_versions) - said, not trusted: the
import checks it against the database's own record (app.interchange.matrix_xlsx).

- The sheet: the one the export named (its record in the database names it); in a workbook of
  one's own (no export id), the sheet called "Implementation matrix", else the only visible
  sheet with a Ref column and a Status, Notes, Lines to take or Tags column (several such
  sheets: refused, naming them). A visible sheet placed first is never read instead.
- The columns: by header, without case or punctuation, in any order; a field given by two
  columns (two Notes, or Ref and Reference) is refused, naming both.
- The rows: until the cells end, whatever the sheet's stored dimension says (a stale one
  would cut the sheet short).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from app.errors import InputError
from app.export.brief_xlsx import MATRIX_COLUMNS, MATRIX_SHEET
from app.export.matrix_versions import EXPORT_MARK, VERSIONS_SHEET
from app.limits import MAX_WORKBOOK_ROWS

FIELDS = {"status": "Status", "notes": "Notes", "lines_to_take": "Lines to take",
          "tags": "Tags"}
HEADER_SCAN = 10
_KEY = re.compile(r"[^a-z]")

Cell = tuple[Any, str, str]  # value, openpyxl data type, column letter
Row = tuple[int, dict[str, Cell]]  # row number, the cells read by field


def _key(header: str) -> str:
    return _KEY.sub("", header.casefold())


# the matrix's own columns that are for reading only (not listed as ignored)
_OURS = {_key(name) for name, _width in MATRIX_COLUMNS}
_HEADERS = {_key(label): name for name, label in FIELDS.items()} | {"ref": "ref",
                                                                    "reference": "ref"}


@dataclass(frozen=True, slots=True)
class Marks:
    """What a workbook says about the export it came from (nothing of it trusted)."""

    tokens: tuple[str, ...] = ()  # the export ids found (hidden sheet, document property)
    sheet: str = ""  # the matrix sheet the hidden sheet names
    stamps: dict[str, str] = field(default_factory=dict)  # ref -> stamp ('' if given twice)
    has_sheet: bool = False


def rows_of(ws: Any, **kwargs: Any) -> Iterator[tuple[Any, ...]]:
    """A sheet's rows until its cells end: a read-only sheet's stored dimension is not
    trusted (openpyxl would stop where a stale <dimension> says)."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    return ws.iter_rows(**kwargs)  # type: ignore[no-any-return]


def read_marks(wb: Any) -> Marks:
    tokens: list[str] = []
    for prop in getattr(wb, "custom_doc_props", ()) or ():
        if getattr(prop, "name", None) == EXPORT_MARK:
            tokens.append(str(prop.value))
    if VERSIONS_SHEET not in wb.sheetnames:
        return Marks(tuple(dict.fromkeys(tokens)))
    sheet = ""
    stamps: dict[str, str] = {}
    for number, row in enumerate(rows_of(wb[VERSIONS_SHEET], values_only=True), start=1):
        if number == 1:
            if len(row) >= 2 and row[0] == EXPORT_MARK and row[1] is not None:
                tokens.insert(0, str(row[1]))
                sheet = str(row[2]) if len(row) > 2 and row[2] is not None else ""
            continue
        if number > MAX_WORKBOOK_ROWS:
            raise InputError(f"sheet {VERSIONS_SHEET!r} has more than "
                             f"{MAX_WORKBOOK_ROWS:,} rows")
        if number == 2 or len(row) < 2 or not isinstance(row[0], str):
            continue
        stamp = str(row[1]) if row[1] is not None else ""
        stamps[row[0]] = "" if row[0] in stamps and stamps[row[0]] != stamp else stamp
    return Marks(tuple(dict.fromkeys(tokens)), sheet, stamps, True)


@dataclass(frozen=True, slots=True)
class Header:
    row: int
    columns: dict[str, tuple[int, str]]  # field -> (index, header as written)
    others: tuple[str, ...]  # headers of the sender's own (neither read nor the matrix's)


def find_header(ws: Any) -> Header | None:
    """The header row (within the first rows): one with a Ref column and a field's column."""
    from openpyxl.utils import get_column_letter

    for number, row in enumerate(rows_of(ws, max_row=HEADER_SCAN, values_only=True),
                                 start=1):
        headers = [str(v).strip() if v is not None else "" for v in row]
        found: dict[str, list[int]] = {}
        for i, h in enumerate(headers):
            if _key(h) in _HEADERS:
                found.setdefault(_HEADERS[_key(h)], []).append(i)
        if "ref" not in found or len(found) < 2:
            continue
        twice = [(name, places) for name, places in found.items() if len(places) > 1]
        if twice:
            raise InputError("; ".join(
                f"sheet {ws.title!r}, row {number}: columns "
                + " and ".join(f"{get_column_letter(i + 1)} ({headers[i]!r})" for i in places)
                + f" are all read as {FIELDS.get(name, 'Ref')}: keep one of them"
                for name, places in twice))
        others = tuple(h for h in headers if h and _key(h) not in _HEADERS
                       and _key(h) not in _OURS)
        return Header(number, {name: (places[0], headers[places[0]])
                               for name, places in found.items()}, others)
    return None


def read_rows(ws: Any, header: Header, fields: tuple[str, ...]) -> list[Row]:
    """The rows under the header with something in a column read (`fields` and the Ref)."""
    from openpyxl.utils import get_column_letter

    columns = {f: i for f, (i, _h) in header.columns.items() if f == "ref" or f in fields}
    letters = {f: get_column_letter(i + 1) for f, i in columns.items()}
    out = []
    for n, cells in enumerate(rows_of(ws, min_row=header.row + 1), start=header.row + 1):
        if n - header.row > MAX_WORKBOOK_ROWS:
            raise InputError(f"sheet {ws.title!r} has more than {MAX_WORKBOOK_ROWS:,} rows")
        got = {f: (cells[i].value, cells[i].data_type, letters[f])
               for f, i in columns.items() if i < len(cells)}
        if any(v is not None and v != "" for v, _t, _c in got.values()):
            out.append((n, got))
    return out


def own_matrix_sheet(wb: Any, name: str) -> tuple[Any, Header, tuple[str, ...]]:
    """In a workbook with no export id: the sheet to read, its header, and the other visible
    sheets that look like a matrix (not read)."""
    found = []
    for ws in wb.worksheets:
        if ws.title == VERSIONS_SHEET or getattr(ws, "sheet_state", "visible") != "visible":
            continue
        header = find_header(ws)
        if header is not None:
            found.append((ws, header))
    if not found:
        raise InputError(f"{name}: no sheet has a header row with a Ref column and a Status, "
                         "Notes, Lines to take or Tags column (is it an implementation "
                         "matrix?)")
    chosen = [f for f in found if f[0].title == MATRIX_SHEET] or found
    if len(chosen) > 1:
        raise InputError(f"{name}: sheets {', '.join(repr(ws.title) for ws, _h in chosen)} "
                         "all look like a matrix: keep one, or name the one to read "
                         f"{MATRIX_SHEET!r}")
    ws, header = chosen[0]
    return ws, header, tuple(w.title for w, _h in found if w is not ws)


def other_matrices(wb: Any, read: str) -> tuple[str, ...]:
    """The visible sheets, other than the one read, that look like a matrix."""
    return tuple(ws.title for ws in wb.worksheets
                 if ws.title not in (read, VERSIONS_SHEET)
                 and getattr(ws, "sheet_state", "visible") == "visible"
                 and find_header(ws) is not None)
