"""The focal-point register as an Excel workbook: `poadesk focal-points export/import FILE.xlsx`.

Export writes a new workbook: sheet "Focal points", one row per assignment in one plan (the
first unless told; a focal point with none there gets one row with Ref and Role blank), columns

    Name, Title, Organisation, Country, Email, Phone, Active, Notes, Ref, Role,
    Text of the action line or section (for reading only; ignored on import)

with a frozen header, filters, text cells only (nothing a spreadsheet would run as a formula),
Ref as text, and Role / Active as drop-downs (lists on a hidden sheet, enforced).

Import reads the first visible sheet whose header row (within its first 10 rows) has Name and
Country columns. Headers are matched without case, spaces or punctuation and with common
variants ("E-mail", "Organization", "Agency", "Telephone", "Reference", "Action line",
"Remarks"...); other columns are ignored and listed. Per row:

- Name and Country are required; Country is a code ("VN") or the exact display name
  ("Viet Nam"), without case. A row whose Name, Country and Email are all blank but which has
  a Ref continues the focal point of the row above.
- Several rows may describe one person (one per assignment): rows with the same email, or the
  same name and country, are one person. Their fields must not contradict each other; a blank
  cell says nothing (it never erases a stored value).
- Ref is an action line ("1.3(b)", "1.3b") or a section number ("2.1": the whole section),
  blank for no assignment; it must be text: a number such as 1.1 is refused as ambiguous
  (Excel turns 1.10 into 1.1). Role is lead, co-lead, support or contact (blank: lead).
- Active is yes/no (also true/false, y/n, 1/0, x); blank leaves it as it is (new: active).
- A formula in any cell is refused; so is a malformed email, an unknown country, reference or
  role, and a duplicate person (same email, or same name and country, as another).

People are matched with the register and merged as app.focal.merge describes (by email, else
by name and country; fields updated; missing assignments added; roles updated; nothing
removed). The import is all or nothing: any problem refuses the whole file, naming each row,
and the database is unchanged. A dry run reports the same changes without making them.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from app.db import replacing
from app.errors import InputError
from app.focal.merge import ImportRefused, MergeResult, apply_merge, plan_merge
from app.focal.rows import FIELDS, RawRow, SheetData, build_people, header_field
from app.models import ROLES
from app.text_clean import clean_text

if TYPE_CHECKING:
    from app.service import Desk

SHEET = "Focal points"
HEADERS = ("Name", "Title", "Organisation", "Country", "Email", "Phone", "Active", "Notes",
           "Ref", "Role", "Text of the action line or section")
WIDTHS = (28, 24, 34, 22, 32, 18, 8, 40, 10, 10, 70)
WRAPPED = {"Notes", HEADERS[-1]}
MAX_CELL = 32_767
HEADER_SCAN = 10


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    people: int
    assignments: int
    warnings: tuple[str, ...] = ()


def export_register(desk: Desk, path: Path, plan_id: int | None = None) -> ExportResult:
    """Write the register and its assignments (in one plan) to a new .xlsx workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path.name}: the register is written as an .xlsx workbook")
    people = desk.focal.people()
    by_person: dict[int, list[tuple[str, str, str]]] = {}
    count = 0
    for a in desk.focal.assignments(plan_id):
        by_person.setdefault(a.focal_point_id, []).append((a.ref, a.role, a.title))
        count += 1
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    warnings: list[str] = []
    for fp in people:
        person = [fp.name, fp.title, fp.organisation, fp.country_name, fp.email, fp.phone,
                  "yes" if fp.active else "no", fp.notes]
        for ref, role, title in by_person.get(fp.id) or [("", "", "")]:
            row = ws.max_row + 1
            for column, value in enumerate([*person, ref, role, title], start=1):
                _text_cell(ws, row, column, value, warnings, fp.label)
    ref_col, role_col, active_col = (HEADERS.index(h) + 1 for h in ("Ref", "Role", "Active"))
    last = max(ws.max_row, 2)
    for index, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = width
        if header in WRAPPED:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions[get_column_letter(ref_col)].number_format = "@"  # typed refs stay text
    for (cell,) in ws.iter_rows(min_row=2, min_col=ref_col, max_col=ref_col):
        cell.number_format = "@"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{last}"
    lists = wb.create_sheet("Lists")
    lists.sheet_state = "hidden"
    for i, role in enumerate(ROLES, start=1):
        lists.cell(i, 1, role)
    lists.cell(1, 2, "yes")
    lists.cell(2, 2, "no")
    span = last + 500
    for col, formula, what in ((role_col, f"=Lists!$A$1:$A${len(ROLES)}", "Role"),
                               (active_col, "=Lists!$B$1:$B$2", "Active")):
        dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                            showErrorMessage=True, errorTitle=f"Unknown {what.lower()}",
                            error=f"Choose the {what.lower()} from the list.")
        ws.add_data_validation(dv)
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}{span}")
    try:
        with replacing(path) as tmp:
            wb.save(tmp)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None
    return ExportResult(path, len(people), count, tuple(warnings))


