"""The Excel brief and the implementation matrix, read back with openpyxl (and as raw XML)."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime

import openpyxl
import pytest

from app.errors import InputError
from app.export import export_brief, export_matrix
from app.export.content import brief_acronyms, load_brief
from app.glossary import acronyms_in
from app.interchange.plan_text import import_plan
from app.vocab import STATUS_LABELS, STATUS_ORDER
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
    assert notes["1.3(b)"] == "(withheld)"  # not a blank a reader takes for "no note"
    assert notes["1.1(a)"] is None  # no note at all
    assert PRIVATE_NOTE not in str(sheet_rows(ws))
    export_matrix(desk, tmp_path / "all.xlsx", include_private=True)
    ws = openpyxl.load_workbook(tmp_path / "all.xlsx")["Implementation matrix"]
    notes = {row[0].value: row[6].value for row in ws.iter_rows(min_row=3)}
    assert notes["1.3(b)"] == PRIVATE_NOTE and "(withheld)" not in notes.values()


def test_status_is_an_enforced_drop_down_from_a_hidden_list(matrix):
    wb = openpyxl.load_workbook(matrix)
    lists = wb["Lists"]
    assert lists.sheet_state == "hidden"
    # the one order of statuses (progress first), as in every breakdown and chart
    assert [row[0].value for row in lists.iter_rows()] == [
        "Achieved", "Recurring", "Being addressed", "Not yet addressed", "Not assessed"]
    assert [row[0].value for row in lists.iter_rows()] == [STATUS_LABELS[c]
                                                          for c in STATUS_ORDER]
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
    # the meeting only: the whole plan's matrix is its own export
    assert visible(wb) == ["Agenda", "Items", "Focal points", "Acronyms"]
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
    assert str(dv.sqref) == "D3:D5" and dv.showErrorMessage  # not the section's summary
    items = [[c.value for c in r] for r in wb["Items"].iter_rows(min_row=3)]
    points = [r[3] for r in items if r[0] == 1 and r[2] in ("Points to make", None)]
    assert points[:2] == ["Welcome the regular SOM and JCC.", "- Propose Brussels."]
    section = [r for r in items if r[0] == 4 and r[1].startswith("3.5(")]
    # the lines the brief quotes (3.5(a) has lines to take of its own), the rest by reference
    assert [r[1] for r in section] == [a.ref for a in meeting.items[3].quoted()] == ["3.5(a)"]
    others = [r for r in items if r[0] == 4 and r[2] == "Other lines"]
    assert [r[1:4] for r in others] == [
        ["3.5", "Other lines", "Not quoted (21 of 22; in the plan and the matrix): (b)\u2013(v)"]]
    refs = {r[1] for r in items}
    assert "4.1(a)" not in refs and "1.2(a)" not in refs  # nothing of the plan beyond it
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
    used = "\n".join(str(v) for name in ("Agenda", "Items", "Focal points")
                     for row in sheet_rows(wb[name]) for v in row if v is not None)
    assert listed == [a.abbr for a in brief_acronyms(used, glossary)]  # the Word brief's rule
    assert "CITES" not in listed and "SOM" in listed  # not the whole plan's 115


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


def test_excel_brief_of_a_meeting_on_another_plan_has_that_plans_lines(desk, tmp_path):
    from tests.conftest import DATA

    plan = import_plan(desk, DATA / "mini-plan.txt")
    meeting = desk.meetings.create("SOM", "Example SOM", refs="1.2(a)", plan_id=plan.id).id
    path = tmp_path / "brief.xlsx"
    export_brief(desk, meeting, path)
    wb = openpyxl.load_workbook(path)
    items = sheet_rows(wb["Items"])[1:]
    text = next(r[3] for r in items if r[2] == "Action text")
    assert [r[1] for r in items if r[2] == "Action text"] == ["1.2(a)"]
    assert text.startswith("Cooperate against cybercrime through the Example Cyber Centre")
    acronyms = [r[0] for r in sheet_rows(wb["Acronyms"])[1:]]
    assert acronyms == ["ECC"]  # that plan's glossary; nothing of the other plan


# -- issue 21: contacts under a marking, status order, leads of a section ---------------------

def markings(path):
    wb = openpyxl.load_workbook(path)
    shown = {(ws.oddHeader.center.text, ws.oddFooter.center.text)
             for ws in wb.worksheets if ws.sheet_state == "visible"}
    with zipfile.ZipFile(path) as z:
        custom = z.read("docProps/custom.xml").decode() if "docProps/custom.xml" in \
            z.namelist() else ""
    return wb, shown, custom


def test_contact_details_print_only_under_a_marking(desk, som, tmp_path):
    # no marking given, but Siti Rahma's e-mail and phone are in it: SENSITIVE, as the matrix
    meeting = desk.meetings.create("SOM", "Unmarked SOM", refs="1.1(a),4.1(a)").id
    assert desk.meetings.get(meeting).marking == ""
    path = tmp_path / "unmarked.xlsx"
    export_brief(desk, meeting, path)
    wb, shown, custom = markings(path)
    contacts = sheet_rows(wb["Focal points"])
    assert contacts[1][4:6] == ["siti@example.invalid", "+62 21 000 000"]
    assert shown == {("SENSITIVE", "SENSITIVE")}
    assert all(ws["A1"].value.endswith("\u2014 SENSITIVE") for ws in wb.worksheets
               if ws.sheet_state == "visible")
    assert ">SENSITIVE</vt:lpwstr>" in custom
    # the meeting's own marking wins
    desk.meetings.edit_meeting(meeting, marking="LIMITE")
    export_brief(desk, meeting, tmp_path / "limite.xlsx")
    assert markings(tmp_path / "limite.xlsx")[1] == {("LIMITE", "LIMITE")}
    # no focal point, no contact details: nothing to mark, no Focal points sheet
    bare = desk.meetings.create("SOM", "Bare SOM", refs="4.1(a)").id
    export_brief(desk, bare, tmp_path / "bare.xlsx")
    wb, shown, _ = markings(tmp_path / "bare.xlsx")
    assert shown == {(None, None)} and "Focal points" not in wb.sheetnames


@pytest.mark.sqlite_only
def test_the_command_line_marks_it_the_same(desk, som, db_path, tmp_path, capsys):
    from app.cli import main

    meeting = desk.meetings.create("SOM", "Unmarked SOM", refs="1.1(a)").id
    desk.close()
    out = tmp_path / "cli.xlsx"
    assert main(["--db", str(db_path), "export", "brief", "--meeting", str(meeting),
                 str(out)]) == 0
    assert markings(out)[1] == {("SENSITIVE", "SENSITIVE")}


def test_status_breakdowns_follow_the_one_status_order(desk, som, tmp_path):
    from app.export.brief_xlsx import status_breakdown

    for ref, status in (("3.5(b)", "Achieved"), ("3.5(c)", "Being addressed"),
                        ("3.5(d)", "Recurring"), ("3.5(e)", "Not yet addressed")):
        desk.set_status(desk.resolve_ref(ref), status)
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som, path)
    wb = openpyxl.load_workbook(path)
    expected = ("22 action lines: Achieved 1; Recurring 1; Being addressed 1; "
                "Not yet addressed 1; Not assessed 18")
    agenda = {r[1]: r[3] for r in sheet_rows(wb["Agenda"])[1:]}
    assert agenda["3.5"] == expected
    items = {(r[1], r[2]): r[4] for r in sheet_rows(wb["Items"])[1:]}
    assert items[("3.5", "Item")] == expected
    assert status_breakdown([STATUS_ORDER[-1], STATUS_ORDER[0]]) == (
        "2 action lines: Achieved 1; Not assessed 1")


def test_a_section_item_says_who_leads_which_line(desk, som, tmp_path):
    from tests.export.meeting_data import add_focal_point

    add_focal_point(desk, "Lee Wei", "SG", organisation="MFA Singapore", action="3.5(c)")
    add_focal_point(desk, "Ana Cruz", "PH", action="3.5(d)", role="co-lead")
    add_focal_point(desk, "Ana Cruz 2", "PH", action="3.5(e)", role="support")
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som, path)
    rows = [r for r in sheet_rows(openpyxl.load_workbook(path)["Items"])[1:] if r[0] == 4]
    first = [r[2] for r in rows].index("Lead focal points")
    leads = [r[3] for r in rows[first:]]  # the item's last rows
    assert leads == ["France: Jean Dupont (Ministère de l'Europe), co-lead: whole section",
                     "Singapore: Lee Wei (MFA Singapore), lead: (c)",
                     "Philippines: Ana Cruz, co-lead: (d)"]


def test_the_items_drop_down_covers_the_action_rows_only(desk, som6, tmp_path):
    path = tmp_path / "brief.xlsx"
    export_brief(desk, som6, path)
    ws = openpyxl.load_workbook(path)["Items"]
    (dv,) = ws.data_validations.dataValidation
    action_rows = {r[0].row for r in ws.iter_rows(min_row=3)
                   if r[2].value in ("Action text", "Quoted lines")
                   or (r[2].value is None and r[4].value)}
    covered = {row for rng in dv.sqref.ranges for row, _column in rng.cells}
    assert covered == action_rows and len(action_rows) == 5  # 1.1(a), 2.1(c), 3.5(a, i), 2.6(i)
    assert " " in str(dv.sqref) and ":" in str(dv.sqref)  # runs as ranges
