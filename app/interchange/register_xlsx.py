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
  same name and country, are one person (a row marked inactive only by name and country: a
  predecessor kept as history may share the office's email with its successor). Their fields
  must not contradict each other; a blank cell says nothing (it never erases a stored value).
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

import contextlib
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from app import limits
from app.errors import ImportRefused, InputError
from app.focal.incoming import MergeResult
from app.interchange.register_rows import FIELDS, RawRow, SheetData, build_people, header_field
from app.vocab import ROLES

if TYPE_CHECKING:
    from app.service import Desk

SHEET = "Focal points"
HEADERS = ("Name", "Title", "Organisation", "Country", "Email", "Phone", "Active", "Notes",
           "Ref", "Role", "Text of the action line or section")
# A:J print on A4 landscape with the text at 8 pt or more; K (the action text, for reading
# on screen, ignored on import) is left out of the print area
WIDTHS = (20, 16, 24, 16, 30, 15, 7, 26, 9, 9, 70)
ACTIVE_VALUES = ("yes", "no")
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

    from app.atomic import write_atomically
    from app.export.doc_props import save_workbook, set_xlsx_properties
    from app.export.files import Cleaner, check_target
    from app.export.xlsx_sheets import SheetWriter, Styles, add_lists_sheet, list_range
    from app.vocab import DEFAULT_WORKBOOK_MARKING

    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path.name}: the register is written as an .xlsx workbook")
    check_target(path, (".xlsx",), "the register")
    people = desk.focal.people()
    by_person: dict[int, list[tuple[str, str, str]]] = {}
    count = 0
    for a in desk.focal.assignments(plan_id):
        by_person.setdefault(a.focal_point_id, []).append((a.ref, a.role, a.title))
        count += 1
    wb = Workbook(write_only=True)
    clean = Cleaner()
    sheet = SheetWriter(wb, SHEET, list(zip(HEADERS, WIDTHS, strict=True)), Styles(wb), clean,
                        text_columns=("Ref",), marking=DEFAULT_WORKBOOK_MARKING)
    for fp in people:
        person = [fp.name, fp.title, fp.organisation, fp.country_name, fp.email, fp.phone,
                  "yes" if fp.active else "no", fp.notes]
        for ref, role, title in by_person.get(fp.id) or [("", "", "")]:
            sheet.row([*person, ref, role, title], fp.label)
    lists = (ROLES, ACTIVE_VALUES)
    for header, index in (("Role", 0), ("Active", 1)):
        letter = chr(ord("A") + HEADERS.index(header))
        sheet.dropdown(letter, list_range(index, lists[index]), header, lists[index],
                       spare_rows=500)
    sheet.close()
    sheet.ws.print_area = f"A1:{chr(ord('A') + len(HEADERS) - 2)}{max(sheet.rows, 1)}"
    add_lists_sheet(wb, lists)
    set_xlsx_properties(wb, title="Focal-point register", subject="Focal points",
                        marking=DEFAULT_WORKBOOK_MARKING)

    write_atomically(path, lambda tmp: save_workbook(wb, tmp))
    return ExportResult(path, len(people), count, tuple(sheet.warnings + clean.warnings()))


def import_register(desk: Desk, path: Path, *, plan_id: int | None = None,
                    dry_run: bool = False) -> MergeResult:
    """Merge a register workbook into the database, all or nothing (see the module doc)."""
    sheet = read_sheet(path)
    with desk.transaction(f"register import from {path.name}",
                          backup=None if dry_run else "before-import"):
        people, problems, warnings = build_people(desk.focal.country_lookup(),
                                                  desk.plan.index(plan_id), sheet)
        plan = desk.focal.plan_merge(people, problems)
        if problems:
            raise ImportRefused(path.name, sorted(problems, key=_first_row))
        ids = plan.result.ids if dry_run else tuple(desk.focal.apply_merge(plan))
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
    limits.check_input_file(path, "workbook", str(path))  # a regular file, not too large
    if path.suffix.lower() == ".xls":
        raise InputError(f"{name} is an old .xls workbook: save it as .xlsx in Excel first")
    limits.check_zip(path, "workbook", name)  # before openpyxl decompresses anything
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (InvalidFileException, *_NOT_A_WORKBOOK):
        raise InputError(f"{name} is not an Excel workbook (.xlsx): open it in Excel and save "
                         "it as 'Excel Workbook'") from None
    except Exception:  # noqa: BLE001 - malformed XML inside, or any other damage
        raise InputError(f"{name} is damaged and cannot be read as an Excel workbook") from None
    try:
        return _find_register(wb, name)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - zip, XML or package errors all mean "damaged"
        raise InputError(f"{name} is damaged and cannot be read as an Excel workbook") from None
    finally:
        with contextlib.suppress(Exception):
            wb.close()


def _data_rows(rows: Iterator[Any], header_row: int, columns: dict[str, int],
               name: str) -> list[RawRow]:
    """The rows below the header that hold something, counted against the limits as they are
    read (5 million blank rows compress to a few hundred KB)."""
    data: list[RawRow] = []
    cells_read = 0
    for count, (n, cells) in enumerate(enumerate(rows, start=header_row + 1), start=1):
        cells_read += len(cells)
        if count > limits.MAX_WORKBOOK_ROWS:
            raise InputError(f"{name} has more than {limits.MAX_WORKBOOK_ROWS:,} rows below "
                             "its header (the limit); delete the empty rows at its end")
        if cells_read > limits.MAX_WORKBOOK_CELLS:
            raise InputError(f"{name} has more than {limits.MAX_WORKBOOK_CELLS:,} cells "
                             "(the limit)")
        row = RawRow(n, {f: (cells[i].value, cells[i].data_type)
                         for f, i in columns.items() if i < len(cells)})
        if row.has_values():
            data.append(row)
    return data


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
                return SheetData(ws.title, number, tuple(columns), tuple(ignored),
                                 _data_rows(rows, number, columns, name))
    seen = f" (its first row reads: {', '.join(first_header[:8])})" if first_header else ""
    raise InputError(f"{name}: no sheet has a header row with Name and Country columns{seen}")
