"""The Excel brief and the implementation matrix, read back with openpyxl (and as raw XML)."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime

import openpyxl
import pytest

from app.errors import InputError
from app.export import export_brief, export_matrix
from app.export.content import load_brief
from app.glossary import acronyms_in
from app.interchange.plan_text import import_plan
from app.vocab import STATUS_LABELS
from tests.conftest import raw_session
from tests.export.meeting_data import FORMULA_NOTE, PRIVATE_NOTE, PUBLIC_NOTE


def sheet_rows(ws):
    """The header and the data rows (below the title row)."""
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def visible(wb):
    return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]


def no_formulas(path):
    """No cell in any sheet is a formula (<f>) or a shared-string-free typed number posing as
    text: what a spreadsheet would compute."""
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        return all(b"<f>" not in z.read(n) and b"<f " not in z.read(n) for n in sheets)


@pytest.fixture
def matrix(desk, som, tmp_path):
    desk.set_notes(desk.resolve_ref("4.1(a)"), FORMULA_NOTE)
    desk.set_notes(desk.resolve_ref("4.1(b)"), "+33 1 00 00 00")
    desk.set_notes(desk.resolve_ref("4.1(c)"), "#N/A")
    path = tmp_path / "matrix.xlsx"
    result = export_matrix(desk, path)
    assert result.path == path and result.warnings == ()
    return path


def test_matrix_has_every_action_line_with_text_references(desk, matrix):
    wb = openpyxl.load_workbook(matrix)
    assert visible(wb) == ["Implementation matrix", "Focal points", "Acronyms"]
    ws = wb["Implementation matrix"]
    header = [c.value for c in ws[2]]
    assert header == ["Ref", "Pillar", "Section", "Action", "Status", "Focal points", "Notes",
                      "Last updated"]
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == 165
    tree = desk.plan_tree().all_actions()
    assert [r[0].value for r in rows] == [a.ref for a in tree]
    assert [r[3].value for r in rows] == [a.text for a in tree]
    assert all(r[0].data_type == "s" and isinstance(r[0].value, str) for r in rows)
    by_ref = {r[0].value: [c.value for c in r] for r in rows}
    assert by_ref["1.1(a)"][1:3] == ["1. Political and Security Cooperation",
                                     "1.1 Enhance strategic dialogue and deepen political and "
                                     "security cooperation"]
    assert by_ref["5(a)"][2] is None  # part 5 has no sections
    # the inactive German one is left out
    assert by_ref["1.1(a)"][5] == "Indonesia: Siti Rahma (lead)"
    assert by_ref["3.5(k)"][5] == "France: Jean Dupont (co-lead)"  # through the whole section
    assert by_ref["1.3(b)"][4] == "Being addressed"
    assert isinstance(by_ref["1.3(b)"][7], datetime)


def test_notes_stay_text_whatever_they_begin_with(matrix):
    ws = openpyxl.load_workbook(matrix)["Implementation matrix"]
    notes = {row[0].value: row[6] for row in ws.iter_rows(min_row=3)}
    for ref, value in (("4.1(a)", FORMULA_NOTE), ("4.1(b)", "+33 1 00 00 00"),
                       ("4.1(c)", "#N/A"), ("2.1(c)", PUBLIC_NOTE)):
        assert notes[ref].value == value and notes[ref].data_type == "s", ref
    assert notes["4.1(a)"].quotePrefix  # and it stays text when someone edits the cell
    assert no_formulas(matrix)


def test_private_notes_are_left_out_unless_asked(desk, matrix, tmp_path):
    ws = openpyxl.load_workbook(matrix)["Implementation matrix"]
    notes = {row[0].value: row[6].value for row in ws.iter_rows(min_row=3)}
    assert notes["1.3(b)"] is None
    assert PRIVATE_NOTE not in str(sheet_rows(ws))
    export_matrix(desk, tmp_path / "all.xlsx", include_private=True)
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx")["Implementation matrix"]
    assert PRIVATE_NOTE in [row[6].value for row in ws.iter_rows(min_row=3)]


def test_status_is_an_enforced_drop_down_from_a_hidden_list(matrix):
    wb = openpyxl.load_workbook(matrix)
    lists = wb["Lists"]
    assert lists.sheet_state == "hidden"
    assert [row[0].value for row in lists.iter_rows()] == list(STATUS_LABELS.values())
    (dv,) = wb["Implementation matrix"].data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == "'Lists'!$A$1:$A$5"
    assert dv.showErrorMessage is True and not dv.showDropDown
    assert str(dv.sqref) == "E3:E167"


def test_sheets_are_laid_out_for_reading(matrix):
    wb = openpyxl.load_workbook(matrix)
    ws = wb["Implementation matrix"]
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref == "A2:H167"
    assert ws["D3"].alignment.wrap_text and ws["A2"].font.bold
    assert ws.column_dimensions["D"].width >= 50 and ws.column_dimensions["A"].width < 12
    assert ws.row_dimensions[3].height > 15  # wrapped rows get their height
    for name in ("Focal points", "Acronyms"):
        assert wb[name].freeze_panes == "A3" and wb[name].auto_filter.ref.startswith("A2:")
    contacts = sheet_rows(wb["Focal points"])
    assert contacts[0][:2] == ["Country", "Name"]
    assert [r[1] for r in contacts[1:]] == ["Siti Rahma", "Jean Dupont"]
    assert contacts[2][-1] == "Co-lead: section 3.5"


def test_excel_brief_sheets_and_agenda(desk, som, tmp_path):
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som, path)
    wb = openpyxl.load_workbook(path)
    assert visible(wb) == ["Agenda", "Items", "Implementation matrix", "Focal points",
                           "Acronyms"]
    agenda = wb["Agenda"]
    assert agenda.freeze_panes == "C3"
    rows = list(agenda.iter_rows(min_row=3))
    meeting = desk.meetings.get(som)
    assert [r[1].value for r in rows] == [i.ref for i in meeting.items]
    assert rows[3][1].value == "3.5" and rows[3][1].data_type == "s"  # not the number 3.5
    assert [r[2].value for r in rows] == [i.brief_title for i in meeting.items]
    assert rows[0][4].value == "Indonesia: Siti Rahma (Ministry of Foreign Affairs)"
    assert rows[0][5].value == "Confirm the dates of the next AEMM."
    assert rows[3][6].value == "Welcomed the High-Level Dialogue."
    (dv,) = agenda.data_validations.dataValidation
    assert str(dv.sqref) == "D3 D4 D5" and dv.showErrorMessage  # not the section's summary
    items = [[c.value for c in r] for r in wb["Items"].iter_rows(min_row=3)]
    points = [r[3] for r in items if r[0] == 1 and r[2] in ("Points to make", None)]
    assert points[:2] == ["Welcome the regular SOM and JCC.", "- Propose Brussels."]
    section = [r for r in items if r[0] == 4 and r[1].startswith("3.5(")]
    assert [r[1] for r in section] == [a.ref for a in meeting.items[3].actions]  # a row each
    assert len(list(wb["Implementation matrix"].iter_rows(min_row=3))) == 165
    assert no_formulas(path)


def test_acronyms_sheet_lists_what_the_workbook_uses(desk, som, tmp_path):
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som, path)
    wb = openpyxl.load_workbook(path)
    text = "\n".join(str(v) for name in wb.sheetnames if name != "Lists"
                     for row in sheet_rows(wb[name]) for v in row if v is not None)
    glossary = load_brief(desk, som).glossary  # the plan's, the user's, TOR for ToR
    listed = [r[0] for r in sheet_rows(wb["Acronyms"])[1:]]
    assert listed == [a.abbr for a in acronyms_in(text, glossary)]
    assert "CITES" in listed  # the matrix holds the whole plan


def test_control_characters_and_overlong_text(desk, tmp_path):
    from app.models import ActionLine

    with raw_session(desk) as s:
        a = s.get(ActionLine, desk.resolve_ref("2.2(a)"))
        a.notes = "bell\x07" + "x" * 40_000
    result = export_matrix(desk, tmp_path / "m.xlsx")
    assert result.warnings == (
        "action line 2.2(a) notes: longer than Excel allows in a cell (32,767 characters); "
        "the rest was cut",
        "action line 2.2(a): too long for one row of a sheet (1121 lines); Excel shows only "
        "the first 31",
        "action line 2.2(a) notes: removed control characters Word and Excel reject")
    ws = openpyxl.load_workbook(tmp_path / "m.xlsx")["Implementation matrix"]
    assert [c.value for c in ws[2]][5:7] == ["Focal points", "Notes"]
    note = next(r[6].value for r in ws.iter_rows(min_row=3) if r[0].value == "2.2(a)")
    assert note.startswith("bellxxx") and len(note) == 32_767


def test_wrong_extension_and_locked_target(desk, som, tmp_path):
    with pytest.raises(InputError, match=re.escape("m.csv: an implementation matrix is "
                                                   "written as .xlsx (got '.csv')")):
        export_matrix(desk, tmp_path / "m.csv")
    target = tmp_path / "brief.xlsx"
    target.write_bytes(b"old")
    (tmp_path / "~$brief.xlsx").write_bytes(b"owner")
    with pytest.raises(InputError, match="open in another program"):
        export_brief(desk, som, target)
    assert target.read_bytes() == b"old"


def test_excel_brief_of_a_meeting_on_another_plan_has_that_plans_matrix(desk, tmp_path):
    from tests.conftest import DATA

    plan = import_plan(desk, DATA / "mini-plan.txt")
    meeting = desk.meetings.create("SOM", "Example SOM", refs="1.2(a)", plan_id=plan.id).id
    path = tmp_path / "brief.xlsx"
    export_brief(desk, meeting, path)
    wb = openpyxl.load_workbook(path)
    refs = [r[0] for r in sheet_rows(wb["Implementation matrix"])[1:]]
    assert refs == ["1.1(a)", "1.1(b)", "1.2(a)", "2.1(a)", "3(a)", "3(b)"]
    acronyms = [r[0] for r in sheet_rows(wb["Acronyms"])[1:]]
    assert "ECC" in acronyms and "ASEAN" not in acronyms
