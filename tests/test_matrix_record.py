"""The database's own record of each matrix sent out (desk.matrix_exports), on SQLite and on
PostgreSQL: what comes back is checked against it, never against what the file says."""

from __future__ import annotations

from openpyxl import load_workbook

from app.export import export_matrix
from app.export.matrix_versions import VERSIONS_SHEET, digest
from app.interchange.matrix_xlsx import apply_matrix, preview_matrix


def test_an_export_is_recorded_and_a_forged_stamp_is_a_conflict(desk, tmp_path):
    aid = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, "Brief the Chair.")
    path = tmp_path / "m.xlsx"
    export_matrix(desk, path)
    wb = load_workbook(path)
    versions = wb[VERSIONS_SHEET]
    token = versions.cell(1, 2).value
    record = desk.matrix_exports.find(token)
    assert record is not None and record.columns == ("status", "notes")
    assert record.sheet == "Implementation matrix" and len(record.lines) == 165
    assert record.lines[aid].notes_digest == digest("Brief the Chair.")
    assert desk.matrix_exports.find("0" * 32) is None and desk.matrix_exports.find("x") is None
    desk.set_notes(aid, "Changed here since.")
    matrix = wb["Implementation matrix"]
    for row in matrix.iter_rows(min_row=3):
        if row[0].value == "1.3(b)":
            row[6].value = "Theirs."
    for row in versions.iter_rows(min_row=3):
        if row[0].value == "1.3(b)":
            row[1].value = "forged"
    wb.save(path)
    preview = preview_matrix(desk, path)
    (change,) = preview.changes
    assert change.conflict and change.untrusted and change.exported == "Brief the Chair."
    apply_matrix(desk, preview)
    assert desk.action(aid).notes == "Changed here since."
