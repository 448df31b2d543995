"""Which import a workbook is for (a file dropped on the window): the implementation matrix
back from capitals, the focal-point register, or activities, told apart as their readers tell
their sheets: the matrix's export marks, else the first visible sheet whose header row (in its
first rows) has Name and Country (the register), Ref and Title (activities), or Ref and a
matrix column (Status, Notes)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from app.errors import InputError
from app.export.matrix_versions import EXPORT_MARK, VERSIONS_SHEET
from app.interchange import activities_xlsx, matrix_sheet
from app.interchange.register_rows import header_field
from app.interchange.workbook import reading, visible_sheets

WorkbookKind = Literal["matrix", "register", "activities"]
HEADER_SCAN = 10


def detect_workbook_kind(path: Path) -> WorkbookKind:
    """'matrix', 'register' or 'activities'; InputError (one line) if it is none of them or
    not a workbook."""
    with reading(path) as wb:
        if VERSIONS_SHEET in wb.sheetnames or any(
                getattr(p, "name", None) == EXPORT_MARK
                for p in getattr(wb, "custom_doc_props", ()) or ()):
            return "matrix"
        for ws in visible_sheets(wb):
            for row in matrix_sheet.rows_of(ws, max_row=HEADER_SCAN, values_only=True):
                headers = [str(v).strip() for v in row if v is not None and str(v).strip()]
                fields = {header_field(h) for h in headers}
                if {"name", "country"} <= fields:
                    return "register"
                keys = {activities_xlsx._HEADERS.get(activities_xlsx._key(h)) for h in headers}
                if {"ref", "title"} <= keys:
                    return "activities"
                found = {matrix_sheet._HEADERS.get(matrix_sheet._key(h)) for h in headers}
                if "ref" in found and len(found - {None}) >= 2:
                    return "matrix"
    raise InputError(f"{path.name} is neither an implementation matrix, a focal-point register "
                     "nor a list of activities (no sheet has their header row)")
