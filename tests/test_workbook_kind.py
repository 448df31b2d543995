"""detect_workbook_kind: a dropped workbook goes to the import that reads it."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.errors import InputError
from app.export import export_matrix
from app.interchange.register_xlsx import export_register
from app.interchange.workbook_kind import detect_workbook_kind


def _book(path, *rows, title="Sheet"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.sqlite_only
def test_each_export_and_hand_made_workbooks_are_told_apart(desk, tmp_path):
    matrix = tmp_path / "matrix.xlsx"
    export_matrix(desk, matrix)
    assert detect_workbook_kind(matrix) == "matrix"
    register = tmp_path / "register.xlsx"
    export_register(desk, register)
    assert detect_workbook_kind(register) == "register"
    assert detect_workbook_kind(_book(tmp_path / "a.xlsx", ["Activities of the mission"], [],
                                      ["Ref", "Title", "Start"], ["3.5(b)", "Haze", None])
                                ) == "activities"
    assert detect_workbook_kind(_book(tmp_path / "m.xlsx", ["Ref", "Status", "Notes"])) == "matrix"
    assert detect_workbook_kind(_book(tmp_path / "r.xlsx", ["E-mail", "Name", "Country"])
                                ) == "register"
    with pytest.raises(InputError, match="neither an implementation matrix"):
        detect_workbook_kind(_book(tmp_path / "x.xlsx", ["Budget", "Amount"]))
    (tmp_path / "not.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not an Excel workbook"):
        detect_workbook_kind(tmp_path / "not.xlsx")