def _text_cell(ws: Any, row: int, column: int, value: str, warnings: list[str],
               who: str) -> None:
    if not value:
        return
    text, _changed = clean_text(value)
    if len(text) > MAX_CELL:
        warnings.append(f"{who}: {HEADERS[column - 1]} cut to {MAX_CELL} characters "
                        "(the most an Excel cell holds)")
        text = text[:MAX_CELL]
    cell = ws.cell(row, column, text)
    cell.data_type = "s"  # text, even when it starts with "=": never a formula


def import_register(desk: Desk, path: Path, *, plan_id: int | None = None,
                    dry_run: bool = False) -> MergeResult:
    """Merge a register workbook into the database, all or nothing (see the module doc)."""
    sheet = read_sheet(path)
    plan_id = desk.default_plan_id() if plan_id is None else plan_id
    session_scope = desk.read() if dry_run else desk.write()
    with session_scope as s:
        people, problems, warnings = build_people(s, sheet, plan_id)
        plan = plan_merge(s, people, problems)
        if problems:
            raise ImportRefused(path.name, sorted(problems, key=_first_row))
        ids = plan.result.ids if dry_run else tuple(apply_merge(s, plan))
    ignored = [h for h in sheet.ignored if h != HEADERS[-1]]
    if ignored:
        warnings.insert(0, f"ignored columns: {', '.join(ignored)}")
    return replace(plan.result, ids=ids, warnings=tuple(warnings))


def _first_row(problem: str) -> int:
    match = re.match(r"rows? (\d+)", problem)
    return int(match.group(1)) if match else 1 << 30


_NOT_A_WORKBOOK = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError,
                   IndexError, AttributeError, ParseError)


def read_sheet(path: Path) -> SheetData:
    """The register's rows from the first sheet with Name and Country headers."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    if not path.is_file():
        raise InputError(f"cannot read {path}: no such file")
    if path.suffix.lower() == ".xls":
        raise InputError(f"{name} is an old .xls workbook: save it as .xlsx in Excel first")
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (InvalidFileException, *_NOT_A_WORKBOOK):
        raise InputError(f"{name} is not an Excel workbook (.xlsx): open it in Excel and save "
                         "it as 'Excel Workbook'") from None
    try:
        return _find_register(wb, name)
    except (InvalidFileException, OSError, *_NOT_A_WORKBOOK):
        raise InputError(f"{name} is damaged and cannot be read as an Excel workbook") from None
    finally:
        wb.close()


def _find_register(wb: Any, name: str) -> SheetData:
    from openpyxl.utils import get_column_letter

    first_header: list[str] = []
    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        rows = ws.iter_rows()
        for number, row in enumerate(rows, start=1):
            if number > HEADER_SCAN:
                break
            headers = [str(c.value).strip() if c.value is not None else "" for c in row]
            if not first_header and any(headers):
                first_header = [h for h in headers if h]
            columns: dict[str, int] = {}
            ignored: list[str] = []
            for index, header in enumerate(headers):
                field = header_field(header)
                if field is None:
                    if header:
                        ignored.append(header)
                    continue
                if field in columns:
                    raise InputError(
                        f"{name}, sheet {ws.title!r}: columns "
                        f"{get_column_letter(columns[field] + 1)} and "
                        f"{get_column_letter(index + 1)} are both {FIELDS[field]}")
                columns[field] = index
            if "name" in columns and "country" in columns:
                data = [RawRow(n, {f: (cells[i].value, cells[i].data_type)
                                   for f, i in columns.items() if i < len(cells)})
                        for n, cells in enumerate(rows, start=number + 1)]
                return SheetData(ws.title, number, tuple(columns), tuple(ignored),
                                 [r for r in data if r.has_values()])
    seen = f" (its first row reads: {', '.join(first_header[:8])})" if first_header else ""
    raise InputError(f"{name}: no sheet has a header row with Name and Country columns{seen}")
