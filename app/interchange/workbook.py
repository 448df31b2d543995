"""Opening a workbook that comes in (a matrix back from capitals, activities): the limits first
(a regular file of a sane size, a zip that does not expand past the limit), then openpyxl in
read-only mode; anything that goes wrong while it reads is one line, never a traceback."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.errors import InputError
from app.limits import check_input_file, check_zip


@contextmanager
def reading(path: Path) -> Iterator[Any]:
    """The workbook at `path`, open for reading (closed afterwards); InputError naming the
    file if it is not a workbook or is damaged."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    check_input_file(path, "workbook", name)
    if path.suffix.lower() == ".xls":
        raise InputError(f"{name} is an old .xls workbook: save it as .xlsx in Excel first")
    check_zip(path, "workbook", name)
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError,
            TypeError, IndexError, AttributeError, EOFError):
        raise InputError(f"{name} is not an Excel workbook (.xlsx): open it in Excel and save "
                         "it as 'Excel Workbook'") from None
    except Exception as exc:  # noqa: BLE001 - malformed XML inside the zip, and the like
        raise InputError(f"{name} is damaged and cannot be read as a workbook "
                         f"({type(exc).__name__})") from None
    try:
        yield wb
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet, found while reading it
        raise InputError(f"{name} is damaged and cannot be read as a workbook "
                         f"({type(exc).__name__})") from None
    finally:
        wb.close()


def visible_sheets(wb: Any) -> Iterator[Any]:
    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") == "visible":
            yield ws
