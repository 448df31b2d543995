"""Issue 21: the stand-alone implementation matrix has one title naming the plan and the day
it was written, and says "(withheld)" where a private note was left out; such a cell comes
back from capitals as no change."""

from __future__ import annotations

import re

import openpyxl

from app.clock import long_date, now
from app.export import export_matrix
from app.interchange.matrix_xlsx import preview_matrix
from tests.export.meeting_data import PRIVATE_NOTE

PLAN = "Plan of Action to Implement the ASEAN-EU Strategic Partnership (2023-2027)"


def all_text(wb):
    return [c.value for ws in wb.worksheets if ws.sheet_state == "visible"
            for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_one_title_with_the_plan_and_an_as_at_date(desk, tmp_path):
    desk.set_status(desk.resolve_ref("2.1(c)"), "Being addressed")
    path = tmp_path / "matrix.xlsx"
    export_matrix(desk, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Implementation matrix"]
    today = long_date(now().date())
    assert ws["A1"].value == (f"Implementation matrix: {PLAN}, as at {today} \u2014 SENSITIVE")
    assert ws["A1"].font.bold and ws["A1"].font.name == "Arial"
    assert [c.value for c in ws[1]][1:] == [None] * 7  # one title, nothing beside it
    # the print header: the short form of the title (the sheet's tab says the rest)
    assert ws.oddHeader.left.text == f"Implementation matrix, as at {today}"
    assert sum("Implementation matrix" in str(v) for v in all_text(wb)) == 1
    for name in ("Focal points", "Acronyms"):
        assert wb[name]["A1"].value == f"{name}: {PLAN}, as at {today} \u2014 SENSITIVE"
    # dates: the long style everywhere (no ISO date in any text; dates are real dates)
    assert not any(re.search(r"\b\d{4}-\d{2}-\d{2}\b", t) for t in all_text(wb))
    updated = [row[7] for row in ws.iter_rows(min_row=3) if row[7].value is not None]
    assert len(updated) == 1
    assert all(c.is_date and c.number_format == "d mmmm yyyy" for c in updated)


def test_a_withheld_private_note_says_so_and_comes_back_as_no_change(desk, tmp_path):
    aid = desk.resolve_ref("1.3(b)")
    desk.set_notes(aid, PRIVATE_NOTE, private=True)
    desk.set_notes(desk.resolve_ref("2.1(c)"), "Shared note.")
    path = tmp_path / "matrix.xlsx"
    export_matrix(desk, path)
    wb = openpyxl.load_workbook(path)
    notes = {r[0].value: r[6].value for r in wb["Implementation matrix"].iter_rows(min_row=3)}
    assert notes["1.3(b)"] == "(withheld)" and notes["2.1(c)"] == "Shared note."
    assert notes["1.1(a)"] is None
    assert PRIVATE_NOTE not in str(all_text(wb))
    # back from a capital unchanged: nothing to import, the private note untouched
    assert preview_matrix(desk, path).changes == ()
    # the file's record gone (a capital copied the sheet into a workbook of its own):
    # "(withheld)" is still not read as a note
    del wb["POA Desk versions"]
    for prop in list(wb.custom_doc_props):
        if prop.name == "POA Desk matrix export":
            wb.custom_doc_props.props.remove(prop)
    wb.save(tmp_path / "copied.xlsx")
    assert [c for c in preview_matrix(desk, tmp_path / "copied.xlsx").changes
            if c.field == "notes"] == []
    assert desk.action(aid).notes == PRIVATE_NOTE
